import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DetailError, foundOrFail, NotFound, ValidationFailed } from '../../common/errors/error-response.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { type Page, type PageRequest, paginate } from '../../common/pagination/pagination.js';
import { MarketplaceAccountsService, MarketplaceAdapters } from '../marketplace/index.js';
import { type PlatformFacts, PlatformsService } from '../platforms/index.js';
import type {
  CreateImportJobDto,
  ImportItemDto,
  ImportJobDto,
  ImportJobsQueryDto,
  ImportRunDto,
  QuickImportDto,
  ResolveImportItemDto,
  StartImportDto,
} from './dto/imports.dto.js';
import type { ImportJob } from './entities/import-job.entity.js';
import { ImportProcessor } from './import-processor.js';
import { ImportRunner } from './import-runner.js';
import { mapImportItem, mapImportJob } from './imports.mapper.js';
import { ImportsRepository } from './imports.repository.js';
import {
  IMPORT_MARKETPLACES,
  type ImportItemStatus,
  type ImportMarketplace,
  type ImportPhase,
  ISSUE_STATUSES,
  IMPORT_ITEM_STATUSES,
  runOptions,
} from './imports.rules.js';

const RUNNING = 'The import is running: wait until it finishes (poll the job), then try again.';

/** Import jobs over HTTP: created for a live connection, previewed, started, polled, and their issues resolved. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly imports: ImportsRepository,
    private readonly runner: ImportRunner,
    private readonly processor: ImportProcessor,
    private readonly accounts: MarketplaceAccountsService,
    private readonly adapters: MarketplaceAdapters,
    private readonly platforms: PlatformsService,
  ) {}

  /** A `pending` job for one of the organization's live connections to that marketplace (else 400 on the field). */
  async create(auth: AuthContext, input: CreateImportJobDto): Promise<ImportJobDto> {
    const platform = await this.platform(input.marketplace);
    const account = (await this.accounts.liveAccounts(auth.organizationId, platform.id)).find(
      (candidate) => candidate.uid === input.seller_account_uid,
    );
    if (!account) {
      throw new ValidationFailed({
        seller_account_uid: [`No live ${platform.displayName} connection of your organization has the uid "${input.seller_account_uid}".`],
      });
    }
    const job = await this.imports.createJob({
      organizationId: auth.organizationId,
      userId: auth.userId,
      sellerAccountId: account.id,
      platformId: platform.id,
    });
    return this.present(job);
  }

  /** The shorthand: the platform's one live connection, a new job, started at once (defaults of a start). */
  async quick(auth: AuthContext, slug: string, input: QuickImportDto): Promise<ImportJobDto> {
    if (!(IMPORT_MARKETPLACES as readonly string[]).includes(slug)) throw new NotFound();
    const platform = await this.platform(slug as ImportMarketplace);
    const live = await this.accounts.liveAccounts(auth.organizationId, platform.id);
    let account = live[0];
    if (input.seller_account_uid !== undefined) {
      account = live.find((candidate) => candidate.uid === input.seller_account_uid)!;
      if (!account) {
        throw new ValidationFailed({
          seller_account_uid: [
            `No live ${platform.displayName} connection of your organization has the uid "${input.seller_account_uid}".`,
          ],
        });
      }
    } else if (live.length === 0) {
      throw new ValidationFailed({ non_field_errors: [`Connect your ${platform.displayName} account first, then import from it.`] });
    } else if (live.length > 1) {
      throw new ValidationFailed({
        seller_account_uid: [`Your organization has ${live.length} ${platform.displayName} connections: say which one to import from.`],
      });
    }
    const job = await this.imports.createJob({
      organizationId: auth.organizationId,
      userId: auth.userId,
      sellerAccountId: account.id,
      platformId: platform.id,
    });
    return this.begin(job, 'import', {});
  }

  async list(auth: AuthContext, query: ImportJobsQueryDto): Promise<ImportJobDto[]> {
    const platformId = query.marketplace ? (await this.platform(query.marketplace)).id : undefined;
    const jobs = await this.imports.listJobs(auth.organizationId, { platformId, status: query.status });
    return this.presentMany(auth.organizationId, jobs);
  }

  async get(auth: AuthContext, uid: string): Promise<ImportJobDto> {
    return this.present(await this.job(auth, uid));
  }

  preview(auth: AuthContext, input: ImportRunDto): Promise<ImportJobDto> {
    return this.beginFor(auth, input.job_uid, 'preview', input);
  }

  start(auth: AuthContext, input: StartImportDto): Promise<ImportJobDto> {
    return this.beginFor(auth, input.job_uid, 'import', input);
  }

  /** Every failed item is tried again (a start of the `failed` ones). */
  async retryFailed(auth: AuthContext, uid: string): Promise<ImportJobDto> {
    return this.begin(await this.job(auth, uid), 'import', { status_filter: 'failed' });
  }

  /** Every remaining conflict becomes `skipped`. */
  async skipAllConflicts(auth: AuthContext, uid: string): Promise<ImportJobDto> {
    const job = await this.job(auth, uid);
    await this.imports.skipConflicts(auth.organizationId, job.id);
    return this.present(await this.job(auth, uid));
  }

  /** Resolves one conflict (or a skipped listing): link (default), create or skip; answers the job. */
  async resolve(auth: AuthContext, uid: string, itemUid: string, input: ResolveImportItemDto): Promise<ImportJobDto> {
    const job = await this.job(auth, uid);
    const item = foundOrFail(await this.imports.findItem(auth.organizationId, job.id, itemUid));
    if (item.status !== 'conflict' && item.status !== 'skipped') {
      throw new ValidationFailed({
        non_field_errors: [`Only a conflict or a skipped listing can be resolved; this one is ${item.status}.`],
      });
    }
    const platform = (await this.platforms.catalog()).byId(job.platformId)!;
    const resolution = input.resolution ?? 'link';
    if (resolution === 'skip') {
      await this.imports.updateItem(auth.organizationId, item.id, { status: 'skipped', resolution: 'skip', processedAt: new Date() });
    } else if (resolution === 'link') {
      if (!item.conflictItemUid)
        throw new ValidationFailed({ resolution: ['This listing conflicts with no item to link it to: create or skip it.'] });
      await this.processor.link(job, platform, item);
    } else {
      await this.processor.createNow(job, platform, this.adapters.forPlatform(platform.slug)!.pictureOrigins(), item);
    }
    return this.present(await this.job(auth, uid));
  }

  items(
    auth: AuthContext,
    uid: string,
    status: ImportItemStatus | undefined,
    page: PageRequest,
    urls: RequestUrls,
  ): Promise<Page<ImportItemDto>> {
    return this.itemPage(auth, uid, status ? [status] : IMPORT_ITEM_STATUSES, page, urls);
  }

  issues(
    auth: AuthContext,
    uid: string,
    status: ImportItemStatus | undefined,
    page: PageRequest,
    urls: RequestUrls,
  ): Promise<Page<ImportItemDto>> {
    return this.itemPage(auth, uid, status ? [status] : ISSUE_STATUSES, page, urls);
  }

  private async itemPage(
    auth: AuthContext,
    uid: string,
    statuses: readonly ImportItemStatus[],
    page: PageRequest,
    urls: RequestUrls,
  ): Promise<Page<ImportItemDto>> {
    const job = await this.job(auth, uid);
    return paginate(
      page,
      {
        count: () => this.imports.countItems(auth.organizationId, job.id, statuses),
        rows: async (offset, limit) =>
          (await this.imports.pageItems(auth.organizationId, job.id, statuses, offset, limit)).map(mapImportItem),
      },
      urls,
    );
  }

  private async beginFor(
    auth: AuthContext,
    uid: string,
    phase: ImportPhase,
    input: { status_filter?: ImportItemStatus; limit?: number; skip_conflicts?: boolean },
  ): Promise<ImportJobDto> {
    const job = await this.imports.findJob(auth.organizationId, uid);
    if (!job) throw new ValidationFailed({ job_uid: [`No import job of your organization has the uid "${uid}".`] });
    return this.begin(job, phase, input);
  }

  /** A new run of the job, queued; 400 while one is running. */
  private async begin(
    job: ImportJob,
    phase: ImportPhase,
    input: { status_filter?: ImportItemStatus; limit?: number; skip_conflicts?: boolean },
  ): Promise<ImportJobDto> {
    const started = await this.imports.beginRun(job.organizationId, job.id, { phase, ...runOptions(phase, input) });
    if (!started) throw new ValidationFailed({ non_field_errors: [RUNNING] });
    try {
      await this.runner.enqueue({ organization_id: started.organizationId, job_uid: started.uid, run: started.runNumber });
    } catch (error) {
      await this.imports.endRun(started, 'failed', `The import could not be queued: ${(error as Error).message}`);
      throw new DetailError(503, 'The import could not be queued now: try again shortly.');
    }
    return this.present(started);
  }

  private async job(auth: AuthContext, uid: string): Promise<ImportJob> {
    return foundOrFail(await this.imports.findJob(auth.organizationId, uid));
  }

  private async platform(slug: ImportMarketplace): Promise<PlatformFacts> {
    const platform = (await this.platforms.catalog()).bySlug(slug);
    if (!platform) throw new NotFound();
    return platform;
  }

  private async present(job: ImportJob): Promise<ImportJobDto> {
    const [dto] = await this.presentMany(job.organizationId, [job]);
    return dto;
  }

  private async presentMany(organizationId: string, jobs: ImportJob[]): Promise<ImportJobDto[]> {
    const [counts, catalog] = await Promise.all([
      this.imports.countsFor(
        organizationId,
        jobs.map((job) => job.id),
      ),
      this.platforms.catalog(),
    ]);
    return jobs.map((job) => mapImportJob(job, catalog.byId(job.platformId)!.slug, counts.get(job.id)!));
  }
}
