import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { InventoryItem } from '../../inventory/entities/inventory-item.entity.js';
import { InventoryItemListing } from '../../listings/entities/inventory-item-listing.entity.js';
import { Platform } from '../../platforms/entities/platform.entity.js';
import { User } from '../../users/entities/user.entity.js';
import type { SaleState, ShipmentSyncStatus } from '../orders.rules.js';
import { OrderAddress } from './order-address.entity.js';

/**
 * One sale of one inventory item (seed 003, orders): a line of a marketplace order (the order id repeats on the lines
 * of a multi-item order), or a sale made outside any platform (no platform, no order id). Deduplicated by the
 * organization, platform, platform order id and line; money as `numeric(12,2)`; `status` and `search_text` are
 * computed by the rules on every write. The trigram index of `search_text` is made by the migration.
 */
@Entity('orders')
@Index('IDX_orders_platform_order_line', ['organizationId', 'platformId', 'platformOrderId', 'lineNumber'], { unique: true })
@Index(['organizationId', 'created'])
@Index(['organizationId', 'soldAt'])
@Index(['organizationId', 'salePrice'])
@Index(['organizationId', 'netRevenue'])
@Index(['organizationId', 'status', 'created'])
@Index(['organizationId', 'platformId', 'created'])
@Index(['organizationId', 'inventoryItemId'])
@Index('IDX_orders_search_text_trgm', { synchronize: false })
export class Order extends TenantOwnedEntity {
  /** The user who recorded a sale made outside the platforms; null for a synced order. */
  @Column({ type: 'bigint', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'bigint', nullable: true })
  platformId!: string | null;

  @ManyToOne(() => Platform)
  @JoinColumn({ name: 'platform_id' })
  platform?: Relation<Platform>;

  @Column({ type: 'varchar', length: 200, nullable: true })
  platformOrderId!: string | null;

  /** The line of the marketplace order this row is (0 for the first). */
  @Column({ type: 'integer', default: 0 })
  lineNumber!: number;

  @Column({ type: 'bigint', nullable: true })
  inventoryItemListingId!: string | null;

  @ManyToOne(() => InventoryItemListing, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'inventory_item_listing_id' })
  inventoryItemListing?: Relation<InventoryItemListing>;

  @Column({ type: 'bigint', nullable: true })
  inventoryItemId!: string | null;

  @ManyToOne(() => InventoryItem, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'inventory_item_id' })
  inventoryItem?: Relation<InventoryItem>;

  @Column({ type: 'varchar', length: 20 })
  saleState!: SaleState;

  @Column({ type: 'varchar', length: 100 })
  status!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  externalOrderStatus!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  buyerName!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  buyerEmail!: string | null;

  /** The line's title as the platform showed it (or the item's title): what `search` matches besides the ids and names. */
  @Column({ type: 'varchar', length: 600, default: '' })
  itemTitle!: string;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  salePrice!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  marketplaceFee!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  platformFee!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  shippingCost!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  netRevenue!: string | null;

  @Column({ type: 'timestamptz' })
  soldAt!: Date;

  /** When the marketplace created the order; null for a sale outside the platforms. */
  @Column({ type: 'timestamptz', nullable: true })
  orderCreated!: Date | null;

  /** What the platform's adapter needs again to ship it (line item ids, shop id...). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  marketplaceDetails!: Record<string, unknown>;

  @Column({ type: 'text', default: '' })
  searchText!: string;

  @Column({ type: 'bigint', nullable: true })
  shipmentAddressId!: string | null;

  @ManyToOne(() => OrderAddress, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'shipment_address_id' })
  shipmentAddress?: Relation<OrderAddress>;

  @Column({ type: 'varchar', length: 100, nullable: true })
  shipmentServiceId!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  shipmentTrackingNumber!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  shipmentTrackingCreated!: Date | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  shipmentCarrier!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  shipmentStatus!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  shipmentRateDetail!: Record<string, unknown> | null;

  @Column({ type: 'boolean', default: false })
  shipmentRateRetrievalTried!: boolean;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  shipmentRateCheapestPrice!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  shipmentRateCheapestCarrier!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  shipmentRateCheapestProduct!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  shipmentRateCheapestServiceId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  labelDetail!: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', nullable: true })
  labelLastUpdated!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  shipmentRecipientDetail!: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', nullable: true })
  shipmentRecipientLastUpdated!: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  shipmentLabelUrl!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  shipmentPackingSlipUrl!: string | null;

  /** Whether the tracking reached the platform: pending (being pushed, retried), pushed, or failed after the last try. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  shipmentSyncStatus!: ShipmentSyncStatus | null;

  @Column({ type: 'text', nullable: true })
  shipmentSyncError!: string | null;
}
