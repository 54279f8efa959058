import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { ApiError, NotFound, ValidationFailed } from '../../common/errors/error-response.js';
import type { ClientRequest } from '../../common/http/client-request.js';
import { newUid } from '../../common/ids/uid.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { type Job, JobQueue, type QueueName, RetryLater } from '../../infra/queue/job-queue.js';
import { FileStorage } from '../../infra/storage/file-storage.js';
import type { ConditionCode, ContainerCondition, InventoryPricesChanged } from '../inventory/index.js';
import {
  type ListingDraft,
  type ListingOutcome,
  MarketplaceAccountsService,
  MarketplaceAdapters,
  MarketplaceError,
} from '../marketplace/index.js';
import { OrganizationsService } from '../organizations/index.js';
import { type PlatformFacts, PlatformsService, type SaleKind } from '../platforms/index.js';
import type { ListingActionAcceptedDto, ListOnPlatformDto } from './dto/listing-action.dto.js';
import type { InventoryItemListing, ListingError } from './entities/inventory-item-listing.entity.js';
import { ListingAnnouncer, type ListingMove } from './listing-announcer.js';
import { type ListingItem, ListingItemQuery } from './listing-item.query.js';
import { type ListingChange, ListingsRepository, type QueuedJob } from './listings.repository.js';
import {
  ACTION_STATUSES,
  ACTIVE_LISTING_STATUSES,
  type BlockingCode,
  BLOCKING_CODES,
  canDelist,
  type ListingFailure,
  listingFailure,
  LISTING_STATUS_CODES,
  listingPrice,
  type ListingStatus,
  platformListability,
} from './listings.rules.js';

/** What the engine answers a list or delist with: the work is queued, or the listing failed for want of a price. */
export type EngineAnswer = ListingActionAcceptedDto & { status: 'in_progress' | 'delisting' | 'listing_failed' };

/** What a job on a `marketplace-<slug>` queue does. */
export type ListingJobAction = 'list' | 'publish' | 'delist' | 'update_price';

/** A delist a sale needs, queued once its transaction has committed (ListingEngineService.queueSaleDelists). */
export interface SaleDelist {
  slug: string;
  data: ListingJobData;
  /** The job id the listing records (so the recovery sweep queues it again if this never reaches the queue). */
  jobId: string;
}

export interface ListingJobData {
  listing_uid: string;
  organization_id: string;
  account_uid: string;
  action: ListingJobAction;
}

/** Platforms with an API adapter, each with its queue. */
const ENGINE_PLATFORMS = ['ebay', 'discogs', 'etsy', 'shopify'] as const;
const ATTEMPTS = 5;
/** Listings the recovery sweep queues again per round. */
const RECOVERY_BATCH = 200;
const BACKOFF_MS = 2000;
const MAX_PICTURES = 12;
/** A sale's delists run before anything else waiting on the platform's queue (1 is Bull's most urgent). */
const SALE_DELIST_PRIORITY = 1;
/** InventoryPricesChanged.NAME, spelled out: importing the inventory module's value here would make an import cycle. */
const INVENTORY_PRICES_CHANGED = 'inventory.prices_changed';

/** A list, publish or delist job, with the id it is recorded and queued under. */
function queuedJob(action: QueuedJob['action']): QueuedJob {
  return { action, jobId: `${action}-${newUid('job')}` };
}

function queueOf(slug: string): QueueName {
  return `marketplace-${slug}` as QueueName;
}

/** A refusal with the first blocking code: `{"non_field_errors": [reason], "blocking_code": code}`. */
function blocked(code: BlockingCode): ApiError {
  return new ApiError({ non_field_errors: [BLOCKING_CODES[code]], blocking_code: code }, 400);
}

/**
 * The listing engine: a list or delist request is checked and recorded at once (`in_progress` / `delisting`) and
 * carried out by a job on the platform's queue, which drives the platform's adapter and records the outcome.
 */
@Injectable()
export class ListingEngineService implements OnModuleInit {
  private readonly logger = new Logger(ListingEngineService.name);

  constructor(
    private readonly listings: ListingsRepository,
    private readonly items: ListingItemQuery,
    private readonly platforms: PlatformsService,
    private readonly accounts: MarketplaceAccountsService,
    private readonly adapters: MarketplaceAdapters,
    private readonly organizations: OrganizationsService,
    private readonly queue: JobQueue,
    private readonly storage: FileStorage,
    private readonly announcer: ListingAnnouncer,
    private readonly db: TransactionalConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    for (const slug of ENGINE_PLATFORMS) {
      this.queue.process<ListingJobData>(queueOf(slug), (job) => this.run(job), {
        concurrency: 2,
        onFailed: (job, error) => this.giveUp(job.data as ListingJobData, error),
      });
    }
  }

  async list(
    actor: { auth: AuthContext; client: ClientRequest },
    uid: string,
    slug: string,
    input: ListOnPlatformDto,
  ): Promise<EngineAnswer> {
    const { auth } = actor;
    const { platform, item, accountUid } = await this.check(auth, uid, slug);
    const isDraft = input.is_draft ?? true;
    const existing = await this.listings.findForItem(auth.organizationId, item.id, platform.id);
    const platformDto = (await this.platforms.catalog()).all.find((candidate) => candidate.uid === platform.uid)!;
    const listability = platformListability(
      {
        acceptsKind: platform.accepts(saleKindOf(item.productType)),
        isSellingActive: platformDto.is_selling_active,
        connectionType: platformDto.connection_type,
      },
      {
        status: item.status,
        productType: saleKindOf(item.productType),
        priceTotalUsd: item.priceTotalUsd,
        listingCurrentPrice: item.listingCurrentPrice,
      },
      {
        subscriptionActive: true,
        connected: true,
        listing: existing && { status: existing.status, listingPriceUsd: existing.listingPriceUsd },
      },
    );
    const code = listability.blocking_code;
    const claim = { organizationId: auth.organizationId, itemId: item.id, platformId: platform.id, userId: auth.userId, isDraft };
    if (code === 'price_not_set') {
      const failure = this.failure('price_not_set', platform);
      const claimed = await this.db.transaction(async () => {
        const failed = foundOrBlocked(await this.listings.claim(claim, 'listing_failed', ACTIVE_LISTING_STATUSES, failure));
        await this.announce(
          auth.organizationId,
          item.id,
          platform,
          failed.uid,
          existing?.status ?? null,
          'listing_failed',
          failure.message,
          actor,
        );
        return failed;
      });
      return { platform: platform.slug, listing_uid: claimed.uid, status: 'listing_failed', message: failure.description };
    }
    if (code !== null) throw blocked(code);
    const publish = existing?.status === 'draft' && existing.listingId !== null && !isDraft;
    const queued = queuedJob(publish ? 'publish' : 'list');
    const claimed = foundOrBlocked(await this.listings.claim(claim, 'in_progress', ACTIVE_LISTING_STATUSES, null, queued));
    const message = `Listing submitted to ${platform.displayName}.`;
    await this.announce(auth.organizationId, item.id, platform, claimed.uid, existing?.status ?? null, 'in_progress', message, actor);
    await this.enqueueRecorded(platform.slug, queued, {
      listing_uid: claimed.uid,
      organization_id: auth.organizationId,
      account_uid: accountUid,
    });
    return { platform: platform.slug, listing_uid: claimed.uid, status: 'in_progress', message };
  }

  async delist(actor: { auth: AuthContext; client: ClientRequest }, uid: string, slug: string): Promise<EngineAnswer> {
    const { auth } = actor;
    const { platform, item, accountUid } = await this.check(auth, uid, slug);
    const existing = await this.listings.findForItem(auth.organizationId, item.id, platform.id);
    if (!existing || !canDelist(existing)) {
      throw new ValidationFailed({ non_field_errors: [`The item has no live listing on ${platform.displayName} to delist.`] });
    }
    const queued = queuedJob('delist');
    const moved = await this.listings.transition(auth.organizationId, existing.uid, [existing.status], {
      status: 'delisting',
      queuedAction: queued.action,
      queuedJobId: queued.jobId,
    });
    if (!moved) throw new ValidationFailed({ non_field_errors: ['Wait until the current listing action finishes.'] });
    const message = `Delisting submitted to ${platform.displayName}.`;
    await this.announce(auth.organizationId, item.id, platform, existing.uid, existing.status, 'delisting', message, actor);
    await this.enqueueRecorded(platform.slug, queued, {
      listing_uid: existing.uid,
      organization_id: auth.organizationId,
      account_uid: accountUid,
    });
    return { platform: platform.slug, listing_uid: existing.uid, status: 'delisting', message };
  }

  /**
   * What must hold before anything is recorded: the item and the platform exist for the caller (404, so another
   * organization's item is never told apart from a missing one), then in the documented order a primary address, a
   * platform with an API, and a live connection to it. The subscription (402) is checked by its guard before.
   */
  private async check(auth: AuthContext, uid: string, slug: string) {
    const platform = (await this.platforms.catalog()).bySlug(slug);
    if (!platform) throw new NotFound();
    const item = await this.items.find(auth.organizationId, { uid });
    if (!item || item.deletedAt !== null) throw new NotFound();
    if (!(await this.organizations.hasPrimaryAddress(auth.organizationId))) {
      throw new ValidationFailed({
        non_field_errors: ['Add a primary address to your organization before listing (Settings, Addresses).'],
      });
    }
    if (!this.adapters.forPlatform(slug)) {
      throw new ValidationFailed({
        non_field_errors: [`${platform.displayName} has no API to list through: list there with the browser extension.`],
      });
    }
    const session = await this.accounts.sellerSession(auth.organizationId, platform.id);
    if (!session) throw blocked('not_connected');
    return { platform, item, accountUid: session.accountUid };
  }

  private async enqueue(slug: string, data: ListingJobData, jobId = `${data.action}-${newUid('job')}`): Promise<void> {
    await this.queue.add(queueOf(slug), data.action, data, { jobId, attempts: ATTEMPTS, backoffMs: BACKOFF_MS });
  }

  /**
   * Queues the job a listing was just recorded as waiting for. The listing is already committed in_progress or
   * delisting, so a queue that cannot be reached now does not fail the request: the recovery sweep queues the job later
   * under the same id.
   */
  private async enqueueRecorded(slug: string, queued: QueuedJob, data: Omit<ListingJobData, 'action'>): Promise<void> {
    try {
      await this.enqueue(slug, { ...data, action: queued.action }, queued.jobId);
    } catch (error) {
      this.logger.warn(
        `Listing ${data.listing_uid}: job ${queued.jobId} not queued yet (${(error as Error).message}); the recovery sweep will.`,
      );
    }
  }

  /**
   * Queues again the jobs of listings that have waited longer than LISTING_RECOVERY_AFTER_S (their process stopped
   * between recording and queuing, or the queue was down). Each keeps its job id, so a job that is still queued or
   * running is not doubled, and the job itself does nothing once the listing has moved on.
   */
  async requeueStalled(): Promise<void> {
    const before = new Date(Date.now() - this.config.listingRecoveryAfterS * 1000);
    const catalog = await this.platforms.catalog();
    for (const listing of await this.listings.stalled(before, RECOVERY_BATCH)) {
      const platform = catalog.byId(listing.platformId);
      if (!platform || !this.adapters.forPlatform(platform.slug)) continue;
      // Without a live connection the job records connection_expired on the listing.
      const session = await this.accounts.sellerSession(listing.organizationId, platform.id);
      const data = { listing_uid: listing.uid, organization_id: listing.organizationId, account_uid: session?.accountUid ?? '' };
      await this.enqueue(platform.slug, { ...data, action: listing.action }, listing.jobId);
    }
  }

  /** One try of a listing job: drives the adapter and records the outcome; a retryable failure is thrown to the queue. */
  private async run(job: Job<ListingJobData>): Promise<void> {
    const { organization_id: organizationId, listing_uid: listingUid, action } = job.data;
    if (action === 'update_price') return this.pushPrice(job.data);
    const stage = action === 'delist' ? ACTION_STATUSES.delist : ACTION_STATUSES.list;
    const listing = await this.listings.findByUid(organizationId, listingUid);
    if (!listing || listing.status !== stage.working) return;
    const platform = (await this.platforms.catalog()).byId(listing.platformId)!;
    const adapter = this.adapters.forPlatform(platform.slug)!;
    const session = await this.accounts.sellerSession(organizationId, platform.id);
    if (!session) return this.fail(listing, platform, 'connection_expired');
    try {
      if (action === 'delist') {
        await adapter.delist(session, { listingId: listing.listingId ?? '', details: listing.marketplaceDetails });
        await this.record(listing, platform, { status: 'delisted', delistedAt: new Date(), lastError: null }, 'Delisted.');
        return;
      }
      const item = await this.items.find(organizationId, { id: listing.inventoryItemId });
      if (!item) return;
      const price = listingPrice(listing.listingPriceUsd, item);
      if (price === null) return this.fail(listing, platform, 'price_not_set');
      const draft = await this.draft(listing, item, price);
      const outcome =
        action === 'publish' && listing.listingId
          ? await adapter.publishListing(session, { listingId: listing.listingId, details: listing.marketplaceDetails }, draft)
          : await adapter.createListing(session, draft);
      await this.recordListed(listing, platform, outcome);
    } catch (error) {
      if (!(error instanceof MarketplaceError)) throw error;
      if (error.kind === 'rejected') return this.fail(listing, platform, 'marketplace_rejected', error.message);
      if (error.kind === 'unauthorized') {
        await this.accounts.markExpired(organizationId, session.accountUid, error.message);
        return this.fail(listing, platform, 'connection_expired');
      }
      throw new RetryLater((error.retryAfterSeconds ?? 0) * 1000, error.message);
    }
  }

  /** The job failed its last attempt: the listing shows the platform as unavailable. */
  private async giveUp(data: ListingJobData, error: Error): Promise<void> {
    const listing = await this.listings.findByUid(data.organization_id, data.listing_uid);
    if (!listing) return;
    const platform = (await this.platforms.catalog()).byId(listing.platformId)!;
    const message = error instanceof MarketplaceError || error instanceof RetryLater ? error.message : null;
    if (data.action === 'update_price') return this.notePriceFailure(listing, platform, 'marketplace_unavailable', message);
    await this.fail(listing, platform, 'marketplace_unavailable', message);
  }

  private async draft(listing: InventoryItemListing, item: ListingItem, priceUsd: string): Promise<ListingDraft> {
    const read = await Promise.all(
      item.pictures.slice(0, MAX_PICTURES).map(async (picture) => {
        // A file lost from storage leaves the listing without that picture rather than failing it.
        const data = await this.storage.read(picture.fileKey).catch((error: Error) => {
          this.logger.warn(`Picture ${picture.fileKey} of ${item.uid} could not be read: ${error.message}`);
          return null;
        });
        const fileName = picture.fileName || picture.fileKey.slice(picture.fileKey.lastIndexOf('/') + 1);
        return data && { data, contentType: picture.contentType, fileName };
      }),
    );
    const pictures = read.filter((picture) => picture !== null);
    return {
      itemUid: item.uid,
      title: listing.mlGeneratedTitle?.trim() || item.name?.trim() || item.productTitle,
      description: listing.marketplaceDescription?.trim() || listing.mlGeneratedDescription?.trim() || item.description || '',
      priceUsd,
      quantity: 1,
      conditionItem: item.conditionItem as ConditionCode | null,
      conditionContainer: item.conditionContainer as ContainerCondition | null,
      productType: saleKindOf(item.productType),
      format: item.format,
      artist: item.artist,
      label: item.label,
      catalogNumber: item.catalogNumber,
      barcode: item.barcode,
      releaseYear: item.releaseYear,
      pictures,
      isDraft: listing.isDraft,
      settings: listing.marketplaceDetails ?? {},
    };
  }

  private recordListed(listing: InventoryItemListing, platform: PlatformFacts, outcome: ListingOutcome): Promise<void> {
    const live = outcome.state === 'listed';
    return this.record(
      listing,
      platform,
      {
        status: live ? 'listed' : 'draft',
        isDraft: !live,
        listingId: outcome.listingId,
        marketplaceUrl: outcome.listingUrl,
        listingPriceUsd: outcome.priceUsd,
        marketplaceDetails: { ...listing.marketplaceDetails, ...outcome.details },
        lastError: null,
        ...(live ? { listedAt: new Date() } : {}),
      },
      live ? `Listed at $${outcome.priceUsd}.` : `Saved as a draft on ${platform.displayName}.`,
    );
  }

  private failure(slug: ListingFailure, platform: PlatformFacts, platformMessage: string | null = null): ListingError {
    return { uid: newUid('err'), ...listingFailure(slug, platform.displayName, platformMessage) };
  }

  private async fail(listing: InventoryItemListing, platform: PlatformFacts, slug: ListingFailure, platformMessage: string | null = null) {
    const failed = listing.status === 'delisting' ? ACTION_STATUSES.delist.failed : ACTION_STATUSES.list.failed;
    const error = this.failure(slug, platform, platformMessage);
    await this.record(listing, platform, { status: failed, lastError: error }, error.message);
  }

  /** Moves the listing on from the status the job found it in, and announces it. */
  private async record(listing: InventoryItemListing, platform: PlatformFacts, change: ListingChange, message: string): Promise<void> {
    await this.db.transaction(async () => {
      const outcome = { ...change, queuedAction: null, queuedJobId: null };
      if (!(await this.listings.transition(listing.organizationId, listing.uid, [listing.status], outcome))) {
        this.logger.warn(`Listing ${listing.uid} changed while its job ran; the outcome ${change.status} was not recorded.`);
        return;
      }
      await this.announce(
        listing.organizationId,
        listing.inventoryItemId,
        platform,
        listing.uid,
        listing.status,
        change.status,
        message,
        null,
      );
    });
  }

  private announce(
    organizationId: string,
    itemId: string,
    platform: PlatformFacts,
    listingUid: string,
    before: string | null,
    after: ListingStatus,
    detail: string,
    actor: ListingMove['actor'],
  ): Promise<void> {
    return this.announcer.announce({ organizationId, itemId, platform, listingUid, before, after, detail, actor });
  }

  /**
   * A price change of items pushed to their live listings on API platforms. A listing follows the item's price when it
   * went out at the item's previous price (or has none recorded, or its last push failed); one whose own
   * listing_price_usd differs was priced separately and keeps it.
   */
  @OnEvent(INVENTORY_PRICES_CHANGED)
  async onPricesChanged(event: InventoryPricesChanged): Promise<void> {
    const previous = new Map(event.changes.map((change) => [change.itemId, change.previousPriceUsd]));
    const listed = await this.listings.listedForItems(
      event.organizationId,
      event.changes.map((change) => change.itemId),
    );
    if (listed.length === 0) return;
    const catalog = await this.platforms.catalog();
    for (const listing of listed) {
      const platform = catalog.byId(listing.platformId);
      if (!platform || !this.adapters.forPlatform(platform.slug)) continue;
      if (!followsItemPrice(listing, previous.get(listing.inventoryItemId) ?? null)) continue;
      const session = await this.accounts.sellerSession(event.organizationId, platform.id);
      if (!session) continue;
      await this.enqueue(platform.slug, {
        listing_uid: listing.uid,
        organization_id: event.organizationId,
        account_uid: session.accountUid,
        action: 'update_price',
      });
    }
  }

  /**
   * Sends the item's current price to its live listing. The listing stays listed whatever the outcome: a refusal or a
   * lost connection is recorded on its last_error, as the listing is still live at its old price.
   */
  private async pushPrice(data: ListingJobData): Promise<void> {
    const listing = await this.listings.findByUid(data.organization_id, data.listing_uid);
    if (!listing || listing.status !== 'listed' || !listing.listingId) return;
    const item = await this.items.find(data.organization_id, { id: listing.inventoryItemId });
    const price = item && listingPrice(null, item);
    if (!price || (listing.listingPriceUsd !== null && Number(listing.listingPriceUsd) === Number(price))) return;
    const platform = (await this.platforms.catalog()).byId(listing.platformId)!;
    const adapter = this.adapters.forPlatform(platform.slug)!;
    const session = await this.accounts.sellerSession(data.organization_id, platform.id);
    if (!session) return this.notePriceFailure(listing, platform, 'connection_expired');
    try {
      await adapter.updatePrice(session, { listingId: listing.listingId, details: listing.marketplaceDetails }, price);
    } catch (error) {
      if (!(error instanceof MarketplaceError)) throw error;
      if (error.kind === 'rejected') return this.notePriceFailure(listing, platform, 'marketplace_rejected', error.message);
      if (error.kind === 'unauthorized') {
        await this.accounts.markExpired(data.organization_id, session.accountUid, error.message);
        return this.notePriceFailure(listing, platform, 'connection_expired');
      }
      throw new RetryLater((error.retryAfterSeconds ?? 0) * 1000, error.message);
    }
    await this.record(listing, platform, { status: 'listed', listingPriceUsd: price, lastError: null }, `Price updated to $${price}.`);
  }

  private async notePriceFailure(
    listing: InventoryItemListing,
    platform: PlatformFacts,
    slug: ListingFailure,
    platformMessage: string | null = null,
  ): Promise<void> {
    const error = this.failure(slug, platform, platformMessage);
    await this.record(listing, platform, { status: 'listed', lastError: error }, `The price was not updated: ${error.message}`);
  }

  // --- Orders: a sale takes the item down everywhere (the orders module calls these in its transaction) ---

  /** The item's listing that sold becomes `sold`, whatever it was, announced as the system's change. */
  async recordSale(organizationId: string, listingId: string, soldAt: Date, detail: string): Promise<void> {
    const listing = await this.listings.findById(organizationId, listingId);
    if (!listing || listing.status === 'sold') return;
    const platform = (await this.platforms.catalog()).byId(listing.platformId)!;
    const from = LISTING_STATUS_CODES.filter((status) => status !== 'sold');
    if (!(await this.listings.transition(organizationId, listing.uid, from, { status: 'sold', isSold: true, soldAt }))) return;
    await this.announce(organizationId, listing.inventoryItemId, platform, listing.uid, listing.status, 'sold', detail, null);
  }

  /**
   * Every other listing of a sold item that is live (or a draft the platform holds) on an API platform becomes
   * `delisting`, announced as the system's change; one whose platform is no longer connected is `delisting_failed` with
   * `connection_expired` at once (the seller ends it by hand). Returns the delist jobs to queue once the transaction
   * commits, with queueSaleDelists.
   */
  async withdrawForSale(organizationId: string, itemId: string, exceptListingId: string | null, detail: string): Promise<SaleDelist[]> {
    const catalog = await this.platforms.catalog();
    const delists: SaleDelist[] = [];
    for (const listing of await this.listings.allForItem(organizationId, itemId)) {
      if (listing.id === exceptListingId || !canDelist(listing)) continue;
      const platform = catalog.byId(listing.platformId)!;
      if (!this.adapters.forPlatform(platform.slug)) continue;
      const session = await this.accounts.sellerSession(organizationId, platform.id);
      if (!session) {
        const error = this.failure('connection_expired', platform);
        if (
          await this.listings.transition(organizationId, listing.uid, [listing.status], { status: 'delisting_failed', lastError: error })
        ) {
          await this.announce(organizationId, itemId, platform, listing.uid, listing.status, 'delisting_failed', error.message, null);
        }
        continue;
      }
      const queued = queuedJob('delist');
      const change = { status: 'delisting' as const, queuedAction: queued.action, queuedJobId: queued.jobId };
      if (!(await this.listings.transition(organizationId, listing.uid, [listing.status], change))) continue;
      await this.announce(organizationId, itemId, platform, listing.uid, listing.status, 'delisting', detail, null);
      delists.push({
        slug: platform.slug,
        data: { listing_uid: listing.uid, organization_id: organizationId, account_uid: session.accountUid, action: 'delist' },
        jobId: queued.jobId,
      });
    }
    return delists;
  }

  /**
   * Queues a sale's delists ahead of the other work waiting on each platform's queue (priority), so that the item
   * comes down before a second buyer pays. The job id is the one the listing recorded: queued twice, it runs once.
   */
  async queueSaleDelists(delists: SaleDelist[]): Promise<void> {
    for (const { slug, data, jobId } of delists) {
      await this.queue.add(queueOf(slug), data.action, data, {
        jobId,
        attempts: ATTEMPTS,
        backoffMs: BACKOFF_MS,
        priority: SALE_DELIST_PRIORITY,
      });
    }
  }

  /** A sale undone: the sold listing is `delisted` again (the seller relists when they want), announced. */
  async releaseSale(organizationId: string, listingId: string, detail: string): Promise<void> {
    const listing = await this.listings.findById(organizationId, listingId);
    if (!listing || listing.status !== 'sold') return;
    const platform = (await this.platforms.catalog()).byId(listing.platformId)!;
    const change = { status: 'delisted' as const, isSold: false, soldAt: null, delistedAt: new Date() };
    if (!(await this.listings.transition(organizationId, listing.uid, ['sold'], change))) return;
    await this.announce(organizationId, listing.inventoryItemId, platform, listing.uid, 'sold', 'delisted', detail, null);
  }
}

/**
 * Whether a live listing follows the item's price: its price is unset or the item's previous one, or a push of the
 * item's price failed (a live listing has a last_error only then), leaving it behind the item.
 */
function followsItemPrice(listing: InventoryItemListing, previousItemPriceUsd: string | null): boolean {
  const { listingPriceUsd } = listing;
  if (listingPriceUsd === null || listing.lastError !== null) return true;
  return previousItemPriceUsd !== null && Number(listingPriceUsd) === Number(previousItemPriceUsd);
}

function saleKindOf(productType: string): SaleKind {
  return productType === 'physical' ? 'physical' : 'digital';
}

/** A claim refused because the listing is already active there. */
function foundOrBlocked<T>(claimed: T | null): T {
  if (claimed === null) throw blocked('already_listed');
  return claimed;
}
