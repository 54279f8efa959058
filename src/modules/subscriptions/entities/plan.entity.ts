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
}
