import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { Product } from '../../products/entities/product.entity.js';
import { User } from '../../users/entities/user.entity.js';

/**
 * A downloadable file of a product (an album zip, FLAC, a PDF), kept in private storage and sent to buyers through
 * their purchase's link. The digital migration creates the indexes named here, which TypeORM cannot describe:
 * IDX_digital_assets_one_primary (partial unique: at most one primary asset a product) and
 * IDX_digital_assets_file_name_trgm (trigram, for the product list's `search`).
 */
@Index('IDX_digital_assets_one_primary', { synchronize: false })
@Index('IDX_digital_assets_file_name_trgm', { synchronize: false })
@Entity('digital_assets')
@Index(['organizationId', 'productId', 'created'])
export class DigitalAsset extends TenantOwnedEntity {
  @Column({ type: 'bigint' })
  productId!: string;

  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: Relation<Product>;

  /** Who uploaded it (null once that user is gone). */
  @Column({ type: 'bigint', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** Where the bytes are in private storage. */
  @Column({ type: 'varchar', length: 512 })
  fileKey!: string;

  /** The uploaded file's name, as buyers get it. */
  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ type: 'varchar', length: 255 })
  displayName!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** As detected from the bytes, not as the client declared it. */
  @Column({ type: 'varchar', length: 255 })
  contentType!: string;

  @Column({ type: 'bigint' })
  sizeBytes!: string;

  /** SHA-256 of the bytes, in hex (also the download's ETag). */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'boolean', default: false })
  isPrimary!: boolean;
}
