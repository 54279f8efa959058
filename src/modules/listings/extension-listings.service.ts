import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { ApiError, NotFound, ValidationFailed } from '../../common/errors/error-response.js';
import type { ClientRequest } from '../../common/http/client-request.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { type PlatformDto, type PlatformFacts, PlatformsService, type SaleKind } from '../platforms/index.js';
import type {
  ExtensionListingsReportDto,
  ExtensionListingsResultDto,
  ExtensionReportedListingDto,
  ReportedStatus,
} from './dto/extension-listings.dto.js';
import type { ListingActionAcceptedDto, ListOnPlatformDto } from './dto/listing-action.dto.js';
import { InventoryItemListing } from './entities/inventory-item-listing.entity.js';
import { isListingUrlOn, platformDomain } from './extension-listings.rules.js';
import { ListingAnnouncer } from './listing-announcer.js';
import { type ListingItem, ListingItemQuery } from './listing-item.query.js';
import { type ListingChange, ListingsRepository } from './listings.repository.js';
import { BLOCKING_CODES, type BlockingCode, canDelist, type ListingStatus, platformListability } from './listings.rules.js';

type Actor = { auth: AuthContext; client: ClientRequest };

/** An extension platform as this service needs it: its facts and the domain its listing pages live on. */
interface ExtensionPlatform {
  facts: PlatformFacts;
  dto: PlatformDto;
  domain: string;
}

const REPORTED_TO_STATUS: Record<ReportedStatus, ListingStatus> = { active: 'listed', ended: 'delisted', sold: 'sold' };

function saleKindOf(productType: string): SaleKind {
  return productType === 'physical' ? 'physical' : 'digital';
}

/**
 * Listings on the extension platforms (Redbubble, TeePublic, Society6), which have no API: the seller lists by hand
 * and tells us (list/delist record the outcome at once), and the browser extension reports what it sees there.
 */
@Injectable()
export class ExtensionListingsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly listings: ListingsRepository,
    private readonly items: ListingItemQuery,
    private readonly platforms: PlatformsService,
    private readonly announcer: ListingAnnouncer,
  ) {}

  /** The extension platform with this slug; null for an API platform or an unknown slug. */
  async platform(slug: string): Promise<ExtensionPlatform | null> {
    const catalog = await this.platforms.catalog();
    const facts = catalog.bySlug(slug);
    const dto = facts && catalog.all.find((candidate) => candidate.uid === facts.uid);
    if (!facts || !dto || dto.connection_type !== 'extension') return null;
    return { facts, dto, domain: platformDomain(dto.url) };
  }

  /** Records the listing the seller made on the platform as `listed`, once the item could be listed there. */
  async list(actor: Actor, platform: ExtensionPlatform, uid: string, input: ListOnPlatformDto): Promise<ListingActionAcceptedDto> {
    const { auth } = actor;
    const { facts, domain } = platform;
    const errors: Record<string, string[]> = {};
    const listingUrl = input.listing_url?.trim() ?? '';
    const listingId = input.listing_id?.trim() ?? '';
    if (!listingUrl) {
      errors.listing_url = [
        `${facts.displayName} has no API: list the item there yourself (or with the browser extension), then send the listing's page URL here.`,
      ];
    } else if (!isListingUrlOn(listingUrl, domain)) {
      errors.listing_url = [`Enter the https URL of the listing on ${domain}.`];
    }
    if (!listingId) errors.listing_id = [`Enter the ${facts.displayName} listing id of the listing you made there.`];
    if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);

    const item = await this.liveItem(auth.organizationId, uid);
    return this.db.transaction(async () => {
      const existing = await this.listings.findForItem(auth.organizationId, item.id, facts.id);
      const code = this.blockingCode(platform, item, existing);
      if (code !== null) throw new ApiError({ non_field_errors: [BLOCKING_CODES[code]], blocking_code: code }, 400);
      const uidOf = await this.upsert(
        auth,
        item.id,
        facts,
        existing,
        { status: 'listed', listingId, marketplaceUrl: listingUrl, isDraft: false, lastError: null, listedAt: new Date() },
        `Listed by hand on ${facts.displayName}.`,
        actor,
      );
      return { platform: facts.slug, listing_uid: uidOf, status: 'listed', message: `Listing recorded on ${facts.displayName}.` };
    });
  }

  /** Records that the seller ended the listing on the platform. */
  async delist(actor: Actor, platform: ExtensionPlatform, uid: string): Promise<ListingActionAcceptedDto> {
    const { auth } = actor;
    const { facts } = platform;
    const item = await this.liveItem(auth.organizationId, uid);
    return this.db.transaction(async () => {
      const existing = await this.listings.findForItem(auth.organizationId, item.id, facts.id);
      if (!existing || !canDelist(existing)) {
        throw new ValidationFailed({ non_field_errors: [`The item has no live listing on ${facts.displayName} to delist.`] });
      }
      await this.move(
        existing,
        facts,
        { status: 'delisted', delistedAt: new Date(), lastError: null },
        `Delisted by hand on ${facts.displayName}.`,
        actor,
      );
      return {
        platform: facts.slug,
        listing_uid: existing.uid,
        status: 'delisted',
        message: `Delisting recorded on ${facts.displayName}.`,
      };
    });
  }

  /** Applies what the browser extension saw on the platform to the organization's listings there; unknown items are reported back. */
  async report(actor: Actor, input: ExtensionListingsReportDto): Promise<ExtensionListingsResultDto> {
    const platform = await this.platform(input.platform);
    if (!platform) {
      throw new ValidationFailed({ platform: ['Not a platform the browser extension lists on (redbubble, teepublic, society6).'] });
    }
    const result: ExtensionListingsResultDto = { matched: 0, updated: 0, unmatched: [] };
    await this.db.transaction(async () => {
      for (const reported of input.listings) {
        const outcome = await this.applyReported(actor, platform, reported);
        if (typeof outcome === 'string') {
          result.unmatched.push({ listing_id: reported.listing_id, reason: outcome });
          continue;
        }
        result.matched += 1;
        if (outcome.updated) result.updated += 1;
      }
    });
    return result;
  }

  /** One reported listing: `{updated}` when matched, else the reason it was not. */
  private async applyReported(
    actor: Actor,
    platform: ExtensionPlatform,
    reported: ExtensionReportedListingDto,
  ): Promise<{ updated: boolean } | string> {
    const { organizationId } = actor.auth;
    const { facts, domain } = platform;
    if (!isListingUrlOn(reported.listing_url, domain)) return `listing_url is not an https URL on ${domain}`;
    let itemId: string;
    let existing: InventoryItemListing | null;
    if (reported.item_uid) {
      const item = await this.items.find(organizationId, { uid: reported.item_uid });
      if (!item || item.deletedAt !== null) return 'not found';
      itemId = item.id;
      existing = await this.listings.findForItem(organizationId, item.id, facts.id);
      if (!existing && !facts.accepts(saleKindOf(item.productType))) {
        return BLOCKING_CODES[saleKindOf(item.productType) === 'physical' ? 'physical_not_supported' : 'digital_not_supported'];
      }
    } else {
      existing = await this.db
        .getRepository(InventoryItemListing)
        .findOneBy({ organizationId, platformId: facts.id, listingId: reported.listing_id });
      if (!existing) return `no item_uid, and no ${facts.displayName} listing has this listing_id`;
      const item = await this.items.find(organizationId, { id: existing.inventoryItemId });
      if (!item || item.deletedAt !== null) return 'not found';
      itemId = existing.inventoryItemId;
    }
    const status = REPORTED_TO_STATUS[reported.status ?? 'active'];
    const change: ListingChange & { isSold?: boolean } = {
      status,
      listingId: reported.listing_id,
      marketplaceUrl: reported.listing_url,
      ...(reported.price_usd === undefined ? {} : { listingPriceUsd: reported.price_usd }),
    };
    if (existing && isUnchanged(existing, change)) return { updated: false };
    const statusChanged = existing?.status !== status;
    if (statusChanged) {
      if (status === 'listed') Object.assign(change, { listedAt: new Date(), isDraft: false, lastError: null });
      if (status === 'delisted') Object.assign(change, { delistedAt: new Date(), lastError: null });
      if (status === 'sold') Object.assign(change, { isSold: true, lastError: null });
    }
    change.marketplaceDetails = { ...(existing?.marketplaceDetails ?? {}), title: reported.title, source: 'extension' };
    const detail = `Reported by the browser extension as ${reported.status ?? 'active'} on ${facts.displayName}.`;
    if (!existing) {
      await this.upsert(actor.auth, itemId, facts, null, change, detail, actor, 'extension');
      return { updated: true };
    }
    const moved = await this.move(existing, facts, change, detail, actor, statusChanged, 'extension');
    return { updated: moved };
  }

  private async liveItem(organizationId: string, uid: string): Promise<ListingItem> {
    const item = await this.items.find(organizationId, { uid });
    if (!item || item.deletedAt !== null) throw new NotFound();
    return item;
  }

  /**
   * The first blocking code of listing the item there by hand: the listability rules, except that the platform
   * needs no connection and sets its own price (the listing already exists there).
   */
  private blockingCode(platform: ExtensionPlatform, item: ListingItem, existing: InventoryItemListing | null): BlockingCode | null {
    const kind = saleKindOf(item.productType);
    const { blocking_code: code } = platformListability(
      { acceptsKind: platform.facts.accepts(kind), isSellingActive: platform.dto.is_selling_active, connectionType: 'extension' },
      { status: item.status, productType: kind, priceTotalUsd: item.priceTotalUsd, listingCurrentPrice: item.listingCurrentPrice },
      {
        subscriptionActive: true,
        connected: true,
        listing: existing && { status: existing.status, listingPriceUsd: existing.listingPriceUsd },
      },
    );
    return code === 'price_not_set' ? null : code;
  }

  /** Creates the item's listing (or moves the existing one) to the change's status, and announces it. */
  private async upsert(
    auth: AuthContext,
    itemId: string,
    facts: PlatformFacts,
    existing: InventoryItemListing | null,
    change: ListingChange,
    detail: string,
    actor: Actor,
    source: 'extension' | null = null,
  ): Promise<string> {
    const claim = { organizationId: auth.organizationId, itemId, platformId: facts.id, userId: auth.userId, isDraft: false };
    const claimed = await this.listings.claim(claim, change.status, []);
    await this.listings.transition(auth.organizationId, claimed!.uid, [change.status], change);
    await this.announce(auth.organizationId, itemId, facts, claimed!.uid, existing?.status ?? null, change.status, detail, actor, source);
    return claimed!.uid;
  }

  /** Moves an existing listing on from the status it was read in; false when it changed meanwhile. */
  private async move(
    listing: InventoryItemListing,
    facts: PlatformFacts,
    change: ListingChange,
    detail: string,
    actor: Actor,
    announce = true,
    source: 'extension' | null = null,
  ): Promise<boolean> {
    if (!(await this.listings.transition(listing.organizationId, listing.uid, [listing.status], change))) {
      throw new ValidationFailed({ non_field_errors: ['Wait until the current listing action finishes.'] });
    }
    if (announce)
      await this.announce(
        listing.organizationId,
        listing.inventoryItemId,
        facts,
        listing.uid,
        listing.status,
        change.status,
        detail,
        actor,
        source,
      );
    return true;
  }

  private announce(
    organizationId: string,
    itemId: string,
    platform: PlatformFacts,
    listingUid: string,
    before: string | null,
    after: ListingStatus,
    detail: string,
    actor: Actor,
    source: 'extension' | null = null,
  ): Promise<void> {
    return this.announcer.announce({ organizationId, itemId, platform, listingUid, before, after, detail, actor, source });
  }
}

function isUnchanged(listing: InventoryItemListing, change: ListingChange): boolean {
  return (
    listing.status === change.status &&
    listing.listingId === change.listingId &&
    listing.marketplaceUrl === change.marketplaceUrl &&
    (change.listingPriceUsd === undefined || Number(listing.listingPriceUsd) === Number(change.listingPriceUsd))
  );
}
