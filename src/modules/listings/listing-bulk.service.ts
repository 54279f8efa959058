import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { ApiError, NOT_FOUND, NotFound, ValidationFailed } from '../../common/errors/error-response.js';
import type { ClientRequest } from '../../common/http/client-request.js';
import { MarketplaceAccountsService, MarketplaceAdapters } from '../marketplace/index.js';
import { PlatformsService } from '../platforms/index.js';
import { SubscriptionsService } from '../subscriptions/index.js';
import { MAX_BULK_LISTING_ITEMS, type BulkListingResponseDto, type BulkListingResultDto } from './dto/listing-bulk.dto.js';
import { type EngineAnswer, ListingEngineService } from './listing-engine.service.js';
import { ListingItemQuery } from './listing-item.query.js';
import { ListingsRepository } from './listings.repository.js';
import { type BlockingCode, canDelist } from './listings.rules.js';

type Actor = { auth: AuthContext; client: ClientRequest };
type Action = 'list' | 'delist';

/**
 * Several list or delist actions at once: each item × platform pair goes through the single-listing engine with its checks, and a
 * refusal of one pair is reported for that pair without stopping the others.
 */
@Injectable()
export class ListingBulkService {
  constructor(
    private readonly engine: ListingEngineService,
    private readonly items: ListingItemQuery,
    private readonly listings: ListingsRepository,
    private readonly platforms: PlatformsService,
    private readonly accounts: MarketplaceAccountsService,
    private readonly adapters: MarketplaceAdapters,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  /** Items × platforms; `platforms` null on delist means every platform where each item has a live listing. */
  async bulk(
    actor: Actor,
    action: Action,
    input: { items?: string[]; uids?: string[]; platforms?: string[]; is_draft?: boolean },
  ): Promise<BulkListingResponseDto> {
    const uids = input.items ?? input.uids;
    if (!uids) throw new ValidationFailed({ items: ['This field is required.'] });
    const limit = await this.itemLimit(actor.auth);
    if (uids.length > limit) {
      throw new ValidationFailed({ items: [`Your plan allows at most ${limit} items per bulk request; this one has ${uids.length}.`] });
    }
    const platforms = await this.knownPlatforms(input.platforms);
    const results: BulkListingResultDto[] = [];
    for (const uid of uids) results.push(...(await this.forItem(actor, action, uid, platforms, input.is_draft)));
    return summarize(results);
  }

  /** One item on several platforms (`platforms` null on delist: every platform where it has a live listing). */
  async forOneItem(
    actor: Actor,
    action: Action,
    uid: string,
    input: { platforms?: string[]; is_draft?: boolean },
  ): Promise<BulkListingResponseDto> {
    const platforms = await this.knownPlatforms(input.platforms);
    await this.assertItem(actor.auth, uid);
    return summarize(await this.forItem(actor, action, uid, platforms, input.is_draft));
  }

  /** List on every platform the organization is connected to through an API, or delist from every platform. */
  async all(actor: Actor, action: Action, uid: string, slug: string, isDraft: boolean | undefined): Promise<BulkListingResponseDto> {
    if (!(await this.platforms.catalog()).bySlug(slug)) throw new NotFound();
    await this.assertItem(actor.auth, uid);
    return summarize(await this.forItem(actor, action, uid, null, isDraft));
  }

  private async forItem(
    actor: Actor,
    action: Action,
    uid: string,
    platforms: string[] | null,
    isDraft: boolean | undefined,
  ): Promise<BulkListingResultDto[]> {
    const { organizationId } = actor.auth;
    const item = await this.items.find(organizationId, { uid });
    if (!item || item.deletedAt !== null) return [refusal(uid, null, NOT_FOUND, null)];
    const slugs =
      platforms ??
      (action === 'list' ? await this.connectedApiPlatforms(organizationId) : await this.livePlatforms(organizationId, item.id));
    if (slugs.length === 0) {
      return action === 'list'
        ? [refusal(uid, null, 'Connect your account on a platform with an API before listing.', 'not_connected')]
        : [refusal(uid, null, 'The item has no live listing to delist.', null)];
    }
    const results: BulkListingResultDto[] = [];
    for (const slug of slugs) {
      try {
        const answer: EngineAnswer =
          action === 'list'
            ? await this.engine.list(actor, uid, slug, { is_draft: isDraft ?? true })
            : await this.engine.delist(actor, uid, slug);
        results.push({
          uid,
          platform: slug,
          status: answer.status,
          listing_uid: answer.listing_uid,
          message: answer.message,
          blocking_code: answer.status === 'listing_failed' ? 'price_not_set' : null,
        });
      } catch (error) {
        if (!(error instanceof ApiError) || error.getStatus() >= 500) throw error;
        const body = error.getResponse() as { non_field_errors?: string[]; detail?: string; blocking_code?: BlockingCode };
        results.push(refusal(uid, slug, body.non_field_errors?.[0] ?? body.detail ?? NOT_FOUND, body.blocking_code ?? null));
      }
    }
    return results;
  }

  /** The item of a path: a 404 when it is unknown, deleted or another organization's. */
  private async assertItem(auth: AuthContext, uid: string): Promise<void> {
    const item = await this.items.find(auth.organizationId, { uid });
    if (!item || item.deletedAt !== null) throw new NotFound();
  }

  private async connectedApiPlatforms(organizationId: string): Promise<string[]> {
    const catalog = await this.platforms.catalog();
    const connected = await this.accounts.connectedPlatformIds(organizationId);
    return catalog.all
      .map((platform) => catalog.byUid(platform.uid)!)
      .filter((platform) => connected.has(platform.id) && this.adapters.forPlatform(platform.slug))
      .map((platform) => platform.slug);
  }

  private async livePlatforms(organizationId: string, itemId: string): Promise<string[]> {
    const catalog = await this.platforms.catalog();
    const listings = await this.listings.forItem(organizationId, itemId);
    return listings
      .filter((listing) => canDelist({ status: listing.status, listingId: listing.listing_id }))
      .map((listing) => catalog.byId(listing.platform_id)!.slug);
  }

  /** The slugs as sent, each a platform of the catalog (400 on `platforms` otherwise); null when none were sent. */
  private async knownPlatforms(slugs: string[] | undefined): Promise<string[] | null> {
    if (slugs === undefined) return null;
    const catalog = await this.platforms.catalog();
    const unknown = slugs.filter((slug) => !catalog.bySlug(slug));
    if (unknown.length > 0) throw new ValidationFailed({ platforms: unknown.map((slug) => `"${slug}" is not a valid choice.`) });
    return slugs;
  }

  private async itemLimit(auth: AuthContext): Promise<number> {
    const plan = (await this.subscriptions.forOrganization(auth.organizationId))?.plan;
    return Math.min(MAX_BULK_LISTING_ITEMS, plan?.max_items_per_batch ?? MAX_BULK_LISTING_ITEMS);
  }
}

function refusal(uid: string, platform: string | null, message: string, code: BlockingCode | null): BulkListingResultDto {
  return { uid, platform, status: 'refused', listing_uid: null, message, blocking_code: code };
}

function summarize(results: BulkListingResultDto[]): BulkListingResponseDto {
  const submitted = (result: BulkListingResultDto) => result.status === 'in_progress' || result.status === 'delisting';
  const failed = results.filter((result) => !submitted(result));
  return {
    success_count: results.length - failed.length,
    failure_count: failed.length,
    total_count: results.length,
    results,
    errors: failed.map((result) => ({ uid: result.uid, platform: result.platform, error: result.message })),
    updated_uids: [...new Set(results.filter(submitted).map((result) => result.uid))],
  };
}
