import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { Artist } from './artist.entity.js';
import { MusicLabel } from './music-label.entity.js';

export const PRODUCT_TYPES = ['physical', 'digital', 'digital-report', 'nft'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

export interface ProductMetadata {
  external_id?: string | null;
  external_id_title?: string | null;
}

/**
 * A catalog item (an album title); owns inventory items and marketplace presences.
 * The indexes named here are created by migrations (trigram, expression and descending ones TypeORM cannot
 * describe) and left alone by TypeORM: see the product-list-columns migration for what each list uses.
 */
@Index('IDX_products_search_text_trgm', { synchronize: false })
@Index('IDX_products_tags_text_trgm', { synchronize: false })
@Index('IDX_products_artist_sort', { synchronize: false })
@Index('IDX_products_artist_sort_desc', { synchronize: false })
@Index('IDX_products_listed_first', { synchronize: false })
@Index('IDX_products_unlisted_first', { synchronize: false })
@Index('IDX_products_price_high_low', { synchronize: false })
@Index('IDX_products_price_low_high', { synchronize: false })
@Index('IDX_products_most_inventory', { synchronize: false })
@Index('IDX_products_least_inventory', { synchronize: false })
@Entity('products')
@Index(['organizationId', 'created'])
@Index(['organizationId', 'updated'])
@Index(['organizationId', 'title'])
export class Product extends TenantOwnedEntity {
  @Column({ type: 'bigint', nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 500, default: '' })
  title!: string;

  @Column({ type: 'varchar', length: 20, default: 'digital' })
  type!: ProductType;

  @Index()
  @Column({ type: 'bigint', nullable: true })
  artistId!: string | null;

  @ManyToOne(() => Artist, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'artist_id' })
  artist?: Relation<Artist> | null;

  @Index()
  @Column({ type: 'bigint', nullable: true })
  musicLabelId!: string | null;

  @ManyToOne(() => MusicLabel, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'music_label_id' })
  musicLabel?: Relation<MusicLabel> | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  catalogNumber!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  sku!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  upc!: string | null;

  @Column({ type: 'text', array: true, nullable: true })
  formats!: string[] | null;

  /** `YYYY` or `YYYY-MM-DD`, as given. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  year!: string | null;

  @Column({ type: 'text', nullable: true })
  marketplaceDescription!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  licenseType!: string | null;

  @Column({ type: 'text', nullable: true })
  licenseNotes!: string | null;

  @Column({ type: 'varchar', length: 100, array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ type: 'varchar', length: 100, nullable: true })
  mediaType!: string | null;

  @Column({ type: 'boolean', default: false })
  isMatureContent!: boolean;

  @Column({ type: 'varchar', length: 50, nullable: true })
  defaultVisibility!: string | null;

  @Column({ type: 'boolean', default: false })
  defaultShopProduct!: boolean;

  @Column({ type: 'varchar', length: 50, nullable: true })
  backgroundColor!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  enabledProductTypes!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  collections!: Record<string, unknown> | unknown[] | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  priceOverrideUsd!: string | null;

  /** Storage keys of the uploaded image and its thumbnail. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  imageKey!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  imageThumbnailKey!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  metadata!: ProductMetadata | null;

  /** Written by a database trigger (see the product-search-text migration), read only by `search`. */
  @Column({ type: 'text', default: '', select: false, insert: false, update: false })
  searchText!: string;

  /** Written by a database trigger (tags, lowercased, one a line), read only by the `tags` filter. */
  @Column({ type: 'text', default: '', select: false, insert: false, update: false })
  tagsText!: string;

  /** lower(artist name), written by a database trigger: the `artist__name` ordering. */
  @Column({ type: 'varchar', length: 255, nullable: true, insert: false, update: false })
  artistSortName!: string | null;

  /**
   * Kept by database triggers in the transaction that changes the product's items or presences
   * (the product-list-columns migration is the one definition of these rules).
   */
  @Column({ type: 'integer', default: 0, insert: false, update: false })
  totalInventoryCount!: number;

  @Column({ type: 'integer', default: 0, insert: false, update: false })
  listedInventoryCount!: number;

  @Column({ type: 'integer', default: 0, insert: false, update: false })
  availableInventoryCount!: number;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true, insert: false, update: false })
  priceComputedUsd!: string | null;

  /** price_override_usd, else price_computed_usd: the price orderings. */
  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true, insert: false, update: false })
  priceSortUsd!: string | null;

  @Column({ type: 'boolean', default: false, insert: false, update: false })
  hasRedbubblePresence!: boolean;
}
