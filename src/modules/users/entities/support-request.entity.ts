import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { User } from './user.entity.js';

export const SUPPORT_CATEGORIES = ['account', 'billing', 'listings', 'marketplaces', 'orders', 'bug', 'feature_request', 'other'] as const;
export type SupportCategory = (typeof SUPPORT_CATEGORIES)[number];

/** A message to support, kept whether or not the email to the support inbox goes out. */
@Entity('support_requests')
@Index(['userId', 'created'])
export class SupportRequest extends TenantOwnedEntity {
  @Column({ type: 'bigint' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 20 })
  category!: SupportCategory;

  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Column({ type: 'text' })
  message!: string;
}
