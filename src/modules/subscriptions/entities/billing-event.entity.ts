import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity.js';
import type { BillingProvider } from './subscription.entity.js';

/**
 * A piece of billing news already applied (a Stripe event, an App Store notification or verified transaction): its
 * unique key makes a second delivery of the same news change nothing.
 */
@Entity('billing_events')
@Index(['provider', 'externalId'], { unique: true })
export class BillingEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  created!: Date;

  @Column({ type: 'varchar', length: 10 })
  provider!: Exclude<BillingProvider, 'trial'>;

  /** Stripe's event id (`evt_...`), `notification:<notificationUUID>` or `transaction:<transactionId>` for Apple. */
  @Column({ type: 'varchar', length: 255 })
  externalId!: string;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  /** The organization the news was applied to; null when it named none of ours. */
  @Index()
  @Column({ type: 'bigint', nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;
}
