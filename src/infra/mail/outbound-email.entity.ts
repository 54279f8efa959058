import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * `kept`: no SMTP server is configured, so the outbox row (and the log) is where the message is read;
 * `pending` -> `sent`, or `failed` after the last delivery attempt (with the SMTP server's error).
 */
export const OUTBOUND_EMAIL_STATUSES = ['kept', 'pending', 'sent', 'failed'] as const;
export type OutboundEmailStatus = (typeof OUTBOUND_EMAIL_STATUSES)[number];

/** Every email the service sends, written in the transaction of the action that sends it (the outbox). */
@Entity('outbound_emails')
@Index(['toAddress', 'created'])
export class OutboundEmail {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  created!: Date;

  @Column({ type: 'varchar', length: 254 })
  toAddress!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ type: 'text' })
  textBody!: string;

  @Column({ type: 'text', nullable: true })
  htmlBody!: string | null;

  /** Where replies go when not to MAIL_FROM (a support request: the user who wrote it). */
  @Column({ type: 'varchar', length: 254, nullable: true })
  replyTo!: string | null;

  /** What the message is (`password_reset`, `invite`...), for operators reading the outbox. */
  @Column({ type: 'varchar', length: 40 })
  purpose!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: OutboundEmailStatus;

  @Column({ type: 'smallint', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
