import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity.js';
import { Platform } from '../../platforms/entities/platform.entity.js';
import { Product } from './product.entity.js';

/** Where a product is represented on a selling platform. Its integer `id` is public, as documented. */
@Entity('marketplace_presences')
@Index(['productId', 'created'])
export class MarketplacePresence {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'bigint' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'bigint' })
  productId!: string;

  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: Relation<Product>;

  @Index()
  @Column({ type: 'bigint', nullable: true })
  platformId!: string | null;

  @ManyToOne(() => Platform, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'platform_id' })
  platform?: Relation<Platform> | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  externalListingId!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  externalUrl!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  status!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  listingPrice!: string | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  listingCurrency!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  listingPriceUsd!: string | null;

  @Column({ type: 'boolean', default: true })
  isSellingEnabled!: boolean;

  /** Image the platform shows for the listing (last fallback of product_image). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  imageUrl!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  priceLastUpdated!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastCheckedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  created!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updated!: Date;
}
