import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import type { ListingForImport } from '../../marketplace/index.js';
import type { ConflictType, ImportItemStatus, ImportResolution } from '../imports.rules.js';
import { ImportJob } from './import-job.entity.js';

/**
 * One listing an import found, keyed by its platform listing id within the job, with what happened to it. Within the
 * organization, one listing creates at most one item: IDX_marketplace_import_items_created (partial, made by the
 * migration) holds (organization, platform, listing id) unique over the items that created one.
 */
@Index('IDX_marketplace_import_items_created', { synchronize: false })
@Entity('marketplace_import_items')
@Index(['importJobId', 'externalListingId'], { unique: true })
@Index(['importJobId', 'status', 'id'])
export class ImportItem extends TenantOwnedEntity {
  @Column({ type: 'bigint' })
  importJobId!: string;

  @ManyToOne(() => ImportJob, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_job_id' })
  importJob?: Relation<ImportJob>;

  /** The job's platform, kept here for the organization-wide key. */
  @Column({ type: 'bigint' })
  platformId!: string;

  @Column({ type: 'varchar', length: 200 })
  externalListingId!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  externalSku!: string | null;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status!: ImportItemStatus;

  @Column({ type: 'varchar', length: 500, default: '' })
  listingTitle!: string;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  listingPrice!: string | null;

  /** The listing as the platform gave it (ListingForImport): what the item is made from, without asking the platform again. */
  @Column({ type: 'jsonb' })
  listing!: ListingForImport;

  @Column({ type: 'varchar', length: 30, nullable: true })
  conflictType!: ConflictType | null;

  @Column({ type: 'text', nullable: true })
  conflictDetails!: string | null;

  /** The item the conflict is with (what `link` attaches the listing to). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  conflictItemUid!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  errorCode!: string | null;

  @Column({ type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  resolution!: ImportResolution;

  @Column({ type: 'varchar', length: 32, nullable: true })
  createdInventoryItemUid!: string | null;

  /** The run that last processed the item (a run processes each item once). */
  @Column({ type: 'integer', nullable: true })
  processedInRun!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}
