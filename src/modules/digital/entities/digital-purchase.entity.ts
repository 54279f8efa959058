import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { Product } from '../../products/entities/product.entity.js';
import { User } from '../../users/entities/user.entity.js';

/**
 * A buyer's right to download a product's assets: until `expiresAt`, each asset at most `downloadLimit` times,
 * through the newest of its download links. It outlives its product (a record of the sale), whose title it keeps.
 * IDX_digital_purchases_order_product (digital migration; partial unique) fulfils an order's product once.
 */
@Index('IDX_digital_purchases_order_product', { synchronize: false })
@Entity('digital_purchases')
@Index(['organizationId', 'created'])
@Index(['organizationId', 'productId', 'created'])
export class DigitalPurchase extends TenantOwnedEntity {
  @Column({ type: 'bigint', nullable: true })
  productId!: string | null;

  @ManyToOne(() => Product, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'product_id' })
  product?: Relation<Product> | null;

  /** Who fulfilled it (null when the system did, or once that user is gone). */
  @Column({ type: 'bigint', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 500 })
  productTitle!: string;

  /** Lowercased. */
  @Column({ type: 'varchar', length: 254 })
  buyerEmail!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  buyerName!: string | null;

  /** The order it fulfils, when there is one (orders are another domain's: its uid, not a foreign key). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  orderUid!: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Downloads allowed per asset, as set when it was fulfilled. */
  @Column({ type: 'integer' })
  downloadLimit!: number;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  emailsSent!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastEmailedAt!: Date | null;
}
