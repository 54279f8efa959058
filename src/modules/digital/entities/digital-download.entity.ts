import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { DigitalAsset } from './digital-asset.entity.js';
import { DigitalPurchase } from './digital-purchase.entity.js';

/** One request that sent (part of) an asset to a buyer: the download log. It keeps the asset's uid and file name. */
@Entity('digital_downloads')
@Index(['purchaseId', 'assetId'])
@Index(['organizationId', 'purchaseId', 'created'])
export class DigitalDownload extends TenantOwnedEntity {
  @Column({ type: 'bigint' })
  purchaseId!: string;

  @ManyToOne(() => DigitalPurchase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'purchase_id' })
  purchase?: Relation<DigitalPurchase>;

  @Column({ type: 'bigint', nullable: true })
  assetId!: string | null;

  @ManyToOne(() => DigitalAsset, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'asset_id' })
  asset?: Relation<DigitalAsset> | null;

  @Column({ type: 'varchar', length: 32 })
  assetUid!: string;

  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  /** A range past the first byte of an asset already downloaded: it continues a download, it is not a new one. */
  @Column({ type: 'boolean' })
  isResume!: boolean;

  /** First byte sent (0 for the whole file). */
  @Column({ type: 'bigint', default: 0 })
  rangeStart!: string;

  /** Bytes the response carries when it completes. */
  @Column({ type: 'bigint' })
  bytesExpected!: string;

  @Column({ type: 'bigint', default: 0 })
  bytesSent!: string;

  @Column({ type: 'boolean', default: false })
  completed!: boolean;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ipAddress!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
