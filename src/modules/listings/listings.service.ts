import { Injectable } from '@nestjs/common';
import { MarketplaceAccountsService } from '../marketplace/index.js';
import { type PlatformDto, PlatformsService, type SaleKind } from '../platforms/index.js';
import { SubscriptionsService } from '../subscriptions/index.js';
import { ListingDto } from './dto/listing.dto.js';
import { PlatformListabilityDto } from './dto/platform-listability.dto.js';
import { mapListing, mapPlatformListability } from './listings.mapper.js';
import { ListingsRepository } from './listings.repository.js';
import { ACTIVE_LISTING_STATUSES, type ListingItemFacts, listingActions, platformListability } from './listings.rules.js';

/** An item as its listability needs it; `id` is the internal id. */
export interface ItemForListability extends ListingItemFacts {
  id: string;
  productType: SaleKind;
}

/** A listing found on a platform, for recordImportedListing. */
export interface ImportedListing {
  organizationId: string;
  itemId: string;
  platformId: string;
  userId: string | null;
  listingId: string;
  priceUsd: string;
  url: string | null;
  /** What later calls need (eBay offer id, Discogs release and condition, Shopify variant id...). */
  details: Record<string, unknown>;
}

@Injectable()
export class ListingsService {
  constructor(
    private readonly listings: ListingsRepository,
    private readonly platforms: PlatformsService,
    private readonly subscriptions: SubscriptionsService,
    private readonly accounts: MarketplaceAccountsService,
  ) {}

  /** The item's listings, in platform display order, with what can be done with each now (one query). */
  async forItem(organizationId: string, itemId: string, item: ListingItemFacts): Promise<ListingDto[]> {
    const [catalog, rows] = await Promise.all([this.platforms.catalog(), this.listings.forItem(organizationId, itemId)]);
    const byUid = new Map(catalog.all.map((platform) => [platform.uid, platform]));
    return rows.map((row) => {
      const platform = byUid.get(catalog.byId(row.platform_id)!.uid)!;
      return mapListing(
        row,
        platform,
        listingActions({ status: row.status, listingPriceUsd: row.listing_price_usd, isSold: row.is_sold }, item),
      );
    });
  }

  /** Which of these items have an active listing (one that keeps the item from being deleted), in one query. */
  async activeListingItemIds(organizationId: string, itemIds: string[]): Promise<Set<string>> {
    if (itemIds.length === 0) return new Set();
    return new Set(await this.listings.itemIdsWithStatus(organizationId, itemIds, ACTIVE_LISTING_STATUSES));
  }

  /**
   * Whether the item can be listed on each platform of the catalog, in display order (three queries: the
   * subscription, the organization's live marketplace connections and the item's listings).
   */
  async listability(organizationId: string, item: ItemForListability): Promise<PlatformListabilityDto[]> {
    const [catalog, subscriptionActive, connected, states] = await Promise.all([
      this.platforms.catalog(),
      this.subscriptions.isActive(organizationId),
      this.accounts.connectedPlatformIds(organizationId),
      this.listings.statesForItem(organizationId, item.id),
    ]);
    const listingOn = new Map(
      states.map((state) => [state.platform_id, { status: state.status, listingPriceUsd: state.listing_price_usd }]),
    );
    return catalog.all.map((platform: PlatformDto) => {
      const facts = catalog.byUid(platform.uid)!;
      const listability = platformListability(
        {
          acceptsKind: facts.accepts(item.productType),
          isSellingActive: platform.is_selling_active,
          connectionType: platform.connection_type,
        },
        item,
        { subscriptionActive, connected: connected.has(facts.id), listing: listingOn.get(facts.id) ?? null },
      );
      return mapPlatformListability(platform, listability);
    });
  }

  // --- Imports: a listing found on a platform, linked to an item as live so that delist and order sync act on it. ---

  /** Per platform listing id, the uid of the organization's live item already linked to it. */
  itemsOfPlatformListings(organizationId: string, platformId: string, listingIds: string[]): Promise<Map<string, string>> {
    return this.listings.itemsOfPlatformListings(organizationId, platformId, listingIds);
  }

  /**
   * Records the item's listing on the platform as live with the platform's listing id, URL, price and details (in
   * the caller's transaction); null when the item already has an active listing there (nothing is changed then).
   */
  recordImportedListing(listing: ImportedListing): Promise<{ uid: string } | null> {
    return this.listings.recordLive({ ...listing, unlessIn: ACTIVE_LISTING_STATUSES });
  }

  /**
   * recordImportedListing for many items of the organization (each item once), in one statement whatever their number
   * (in the caller's transaction); the internal ids of the items whose listing was recorded.
   */
  async recordImportedListings(organizationId: string, listings: Array<Omit<ImportedListing, 'organizationId'>>): Promise<Set<string>> {
    const recorded = await this.listings.recordLiveMany(organizationId, listings, ACTIVE_LISTING_STATUSES);
    return new Set(recorded.map((listing) => listing.itemId));
  }
}
