import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { InventoryItem } from './inventory-item.entity.js';

/**
 * One change of an inventory item, written in the transaction of the change. The actor, listing and item title
 * are copied as they were then, so that the entry still reads the same after the item is renamed or the user leaves.
 */
@Entity('inventory_audit_logs')
@Index(['organizationId', 'inventoryItemId', 'created', 'id'])
export class InventoryAuditLog extends TenantOwnedEntity {
  @Column({ type: 'bigint' })
  inventoryItemId!: string;

  @ManyToOne(() => InventoryItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inventory_item_id' })
  inventoryItem?: Relation<InventoryItem>;

  @Column({ type: 'varchar', length: 32, nullable: true })
  actorUid!: string | null;

  @Column({ type: 'varchar', length: 40 })
  action!: string;

  @Column({ type: 'varchar', length: 20 })
  source!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  listingUid!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  platformSlug!: string | null;

  @Column({ type: 'varchar', length: 600, default: '' })
  inventoryItemTitle!: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  statusBefore!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  statusAfter!: string | null;

  @Column({ type: 'text', default: '' })
  message!: string;

  @Column({ type: 'jsonb', default: {} })
  metadata!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ipAddress!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: 10, default: 'info' })
  severity!: string;
}
