import { Column, DeleteDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { Product } from '../../products/entities/product.entity.js';
import { InventoryItemType } from './inventory-item-type.entity.js';
import type { InventoryStatus } from '../inventory.rules.js';

/**
 * One sellable unit of a product: condition-graded and priced. Soft-deleted (restorable).
 * Indexes made by migrations (partial on live items, or on expressions, which TypeORM cannot declare):
 * IDX_inventory_items_live_status (product-list-columns) serves the product `status` filter; the inventory-items-api
 * migration adds the trigram index of the item `search` and one index per item list ordering; the inventory-analytics
 * migration one per trend date (purchased, listed, sold).
 */
@Index('IDX_inventory_items_live_status', { synchronize: false })
@Index('IDX_inventory_items_search_trgm', { synchronize: false })
@Index('IDX_inventory_items_by_created', { synchronize: false })
@Index('IDX_inventory_items_by_updated', { synchronize: false })
@Index('IDX_inventory_items_by_title', { synchronize: false })
@Index('IDX_inventory_items_by_status', { synchronize: false })
@Index('IDX_inventory_items_by_since', { synchronize: false })
@Index('IDX_inventory_items_by_price', { synchronize: false })
@Index('IDX_inventory_items_by_price_desc', { synchronize: false })
@Index('IDX_inventory_items_by_sku', { synchronize: false })
@Index('IDX_inventory_items_by_sku_desc', { synchronize: false })
@Index('IDX_inventory_items_by_condition', { synchronize: false })
@Index('IDX_inventory_items_by_condition_desc', { synchronize: false })
@Index('IDX_inventory_items_purchased_at', { synchronize: false })
@Index('IDX_inventory_items_listed_at', { synchronize: false })
@Index('IDX_inventory_items_sold_at', { synchronize: false })
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

  @Column({ type: 'bigint', nullable: true })
  inventoryItemTypeId!: string | null;

  @ManyToOne(() => InventoryItemType, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'inventory_item_type_id' })
  inventoryItemType?: Relation<InventoryItemType>;

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

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  /** Where the item is kept: a shelf, a crate. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  location!: string | null;

  /** When the item first reached `purchased`. */
  @Column({ type: 'timestamptz', nullable: true })
  purchasedAt!: Date | null;

  /** When the item first reached `received`. */
  @Column({ type: 'timestamptz', nullable: true })
  receivedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  listedAt!: Date | null;

  /** When the item became `sold` (an order came in): analytics' days to sell and sales trend. */
  @Column({ type: 'timestamptz', nullable: true })
  soldAt!: Date | null;

  /** Written by a database trigger (item name, description and SKU; product title, artist, catalog number), read by `search`. */
  @Column({ type: 'text', default: '', select: false, insert: false, update: false })
  searchText!: string;

  /** lower(the manual name, else the product title), written by a database trigger: the `name`/`title` ordering. */
  @Column({ type: 'varchar', length: 500, default: '', select: false, insert: false, update: false })
  sortTitle!: string;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
