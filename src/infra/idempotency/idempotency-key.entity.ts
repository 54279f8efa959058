import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One `Idempotency-Key` an organization sent: the fingerprint of the request it came with and, once that request
 * finished, the answer it got (replayed to a retry of the same request until `expires_at`).
 */
@Entity('idempotency_keys')
@Index(['organizationId', 'key'], { unique: true })
export class IdempotencyKey {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  created!: Date;

  @Column({ type: 'bigint' })
  organizationId!: string;

  // Named, not imported, so that infra depends on no domain module.
  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: object;

  @Column({ type: 'varchar', length: 255 })
  key!: string;

  /** SHA-256 of the method, the path and the canonical JSON of the body. */
  @Column({ type: 'char', length: 64 })
  fingerprint!: string;

  /** Null while the first request is still running. */
  @Column({ type: 'smallint', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
