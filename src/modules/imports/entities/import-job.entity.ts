import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { MarketplaceAccount } from '../../marketplace/entities/marketplace-account.entity.js';
import { Platform } from '../../platforms/entities/platform.entity.js';
import { User } from '../../users/entities/user.entity.js';
import type { ImportItemStatus, ImportJobStatus, ImportPhase } from '../imports.rules.js';

/**
 * An import of a seller account's listings: what its current run does (`phase`, the statuses it works on, its limit)
 * and where the listing pages stand (`fetch_cursor`), so that a worker that stops continues where it was.
 */
@Entity('marketplace_import_jobs')
@Index(['organizationId', 'created'])
@Index(['status'])
export class ImportJob extends TenantOwnedEntity {
  /** Who created it (null once that user is gone). */
  @Column({ type: 'bigint', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'bigint' })
  sellerAccountId!: string;

  @ManyToOne(() => MarketplaceAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'seller_account_id' })
  sellerAccount?: Relation<MarketplaceAccount>;

  @Column({ type: 'bigint' })
  platformId!: string;

  @ManyToOne(() => Platform, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'platform_id' })
  platform?: Relation<Platform>;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status!: ImportJobStatus;

  /** What the run in progress does: fetch and evaluate (`preview`) or also create (`import`); null between runs. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  phase!: ImportPhase | null;

  /** Each preview, start or retry is a new run: a worker of an older one stops, and items remember the run that processed them. */
  @Column({ type: 'integer', default: 0 })
  runNumber!: number;

  /** The item statuses the run works on. */
  @Column({ type: 'varchar', length: 20, array: true, default: () => "'{}'" })
  runStatuses!: ImportItemStatus[];

  /** At most this many listings recorded and items processed by the run; null: all. */
  @Column({ type: 'integer', nullable: true })
  runLimit!: number | null;

  @Column({ type: 'boolean', default: false })
  skipConflicts!: boolean;

  /** Where the next page of the platform's listings starts (the adapter's cursor); null before the first page. */
  @Column({ type: 'text', nullable: true })
  fetchCursor!: string | null;

  /** Every page has been read. */
  @Column({ type: 'boolean', default: false })
  fetchCompleted!: boolean;

  @Column({ type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
