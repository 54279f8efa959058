import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../infra/database/base.entity.js';

/** A subscription plan and its limits; rows are seeded by a migration. */
@Entity('plans')
export class Plan extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  uid!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'numeric', precision: 12, scale: 2, default: 0 })
  priceMonthlyUsd!: string;

  @Column({ type: 'integer' })
  photosPerItemLimit!: number;

  @Column({ type: 'integer' })
  maxItemsPerBatch!: number;

  @Column({ type: 'boolean', default: false })
  isPro!: boolean;

  /** The Stripe Price (`price_...`) Checkout sells this plan with; null sends the monthly price inline (price_data). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 255, nullable: true })
  stripePriceId!: string | null;

  /** The App Store Connect product id of the auto-renewable subscription that buys this plan; null: not sold in the app. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 255, nullable: true })
  appleProductId!: string | null;
}
