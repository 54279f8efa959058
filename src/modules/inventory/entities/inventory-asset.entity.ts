import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { InventoryItem } from './inventory-item.entity.js';

/**
 * A photo or file attached to an inventory item.
 * IDX_inventory_assets_one_identifying (inventory-asset-identifying migration; partial, which TypeORM cannot
 * declare) holds an item to one identifying asset, whatever the concurrency.
 */
@Index('IDX_inventory_assets_one_identifying', { synchronize: false })
@Entity('inventory_assets')
@Index(['inventoryItemId', 'created'])
export class InventoryAsset extends TenantOwnedEntity {
  @Column({ type: 'bigint' })
  inventoryItemId!: string;

  @ManyToOne(() => InventoryItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inventory_item_id' })
  inventoryItem?: Relation<InventoryItem>;

  @Column({ type: 'varchar', length: 30, default: 'photo' })
  type!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'varchar', length: 300 })
  fileKey!: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  thumbnailKey!: string | null;

  @Column({ type: 'varchar', length: 255, default: '' })
  fileName!: string;

  @Column({ type: 'integer', default: 0 })
  fileSize!: number;

  @Column({ type: 'boolean', default: false })
  isIdentifyingAsset!: boolean;
}
