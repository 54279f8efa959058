import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { newUid } from '../../common/ids/uid.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { JobQueue, type QueueName } from '../../infra/queue/job-queue.js';
import { ActivityService } from '../activity/index.js';
import {
  type MarketplaceAdapter,
  MarketplaceAccountsService,
  MarketplaceAdapters,
  MarketplaceError,
  type SellerSession,
} from '../marketplace/index.js';
import { type PlatformFacts, PlatformsService } from '../platforms/index.js';
import type { ImportJob } from './entities/import-job.entity.js';
import { ImportProcessor, type RunContext } from './import-processor.js';
import { issueSummary } from './imports.rules.js';
import { ImportsRepository } from './imports.repository.js';

export const IMPORTS_QUEUE: QueueName = 'imports';

/** What an `imports` queue job carries: the run of an import job to carry on. */
export interface ImportJobData {
  organization_id: string;
  job_uid: string;
  run: number;
}

/** Items processed per batch (one transaction each; a page of most platforms). */
const BATCH_SIZE = 100;
/** 429s answered in a row for one page before the job fails (each waited out as the platform asked). */
const RATE_LIMIT_WAITS = 30;
/** The longest wait a 429 is given. */
const MAX_WAIT_MS = 120_000;
/** Tries of a page while the platform is unavailable (waiting 1, 2, 4, 8 s between them). */
const UNAVAILABLE_TRIES = 5;
const ATTEMPTS = 5;
const BACKOFF_MS = 2000;

/** The platform ended the job: its message is the job's `error_message`. */
class ImportEnded extends Error {}
/** The process is stopping: the run is left where it is, for the next worker. */
class Stopping extends Error {}

/**
 * Runs imports on the `imports` queue. A run reads the platform's pages from the job's stored cursor, records each
 * listing as an import item (keyed by listing id within the job), then processes the items one transaction each:
 * a worker that stops (or dies) leaves the job in progress, and the next one (a retry, or any worker starting up)
 * carries on from the cursor and the items still to process, importing nothing twice.
 */
@Injectable()
export class ImportRunner implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ImportRunner.name);
  private readonly stopping = new AbortController();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TransactionalConnection,
    private readonly queue: JobQueue,
    private readonly imports: ImportsRepository,
    private readonly processor: ImportProcessor,
    private readonly accounts: MarketplaceAccountsService,
    private readonly adapters: MarketplaceAdapters,
    private readonly platforms: PlatformsService,
    private readonly activity: ActivityService,
  ) {}

  onModuleInit(): void {
    this.queue.process<ImportJobData>(IMPORTS_QUEUE, (job) => this.run(job.data), {
      concurrency: 2,
      onFailed: (job, error) => this.giveUp(job.data as ImportJobData, error),
    });
  }

  /** A worker starting up carries on every run left in progress (by a process that stopped or died). */
  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    // Not awaited: a start-up never waits on it (nor fails by it: the schema check boots on an empty database).
    void this.resume().catch((error: Error) => this.logger.warn(`Resuming the imports in progress failed: ${error.message}`));
  }

  private async resume(): Promise<void> {
    for (const job of await this.imports.runningJobs()) {
      await this.enqueue({ organization_id: job.organizationId, job_uid: job.uid, run: job.runNumber });
    }
  }

  beforeApplicationShutdown(): void {
    this.stopping.abort();
  }

  enqueue(data: ImportJobData): Promise<string> {
    return this.queue.add<ImportJobData>(IMPORTS_QUEUE, 'run', data, {
      jobId: `${data.job_uid}-${data.run}-${newUid('job')}`,
      attempts: ATTEMPTS,
      backoffMs: BACKOFF_MS,
    });
  }

  /** One try of a run; idempotent: what is done is in the database, and it carries on from there. */
  async run(data: ImportJobData): Promise<void> {
    const job = await this.imports.findRun(data.organization_id, data.job_uid, data.run);
    if (!job) return;
    const platform = (await this.platforms.catalog()).byId(job.platformId)!;
    const adapter = this.adapters.forPlatform(platform.slug)!;
    try {
      const context: RunContext = { job, platform, pictureOrigins: adapter.pictureOrigins(), statuses: job.runStatuses };
      if (job.phase === 'import' && job.skipConflicts) await this.imports.skipConflicts(job.organizationId, job.id);
      if (!job.fetchCompleted && !(await this.fetch(context, adapter))) return;
      if (!(await this.processItems(context))) return;
      await this.finish(job, platform);
    } catch (error) {
      if (error instanceof Stopping) return this.handOver(data);
      if (error instanceof ImportEnded) {
        await this.imports.endRun(job, 'failed', error.message);
        return;
      }
      throw error;
    }
  }

  /**
   * Reads the pages from the stored cursor to the end, recording each page's listings before moving the cursor on,
   * and processes what is recorded while the platform answers for the next page (the platform, not the processing,
   * sets the pace). False when the run is no longer the job's, or another worker moved the cursor first (it carries
   * on reading and finishes the run).
   */
  private async fetch(context: RunContext, adapter: MarketplaceAdapter): Promise<boolean> {
    const { job, platform } = context;
    const accountUid = await this.imports.accountUidOf(job.organizationId, job.id);
    const session = accountUid ? await this.accounts.sessionForAccount(job.organizationId, accountUid) : null;
    if (!session) {
      throw new ImportEnded(`The ${platform.displayName} account is no longer connected: connect it again, then start the import again.`);
    }
    const ask = (cursor: string | null) =>
      settle(this.withRetries(job, platform, session, () => adapter.fetchListingsPage(session, cursor)));
    let cursor = job.fetchCursor;
    let next = ask(cursor);
    for (;;) {
      this.checkStopping();
      const page = unsettle(await next);
      const rows = await this.processor.evaluatePage(job, page.listings, job.phase === 'preview' ? job.runNumber : null);
      await this.imports.insertItems(job.organizationId, job.id, job.platformId, rows);
      if (!(await this.imports.advanceCursor(job, cursor, page.nextCursor))) return false;
      if (page.nextCursor === null) return true;
      cursor = page.nextCursor;
      next = ask(cursor);
      if (!(await this.processItems(context))) return false;
    }
  }

  /**
   * Processes the run's items (created in an import, evaluated again in a preview), in id order, up to the run's
   * limit; false when the run is no longer the job's (a newer one, or the job ended meanwhile).
   */
  private async processItems(context: RunContext): Promise<boolean> {
    const { job } = context;
    let afterId = '0';
    for (;;) {
      this.checkStopping();
      if (!(await this.imports.findRun(job.organizationId, job.uid, job.runNumber))) return false;
      let room = BATCH_SIZE;
      if (job.runLimit !== null) room = Math.min(room, job.runLimit - (await this.imports.processedInRun(job)));
      if (room <= 0) return true;
      const batch = await this.imports.nextToProcess(job, job.runStatuses, afterId, room);
      if (batch.length === 0) return true;
      if (job.phase === 'import') await this.processor.processBatch(context, batch);
      else await this.processor.reevaluateBatch(context, batch);
      afterId = batch[batch.length - 1].id;
    }
  }

  /**
   * Ends the run: an import whose every listing is processed is `completed` (the activity feed's `import_completed`,
   * in the same transaction, the first time), anything else waits for another run as `pending`.
   */
  private async finish(job: ImportJob, platform: PlatformFacts): Promise<void> {
    await this.db.transaction(async () => {
      const current = await this.imports.findJob(job.organizationId, job.uid, { lock: true });
      if (!current || current.runNumber !== job.runNumber || current.status !== 'in_progress' || !current.fetchCompleted) return;
      const pending = await this.imports.countInStatuses(job, ['pending']);
      const completed = job.phase === 'import' && pending === 0;
      await this.imports.endRun(job, completed ? 'completed' : 'pending');
      if (!completed || current.completedAt !== null) return;
      const counts = (await this.imports.countsFor(job.organizationId, [job.id])).get(job.id)!;
      await this.activity.record({
        organizationId: job.organizationId,
        userId: job.userId,
        eventType: 'import_completed',
        subjectType: 'import_job',
        subjectUid: job.uid,
        platformSlug: platform.slug,
        message: `Imported ${counts.imported} of ${counts.imported + counts.skipped + counts.failed + counts.conflict} listings from ${platform.displayName} (${issueSummary(counts)}).`,
        metadata: { ...counts },
      });
    });
  }

  /**
   * A platform call with the waits it asks for: a 429 is waited out (Retry-After, else a second) and asked again, an
   * unavailable platform is tried again with backoff; refused credentials expire the connection. What cannot be
   * waited out ends the job with the platform's reason.
   */
  private async withRetries<T>(job: ImportJob, platform: PlatformFacts, session: SellerSession, call: () => Promise<T>): Promise<T> {
    let rateLimited = 0;
    let unavailable = 0;
    for (;;) {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof MarketplaceError)) throw error;
        if (error.kind === 'rate_limited' && (rateLimited += 1) <= RATE_LIMIT_WAITS) {
          await this.wait(Math.min(MAX_WAIT_MS, Math.max(1, error.retryAfterSeconds ?? 1) * 1000));
          continue;
        }
        if (error.kind === 'unavailable' && (unavailable += 1) < UNAVAILABLE_TRIES) {
          await this.wait(1000 * 2 ** (unavailable - 1));
          continue;
        }
        if (error.kind === 'unauthorized') await this.accounts.markExpired(job.organizationId, session.accountUid, error.message);
        throw new ImportEnded(endMessage(platform, error));
      }
    }
  }

  private async wait(ms: number): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: this.stopping.signal });
    } catch {
      throw new Stopping();
    }
  }

  private checkStopping(): void {
    if (this.stopping.signal.aborted) throw new Stopping();
  }

  /** The process stops mid-run: the run is queued again for whichever worker comes next (best effort; startup resumes it too). */
  private async handOver(data: ImportJobData): Promise<void> {
    await this.enqueue(data).catch((error: Error) => this.logger.warn(`Import ${data.job_uid} left for the next worker: ${error.message}`));
  }

  /** The run failed its last attempt on an error of ours: the job shows it, keeping what was imported. */
  private async giveUp(data: ImportJobData, error: Error): Promise<void> {
    const job = await this.imports.findRun(data.organization_id, data.job_uid, data.run);
    if (!job) return;
    await this.imports.endRun(job, 'failed', `The import stopped on an error: ${error.message}`.slice(0, 2000));
  }
}

/** A promise's outcome as a value: one left waiting while other work runs never rejects unhandled. */
type Settled<T> = { value: T } | { error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

function unsettle<T>(settled: Settled<T>): T {
  if ('error' in settled) throw settled.error;
  return settled.value;
}

function endMessage(platform: PlatformFacts, error: MarketplaceError): string {
  const name = platform.displayName;
  switch (error.kind) {
    case 'unauthorized':
      return `${name} refused the connection (${error.message}): connect the account again, then start the import again to continue.`;
    case 'rejected':
      return `${name} refused to list the listings: ${error.message}`;
    default:
      return `${name} is unavailable (${error.message}): start the import again later to continue where it stopped.`;
  }
}
