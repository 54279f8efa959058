import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../../../infra/database/base.entity.js';
import { Platform } from '../../platforms/entities/platform.entity.js';

/** Per organization and platform, how far the order sync has read: the watermark the next sync starts from. */
@Entity('order_sync_states')
@Index(['organizationId', 'platformId'], { unique: true })
export class OrderSyncState extends BaseEntity {
  @Column({ type: 'bigint' })
  organizationId!: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: object;

  @Column({ type: 'bigint' })
  platformId!: string;

  @ManyToOne(() => Platform)
  @JoinColumn({ name: 'platform_id' })
  platform?: Relation<Platform>;

  /** When the last sync that read to the end started (the next reads from a little before it); null before the first. */
  @Column({ type: 'timestamptz', nullable: true })
  syncedFrom!: Date | null;

  /** When a sync of the connection last finished, and how many order lines it recorded or changed. */
  @Column({ type: 'timestamptz', nullable: true })
  lastRunAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  lastRunOrders!: number;

  /** Why the last sync failed (cleared by the next one that reads to the end). */
  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
