import { Injectable, Logger } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DetailError, foundOrFail } from '../../common/errors/error-response.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { type Page, type PageRequest, paginate } from '../../common/pagination/pagination.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { JobQueue, type QueueName } from '../../infra/queue/job-queue.js';
import { PrivateFileStorage, type StoredFile } from '../../infra/storage/private-file-storage.js';
import { ActivityService } from '../activity/index.js';
import { type InventoryFilters, InventoryService } from '../inventory/index.js';
import type { ExportJobDto } from './dto/export-job.dto.js';
import type { ExportFilters } from './entities/export-job.entity.js';
import { mapExportJob } from './exports.mapper.js';
import { type ExportJobRow, ExportsRepository } from './exports.repository.js';
import { exportCompletedActivity, exportFileName, failureMessage, notDownloadableReason, progressPercentage } from './exports.rules.js';

/** What an `exports` queue job carries: the export to write, and its organization (what its statements are scoped by). */
export interface ExportJobData {
  organization_id: string;
  export_uid: string;
}

export const EXPORTS_QUEUE: QueueName = 'exports';

/** A download: the stored file and the name to offer it under. */
export interface ExportDownload {
  file: StoredFile;
  fileName: string;
}

/** How often a running export records its progress, in percentage points. */
const PROGRESS_STEP = 5;

/** Export jobs: asked for over HTTP, written by a worker into private storage, downloaded by their organization. */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger(ExportsService.name);

  constructor(
    private readonly jobs: ExportsRepository,
    private readonly queue: JobQueue,
    private readonly storage: PrivateFileStorage,
    private readonly inventory: InventoryService,
    private readonly db: TransactionalConnection,
    private readonly activity: ActivityService,
  ) {}

  /** A new inventory CSV export, queued; a job that cannot be queued is recorded as failed, never left pending. */
  async createInventoryCsv(auth: AuthContext, filters: InventoryFilters, urls: RequestUrls): Promise<ExportJobDto> {
    const stored: ExportFilters = {
      ...(filters.statuses?.length ? { status: filters.statuses } : {}),
      ...(filters.search ? { search: filters.search } : {}),
    };
    const job = await this.jobs.create({
      organizationId: auth.organizationId,
      userId: auth.userId,
      exportType: 'inventory_csv',
      filters: stored,
    });
    try {
      const data: ExportJobData = { organization_id: auth.organizationId, export_uid: job.uid };
      await this.queue.add<ExportJobData>(EXPORTS_QUEUE, 'inventory-csv', data, { jobId: job.uid });
    } catch (error) {
      await this.jobs.fail(auth.organizationId, job.uid, `The export could not be queued: ${(error as Error).message}`);
      throw error;
    }
    // The job as created: a worker may already be writing it, and the answer documents the queued state.
    return this.present({ ...job, userUid: auth.userUid }, urls);
  }

  list(auth: AuthContext, page: PageRequest, urls: RequestUrls): Promise<Page<ExportJobDto>> {
    return paginate(
      page,
      {
        count: () => this.jobs.count(auth.organizationId),
        rows: async (offset, limit) => (await this.jobs.page(auth.organizationId, offset, limit)).map((job) => this.present(job, urls)),
      },
      urls,
    );
  }

  async get(auth: AuthContext, uid: string, urls: RequestUrls): Promise<ExportJobDto> {
    return this.present(foundOrFail(await this.jobs.findOwned(auth.organizationId, uid)), urls);
  }

  /** The file of a completed export of the caller's organization; 409 while it is not completed. */
  async download(auth: AuthContext, uid: string): Promise<ExportDownload> {
    const job = foundOrFail(await this.jobs.findOwned(auth.organizationId, uid));
    if (job.status !== 'completed' || !job.fileKey || !job.fileName) {
      throw new DetailError(409, notDownloadableReason(job.status));
    }
    const file = await this.storage.open(job.fileKey);
    if (!file) throw new DetailError(404, 'The export file is no longer stored; create a new export.');
    return { file, fileName: job.fileName };
  }

  /**
   * Writes an export (the `exports` queue's handler). Idempotent: a finished job is left alone, and a retried one
   * writes its whole file again under the same key.
   */
  async write({ organization_id: organizationId, export_uid: uid }: ExportJobData): Promise<void> {
    const job = await this.jobs.start(organizationId, uid);
    if (!job) return;
    const filters: InventoryFilters = { statuses: job.filters.status, search: job.filters.search };
    const total = await this.inventory.countCsvRows(job.organizationId, filters);
    const fileKey = `exports/${job.uid}.csv`;
    const file = new PassThrough();
    let reported = 0;
    let progressWrites = Promise.resolve();
    const onProgress = (written: number) => {
      const percentage = progressPercentage(written, total);
      if (percentage < reported + PROGRESS_STEP) return;
      reported = percentage;
      // Recorded beside the stream, never awaited by it: on a pool of one connection the cursor holds the only one.
      progressWrites = progressWrites
        .then(() => this.jobs.progress(job, percentage))
        .catch((error: Error) => {
          this.logger.warn(`Recording the progress of export ${job.uid} failed: ${error.message}`);
        });
    };
    const [fileSize, rowCount] = await Promise.all([
      this.storage.putStream(fileKey, file),
      this.inventory.writeCsv(job.organizationId, filters, file, onProgress),
    ]);
    await progressWrites;
    const fileName = exportFileName(job.exportType, job.created);
    await this.db.transaction(async () => {
      await this.jobs.complete(job, { fileKey, fileName, fileSize, rowCount });
      await this.activity.record(exportCompletedActivity(job, fileName, rowCount));
    });
  }

  /** Records, where the owner sees it, why an export failed its last attempt. */
  async recordFailure({ organization_id: organizationId, export_uid: uid }: ExportJobData, error: Error, attempts: number): Promise<void> {
    await this.jobs.fail(organizationId, uid, failureMessage(error, attempts));
  }

  private present(job: ExportJobRow, urls: RequestUrls): ExportJobDto {
    return mapExportJob(job, urls.absolute(`/api/v1/exports/${job.uid}/download/`));
  }
}
