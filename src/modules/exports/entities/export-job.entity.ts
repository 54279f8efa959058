import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import type { InventoryStatus } from '../../inventory/index.js';
import { User } from '../../users/entities/user.entity.js';
import type { ExportStatus, ExportType } from '../exports.rules.js';

/** The filters an export was asked with, as the list endpoint takes them. */
export interface ExportFilters {
  status?: InventoryStatus[];
  search?: string;
}

/** An asynchronous export: asked for by a user, written by a job on the `exports` queue into private storage. */
@Entity('export_jobs')
@Index(['organizationId', 'created'])
export class ExportJob extends TenantOwnedEntity {
  /** The user who asked for it (null once that user is gone). */
  @Column({ type: 'bigint', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 40 })
  exportType!: ExportType;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status!: ExportStatus;

  @Column({ type: 'jsonb', default: {} })
  filters!: ExportFilters;

  @Column({ type: 'smallint', default: 0 })
  progressPercentage!: number;

  @Column({ type: 'integer', nullable: true })
  rowCount!: number | null;

  /** Where the file is in private storage; set once it is complete. */
  @Column({ type: 'varchar', length: 512, nullable: true })
  fileKey!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  fileName!: string | null;

  @Column({ type: 'bigint', nullable: true })
  fileSize!: string | null;

  @Column({ type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
