import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../../../infra/database/base.entity.js';
import { Organization } from '../../organizations/entities/organization.entity.js';
import { Plan } from './plan.entity.js';

export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'past_due', 'canceled', 'expired'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** Who bills the subscription: our own trial, Stripe, or Apple in-app purchase. */
export const BILLING_PROVIDERS = ['trial', 'stripe', 'apple'] as const;
export type BillingProvider = (typeof BILLING_PROVIDERS)[number];

/** One subscription per organization. */
@Entity('subscriptions')
export class Subscription extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  uid!: string;

  @Index({ unique: true })
  @Column({ type: 'bigint' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'bigint' })
  planId!: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<Plan>;

  @Column({ type: 'varchar', length: 20 })
  status!: SubscriptionStatus;

  @Column({ type: 'timestamptz', nullable: true })
  trialEndsAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  currentPeriodEnd!: Date | null;

  @Column({ type: 'varchar', length: 10, default: 'trial' })
  provider!: BillingProvider;

  /** Since when a payment has been failing (status past_due); the grace period counts from here. */
  @Column({ type: 'timestamptz', nullable: true })
  pastDueSince!: Date | null;

  /** When the provider's news that set the current state was created: older news never overwrites it. */
  @Column({ type: 'timestamptz', nullable: true })
  stateAsOf!: Date | null;

  /** The organization's Stripe customer (`cus_...`), created on its first checkout and reused after. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 255, nullable: true })
  stripeCustomerId!: string | null;

  /** The Stripe subscription (`sub_...`) the state comes from. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 255, nullable: true })
  stripeSubscriptionId!: string | null;

  /**
   * The UUID the app sets as `appAccountToken` on its purchases, so that App Store notifications name the organization.
   * Given with the trial, or on the first read of a subscription created without one.
   */
  @Index({ unique: true })
  @Column({ type: 'uuid', nullable: true })
  appleAppAccountToken!: string | null;

  /** The App Store subscription (its original transaction id) the state comes from. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  appleOriginalTransactionId!: string | null;
}
