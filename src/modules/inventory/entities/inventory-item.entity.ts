import { Column, DeleteDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { Product } from '../../products/entities/product.entity.js';
import type { InventoryStatus } from '../inventory.rules.js';

/**
 * One sellable unit of a product: condition-graded and priced. Soft-deleted (restorable).
 * IDX_inventory_items_live_status (partial, made by the product-list-columns migration) serves the product `status` filter.
 */
@Index('IDX_inventory_items_live_status', { synchronize: false })
@Entity('inventory_items')
@Index(['organizationId', 'status', 'created'])
@Index(['organizationId', 'updated'])
export class InventoryItem extends TenantOwnedEntity {
  @Column({ type: 'bigint', nullable: true })
  userId!: string | null;

  @Index()
  @Column({ type: 'bigint' })
  productId!: string;

  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: Relation<Product>;

  @Column({ type: 'varchar', length: 500, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 30, default: 'draft' })
  status!: InventoryStatus;

  @Column({ type: 'varchar', length: 20, nullable: true })
  conditionItem!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  conditionContainer!: string | null;

  @Column({ type: 'boolean', default: false })
  conditionContainerManuallySet!: boolean;

  @Column({ type: 'text', nullable: true })
  conditionComments!: string | null;

  @Column({ type: 'text', nullable: true })
  conditionSellerDescription!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  priceTotalUsd!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  priceItemUsd!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  priceShippingUsd!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  priceExpectedUsd!: string | null;

  @Column({ type: 'numeric', precision: 9, scale: 2, nullable: true })
  pricePurchasedItem!: string | null;

  @Column({ type: 'numeric', precision: 9, scale: 2, nullable: true })
  priceForPurchasesShipping!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  listingCurrentPrice!: string | null;

  @Column({ type: 'text', nullable: true })
  manualDescription!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  manualSku!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  listedAt!: Date | null;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
