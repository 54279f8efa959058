import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { InventoryItem } from '../../inventory/entities/inventory-item.entity.js';
import { Platform } from '../../platforms/entities/platform.entity.js';
import type { ListingStatus } from '../listings.rules.js';

/** The last failure of a listing action, as `last_error_code` shows it. */
export interface ListingError {
  uid: string;
  slug: string;
  message: string;
  description: string;
}

/**
 * An inventory item's listing on one selling platform (at most one per item and platform): its state in the
 * listing lifecycle, the marketplace's identifiers, and the texts and details it was listed with.
 */
@Entity('inventory_item_listings')
@Index(['inventoryItemId', 'platformId'], { unique: true })
@Index(['organizationId', 'inventoryItemId'])
@Index(['organizationId', 'status'])
@Index('IDX_inventory_item_listings_queued', ['updated'], { where: 'queued_job_id IS NOT NULL' })
@Index(['organizationId', 'platformId', 'listingId'])
export class InventoryItemListing extends TenantOwnedEntity {
  @Column({ type: 'bigint' })
  inventoryItemId!: string;

  @ManyToOne(() => InventoryItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'inventory_item_id' })
  inventoryItem?: Relation<InventoryItem>;

  @Column({ type: 'bigint' })
  platformId!: string;

  @ManyToOne(() => Platform)
  @JoinColumn({ name: 'platform_id' })
  platform?: Relation<Platform>;

  /** The user who last acted on the listing. */
  @Column({ type: 'bigint', nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 30, default: 'draft' })
  status!: ListingStatus;

  /** The marketplace's own identifier of the listing. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  listingId!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  listingPriceUsd!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  marketplaceUrl!: string | null;

  @Column({ type: 'text', nullable: true })
  marketplaceDescription!: string | null;

  @Column({ type: 'text', nullable: true })
  mlGeneratedTitle!: string | null;

  @Column({ type: 'text', nullable: true })
  mlGeneratedDescription!: string | null;

  /** Platform-specific data (category, shipping profile...): shallow-merged on update. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  marketplaceDetails!: Record<string, unknown>;

  @Column({ type: 'boolean', default: true })
  isDraft!: boolean;

  @Column({ type: 'boolean', default: false })
  isSold!: boolean;

  @Column({ type: 'jsonb', nullable: true })
  lastError!: ListingError | null;

  @Column({ type: 'timestamptz', nullable: true })
  listedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  delistedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  soldAt!: Date | null;

  /**
   * The job the listing waits for while in_progress or delisting: recorded with the status, cleared with the outcome,
   * so that a job lost before it reached the queue (the process stopped in between) is queued again under the same id.
   */
  @Column({ type: 'varchar', length: 20, nullable: true })
  queuedAction!: 'list' | 'publish' | 'delist' | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  queuedJobId!: string | null;
}
