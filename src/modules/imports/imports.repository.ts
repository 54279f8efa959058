import { Injectable } from '@nestjs/common';
import { In, type QueryDeepPartialEntity } from 'typeorm';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { ImportItem } from './entities/import-item.entity.js';
import { ImportJob } from './entities/import-job.entity.js';
import type { ImportItemStatus, ImportJobStatus, ImportPhase, ItemCounts } from './imports.rules.js';

/** The newest jobs a list shows. */
const LIST_SIZE = 50;

/** A listing found on a page, as a new import item takes it. */
export type NewImportItem = Pick<
  ImportItem,
  | 'externalListingId'
  | 'externalSku'
  | 'status'
  | 'listingTitle'
  | 'listingPrice'
  | 'listing'
  | 'conflictType'
  | 'conflictDetails'
  | 'conflictItemUid'
  | 'errorCode'
  | 'errorMessage'
  | 'resolution'
  | 'processedAt'
>;

/** What processing an item sets on it: every outcome column. */
export type ItemOutcome = Pick<
  ImportItem,
  | 'id'
  | 'status'
  | 'resolution'
  | 'conflictType'
  | 'conflictDetails'
  | 'conflictItemUid'
  | 'errorCode'
  | 'errorMessage'
  | 'createdInventoryItemUid'
  | 'processedAt'
  | 'processedInRun'
>;

const emptyCounts = (): ItemCounts => ({ pending: 0, imported: 0, failed: 0, conflict: 0, skipped: 0 });

/** A run of a job, as its worker holds it: what its statements are scoped by. */
export type ImportRun = Pick<ImportJob, 'id' | 'organizationId' | 'runNumber'>;

const runParameters = (run: ImportRun) => ({ organizationId: run.organizationId, jobId: run.id, run: run.runNumber });

/** The job's items that run `run` has not processed yet (with runParameters). */
const ITEMS_OF_RUN =
  'item.organization_id = :organizationId AND item.import_job_id = :jobId AND (item.processed_in_run IS NULL OR item.processed_in_run <> :run)';

/** Import jobs and their items; every method on tenant rows is scoped by the organization. */
@Injectable()
export class ImportsRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get jobs() {
    return this.db.getRepository(ImportJob);
  }

  private get items() {
    return this.db.getRepository(ImportItem);
  }

  createJob(fields: { organizationId: string; userId: string; sellerAccountId: string; platformId: string }): Promise<ImportJob> {
    return this.jobs.save({ ...fields, uid: newUid('job'), status: 'pending' as const });
  }

  findJob(organizationId: string, uid: string, options: { lock?: boolean } = {}): Promise<ImportJob | null> {
    return this.jobs.findOne({
      where: { organizationId, uid },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** The last 50 jobs, newest first. */
  listJobs(organizationId: string, filters: { platformId?: string; status?: ImportJobStatus }): Promise<ImportJob[]> {
    return this.jobs.find({
      where: {
        organizationId,
        ...(filters.platformId ? { platformId: filters.platformId } : {}),
        ...(filters.status ? { status: filters.status } : {}),
      },
      order: { created: 'DESC', id: 'DESC' },
      take: LIST_SIZE,
    });
  }

  /** The account uid a job imports from. */
  async accountUidOf(organizationId: string, jobId: string): Promise<string | null> {
    const [row] = await this.db.select<{ uid: string }>(
      `SELECT a.uid FROM marketplace_import_jobs j JOIN marketplace_accounts a ON a.id = j.seller_account_id
        WHERE j.organization_id = $1 AND j.id = $2`,
      [organizationId, jobId],
    );
    return row?.uid ?? null;
  }

  /** Per job, how many of its items are in each status (one grouped query). */
  async countsFor(organizationId: string, jobIds: string[]): Promise<Map<string, ItemCounts>> {
    const counts = new Map<string, ItemCounts>(jobIds.map((id) => [id, emptyCounts()]));
    if (jobIds.length === 0) return counts;
    const rows = await this.db.select<{ import_job_id: string; status: ImportItemStatus; n: number }>(
      `SELECT import_job_id, status, count(*)::int AS n FROM marketplace_import_items
        WHERE organization_id = $1 AND import_job_id = ANY($2::bigint[]) GROUP BY import_job_id, status`,
      [organizationId, jobIds],
    );
    for (const row of rows) {
      const forJob = counts.get(String(row.import_job_id));
      if (forJob && row.status in forJob) forJob[row.status] = row.n;
    }
    return counts;
  }

  /**
   * Starts a new run of the job (one statement, so two requests cannot both start one): in progress with the run's
   * options; null when a run is already in progress.
   */
  async beginRun(
    organizationId: string,
    jobId: string,
    run: { phase: ImportPhase; statuses: ImportItemStatus[]; limit: number | null; skipConflicts: boolean },
  ): Promise<ImportJob | null> {
    const result = await this.jobs
      .createQueryBuilder()
      .update()
      .set({
        status: 'in_progress',
        phase: run.phase,
        runNumber: () => 'run_number + 1',
        runStatuses: run.statuses,
        runLimit: run.limit,
        skipConflicts: run.skipConflicts,
        errorMessage: null,
        startedAt: () => 'COALESCE(started_at, now())',
      } as QueryDeepPartialEntity<ImportJob>)
      .where("organization_id = :organizationId AND id = :jobId AND status <> 'in_progress'", { organizationId, jobId })
      .execute();
    if ((result.affected ?? 0) === 0) return null;
    return this.jobs.findOneByOrFail({ organizationId, id: jobId });
  }

  /** The job as a worker of run `run` sees it; null when it is no longer that run in progress. */
  findRun(organizationId: string, uid: string, run: number): Promise<ImportJob | null> {
    return this.jobs.findOneBy({ organizationId, uid, runNumber: run, status: 'in_progress' });
  }

  /** Moves the page cursor on from `from` (compare-and-set: false when another worker moved it first). */
  async advanceCursor(run: ImportRun, from: string | null, to: string | null): Promise<boolean> {
    const result = await this.jobs
      .createQueryBuilder()
      .update()
      .set({ fetchCursor: to, fetchCompleted: to === null })
      .where(
        "organization_id = :organizationId AND id = :jobId AND run_number = :run AND status = 'in_progress' AND NOT fetch_completed",
        runParameters(run),
      )
      .andWhere('fetch_cursor IS NOT DISTINCT FROM CAST(:from AS text)', { from })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Records a page's listings; one already recorded in the job (same listing id) is left as it is. */
  async insertItems(organizationId: string, jobId: string, platformId: string, rows: NewImportItem[]): Promise<void> {
    if (rows.length === 0) return;
    await this.items
      .createQueryBuilder()
      .insert()
      .values(
        rows.map((row) => ({
          ...row,
          uid: newUid('item'),
          organizationId,
          importJobId: jobId,
          platformId,
        })) as QueryDeepPartialEntity<ImportItem>[],
      )
      .orIgnore()
      .execute();
  }

  /** The job's items in `statuses` not yet processed by run `run`, after `afterId`, in id order. */
  nextToProcess(run: ImportRun, statuses: ImportItemStatus[], afterId: string, limit: number): Promise<ImportItem[]> {
    return this.items
      .createQueryBuilder('item')
      .where(ITEMS_OF_RUN, runParameters(run))
      .andWhere('item.status IN (:...statuses) AND item.id > :afterId', { statuses, afterId })
      .orderBy('item.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** How many items run `run` has processed. */
  processedInRun(run: ImportRun): Promise<number> {
    return this.items.countBy({ organizationId: run.organizationId, importJobId: run.id, processedInRun: run.runNumber });
  }

  /**
   * The item locked for this transaction when it is still to process in run `run` (another worker holding it is
   * skipped, not waited for); null otherwise.
   */
  async claim(run: ImportRun, itemId: string, statuses: ImportItemStatus[]): Promise<ImportItem | null> {
    return this.items
      .createQueryBuilder('item')
      .where(ITEMS_OF_RUN, runParameters(run))
      .andWhere('item.id = :itemId AND item.status IN (:...statuses)', { itemId, statuses })
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getOne();
  }

  /**
   * claim for a batch in one statement: those of these items still to process in run `run`, locked for this
   * transaction (ones another worker holds are left out, not waited for), in id order.
   */
  claimMany(run: ImportRun, itemIds: string[], statuses: ImportItemStatus[]): Promise<ImportItem[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return this.items
      .createQueryBuilder('item')
      .where(ITEMS_OF_RUN, runParameters(run))
      .andWhere('item.id IN (:...itemIds) AND item.status IN (:...statuses)', { itemIds, statuses })
      .orderBy('item.id', 'ASC')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Each item's outcome (every outcome column, as given), in one statement whatever their number. */
  async recordOutcomes(organizationId: string, outcomes: ItemOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const column = <K extends keyof ItemOutcome>(key: K) => outcomes.map((outcome) => outcome[key]);
    await this.db.query(
      `UPDATE marketplace_import_items item
          SET status = outcome.status, resolution = outcome.resolution, conflict_type = outcome.conflict_type,
              conflict_details = outcome.conflict_details, conflict_item_uid = outcome.conflict_item_uid,
              error_code = outcome.error_code, error_message = outcome.error_message,
              created_inventory_item_uid = outcome.created_inventory_item_uid, processed_at = outcome.processed_at,
              processed_in_run = outcome.processed_in_run, updated = now()
         FROM unnest($2::bigint[], $3::varchar[], $4::varchar[], $5::varchar[], $6::text[], $7::varchar[], $8::varchar[], $9::text[],
                     $10::varchar[], $11::timestamptz[], $12::integer[])
              AS outcome (id, status, resolution, conflict_type, conflict_details, conflict_item_uid, error_code, error_message,
                          created_inventory_item_uid, processed_at, processed_in_run)
        WHERE item.organization_id = $1 AND item.id = outcome.id`,
      [
        organizationId,
        column('id'),
        column('status'),
        column('resolution'),
        column('conflictType'),
        column('conflictDetails'),
        column('conflictItemUid'),
        column('errorCode'),
        column('errorMessage'),
        column('createdInventoryItemUid'),
        column('processedAt'),
        column('processedInRun'),
      ],
    );
  }

  async updateItem(organizationId: string, id: string, fields: Partial<ImportItem>): Promise<void> {
    await this.items.update({ organizationId, id }, fields as QueryDeepPartialEntity<ImportItem>);
  }

  /** Every conflict of the job becomes skipped. */
  async skipConflicts(organizationId: string, jobId: string): Promise<void> {
    await this.items.update(
      { organizationId, importJobId: jobId, status: 'conflict' },
      { status: 'skipped', resolution: 'skip', processedAt: new Date() },
    );
  }

  /** How many of the job's items are in `statuses`. */
  countInStatuses(job: Pick<ImportJob, 'id' | 'organizationId'>, statuses: ImportItemStatus[]): Promise<number> {
    return this.items.countBy({ organizationId: job.organizationId, importJobId: job.id, status: In(statuses) });
  }

  /** Ends run `run`: the job takes `status` (completed_at set when completed or failed); false when that run was not in progress. */
  async endRun(run: ImportRun, status: ImportJobStatus, errorMessage: string | null = null): Promise<boolean> {
    const finished = status === 'completed' || status === 'failed';
    const result = await this.jobs
      .createQueryBuilder()
      .update()
      .set({
        status,
        phase: null,
        errorMessage,
        ...(finished ? { completedAt: () => 'now()' } : {}),
      } as QueryDeepPartialEntity<ImportJob>)
      .where("organization_id = :organizationId AND id = :jobId AND run_number = :run AND status = 'in_progress'", runParameters(run))
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Every job with a run in progress, whatever its organization: what a worker starting up resumes. */
  runningJobs(): Promise<Array<Pick<ImportJob, 'uid' | 'organizationId' | 'runNumber'>>> {
    return this.jobs.find({ select: { uid: true, organizationId: true, runNumber: true }, where: { status: 'in_progress' } });
  }

  findItem(organizationId: string, jobId: string, uid: string, options: { lock?: boolean } = {}): Promise<ImportItem | null> {
    return this.items.findOne({
      where: { organizationId, importJobId: jobId, uid },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  countItems(organizationId: string, jobId: string, statuses: readonly ImportItemStatus[]): Promise<number> {
    return this.items.countBy({ organizationId, importJobId: jobId, status: In([...statuses]) });
  }

  pageItems(
    organizationId: string,
    jobId: string,
    statuses: readonly ImportItemStatus[],
    offset: number,
    limit: number,
  ): Promise<ImportItem[]> {
    return this.items.find({
      where: { organizationId, importJobId: jobId, status: In([...statuses]) },
      order: { id: 'ASC' },
      skip: offset,
      take: limit,
    });
  }
}
