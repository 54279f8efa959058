import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { newUid } from '../../common/ids/uid.js';
import { type ListingError, InventoryItemListing } from './entities/inventory-item-listing.entity.js';
import type { ListingStatus } from './listings.rules.js';

/** The columns a listing response shows. */
export interface ListingRow {
  uid: string;
  platform_id: string;
  status: string;
  listing_id: string | null;
  listing_price_usd: string | null;
  marketplace_url: string | null;
  marketplace_description: string | null;
  ml_generated_title: string | null;
  ml_generated_description: string | null;
  marketplace_details: Record<string, unknown>;
  is_sold: boolean;
  last_error: ListingError | null;
  created: Date;
  updated: Date;
}

/** What listability needs of an item's listing on a platform. */
export interface ListingStateRow {
  platform_id: string;
  status: string;
  listing_price_usd: string | null;
}

/** What a listing action changes on its row. */
/** The job a listing's claim waits for (see InventoryItemListing.queuedJobId). */
export interface QueuedJob {
  action: NonNullable<InventoryItemListing['queuedAction']>;
  jobId: string;
}

/** A listing whose job was recorded but may never have reached the queue, across organizations (for the recovery sweep). */
export interface StalledListing {
  uid: string;
  organizationId: string;
  platformId: string;
  action: QueuedJob['action'];
  jobId: string;
}

export type ListingChange = { status: ListingStatus } & Partial<
  Pick<
    InventoryItemListing,
    | 'listingId'
    | 'listingPriceUsd'
    | 'marketplaceUrl'
    | 'marketplaceDetails'
    | 'isDraft'
    | 'lastError'
    | 'listedAt'
    | 'delistedAt'
    | 'queuedAction'
    | 'queuedJobId'
    | 'isSold'
    | 'soldAt'
  >
>;

/** A listing an import records as live. */
export interface ImportedListingRow {
  organizationId: string;
  itemId: string;
  platformId: string;
  userId: string | null;
  listingId: string;
  priceUsd: string;
  url: string | null;
  details: Record<string, unknown>;
  /** Statuses in which the item's existing listing there is left alone. */
  unlessIn: readonly ListingStatus[];
}

/** Reads of listings; every method is scoped by the organization. */
@Injectable()
export class ListingsRepository {
  constructor(private readonly db: TransactionalConnection) {}

  /** The item's listings, in platform display order. */
  async forItem(organizationId: string, itemId: string): Promise<ListingRow[]> {
    const rows = await this.db.select<ListingRow>(
      `SELECT l.uid, l.platform_id, l.status, l.listing_id, l.listing_price_usd, l.marketplace_url, l.marketplace_description,
              l.ml_generated_title, l.ml_generated_description, l.marketplace_details, l.is_sold, l.last_error, l.created, l.updated
         FROM inventory_item_listings l JOIN platforms p ON p.id = l.platform_id
        WHERE l.organization_id = $1 AND l.inventory_item_id = $2
        ORDER BY p.position, p.id`,
      [organizationId, itemId],
    );
    return rows.map((row) => ({ ...row, platform_id: String(row.platform_id) }));
  }

  /** Per platform, the state of the item's listing there. */
  async statesForItem(organizationId: string, itemId: string): Promise<ListingStateRow[]> {
    const rows = await this.db.select<ListingStateRow>(
      `SELECT platform_id, status, listing_price_usd FROM inventory_item_listings WHERE organization_id = $1 AND inventory_item_id = $2`,
      [organizationId, itemId],
    );
    return rows.map((row) => ({ ...row, platform_id: String(row.platform_id) }));
  }

  /** Which of these items have a listing in one of these statuses. */
  async itemIdsWithStatus(organizationId: string, itemIds: string[], statuses: readonly string[]): Promise<string[]> {
    const rows = await this.db.select<{ inventory_item_id: string }>(
      `SELECT DISTINCT inventory_item_id FROM inventory_item_listings
        WHERE organization_id = $1 AND inventory_item_id = ANY($2::bigint[]) AND status = ANY($3::text[])`,
      [organizationId, itemIds, statuses],
    );
    return rows.map((row) => String(row.inventory_item_id));
  }

  private get entities() {
    return this.db.getRepository(InventoryItemListing);
  }

  findByUid(organizationId: string, uid: string): Promise<InventoryItemListing | null> {
    return this.entities.findOneBy({ organizationId, uid });
  }

  findForItem(organizationId: string, itemId: string, platformId: string): Promise<InventoryItemListing | null> {
    return this.entities.findOneBy({ organizationId, inventoryItemId: itemId, platformId });
  }

  /**
   * Creates the item's listing on the platform, or moves the existing one, to `status` unless it is in one of
   * `unlessIn` (one statement, so two requests at once cannot both start); null when it was in one of them.
   */
  async claim(
    listing: { organizationId: string; itemId: string; platformId: string; userId: string | null; isDraft: boolean },
    status: ListingStatus,
    unlessIn: readonly ListingStatus[],
    lastError: ListingError | null = null,
    queued: QueuedJob | null = null,
  ): Promise<{ uid: string } | null> {
    const [row] = await this.db.select<{ uid: string }>(
      `INSERT INTO inventory_item_listings
              (uid, organization_id, inventory_item_id, platform_id, user_id, status, is_draft, last_error, queued_action, queued_job_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $10, $11)
       ON CONFLICT (inventory_item_id, platform_id) DO UPDATE
          SET status = EXCLUDED.status, user_id = EXCLUDED.user_id, is_draft = EXCLUDED.is_draft, last_error = EXCLUDED.last_error,
              queued_action = EXCLUDED.queued_action, queued_job_id = EXCLUDED.queued_job_id, updated = now()
        WHERE inventory_item_listings.status <> ALL($9::text[])
       RETURNING uid`,
      [
        newUid('lst'),
        listing.organizationId,
        listing.itemId,
        listing.platformId,
        listing.userId,
        status,
        listing.isDraft,
        lastError === null ? null : JSON.stringify(lastError),
        unlessIn,
        queued?.action ?? null,
        queued?.jobId ?? null,
      ],
    );
    return row ?? null;
  }

  /** Moves a listing from `from` to `status` with these fields; false when it was no longer in `from`. */
  async transition(organizationId: string, uid: string, from: readonly ListingStatus[], fields: ListingChange): Promise<boolean> {
    const result = await this.entities
      .createQueryBuilder()
      .update()
      .set(fields as Record<string, unknown>)
      .where('organization_id = :organizationId AND uid = :uid AND status IN (:...from)', { organizationId, uid, from })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Listings still waiting for a job recorded before `before`, oldest first: a system read across organizations. */
  async stalled(before: Date, limit: number): Promise<StalledListing[]> {
    const rows = await this.db.select<{
      uid: string;
      organization_id: string;
      platform_id: string;
      queued_action: string;
      queued_job_id: string;
    }>(
      `SELECT uid, organization_id, platform_id, queued_action, queued_job_id FROM inventory_item_listings
        WHERE queued_job_id IS NOT NULL AND updated < $1 ORDER BY updated LIMIT $2`,
      [before, limit],
    );
    return rows.map((row) => ({
      uid: row.uid,
      organizationId: String(row.organization_id),
      platformId: String(row.platform_id),
      action: row.queued_action as QueuedJob['action'],
      jobId: row.queued_job_id,
    }));
  }

  /** The live listings (status listed) of these items. */
  listedForItems(organizationId: string, itemIds: string[]): Promise<InventoryItemListing[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return this.entities.findBy({ organizationId, inventoryItemId: In(itemIds), status: 'listed' });
  }

  // --- Imports: listings brought in from a platform, recorded as live at once. ---

  /** Per listing id on the platform, the live item of the organization already linked to it (its uid). */
  async itemsOfPlatformListings(organizationId: string, platformId: string, listingIds: string[]): Promise<Map<string, string>> {
    if (listingIds.length === 0) return new Map();
    const rows = await this.db.select<{ listing_id: string; item_uid: string }>(
      `SELECT DISTINCT ON (l.listing_id) l.listing_id, i.uid AS item_uid
         FROM inventory_item_listings l JOIN inventory_items i ON i.id = l.inventory_item_id AND i.deleted_at IS NULL
        WHERE l.organization_id = $1 AND l.platform_id = $2 AND l.listing_id = ANY($3::varchar[])
        ORDER BY l.listing_id, l.id`,
      [organizationId, platformId, listingIds],
    );
    return new Map(rows.map((row) => [row.listing_id, row.item_uid]));
  }

  /**
   * Records an item's listing as live on the platform with the platform's id and URL: a new row, or the item's
   * listing there taken over unless it is active (one statement); false when it is active.
   */
  async recordLive(listing: ImportedListingRow): Promise<{ uid: string } | null> {
    const [row] = await this.recordLiveMany(listing.organizationId, [listing], listing.unlessIn);
    return row ? { uid: row.uid } : null;
  }

  /**
   * recordLive for many items of the organization (each item once) in one statement whatever their number; the
   * listings recorded (the item's internal id and the listing's uid), those left alone being active ones.
   */
  async recordLiveMany(
    organizationId: string,
    listings: Array<Omit<ImportedListingRow, 'organizationId' | 'unlessIn'>>,
    unlessIn: readonly ListingStatus[],
  ): Promise<Array<{ itemId: string; uid: string }>> {
    if (listings.length === 0) return [];
    const rows = await this.db.select<{ inventory_item_id: string; uid: string }>(
      `INSERT INTO inventory_item_listings (uid, organization_id, inventory_item_id, platform_id, user_id, status, listing_id,
                                            listing_price_usd, marketplace_url, marketplace_details, is_draft, listed_at)
       SELECT found.uid, $1::bigint, found.item_id, found.platform_id, found.user_id, 'listed', found.listing_id,
              found.price, found.url, found.details::jsonb, false, now()
         FROM unnest($2::varchar[], $3::bigint[], $4::bigint[], $5::bigint[], $6::varchar[], $7::numeric[], $8::varchar[], $9::text[])
              AS found (uid, item_id, platform_id, user_id, listing_id, price, url, details)
       ON CONFLICT (inventory_item_id, platform_id) DO UPDATE
          SET status = 'listed', user_id = EXCLUDED.user_id, listing_id = EXCLUDED.listing_id,
              listing_price_usd = EXCLUDED.listing_price_usd, marketplace_url = EXCLUDED.marketplace_url,
              marketplace_details = EXCLUDED.marketplace_details, is_draft = false, last_error = NULL,
              listed_at = now(), updated = now()
        WHERE inventory_item_listings.status <> ALL($10::text[])
       RETURNING inventory_item_id, uid`,
      [
        organizationId,
        listings.map(() => newUid('lst')),
        listings.map((listing) => listing.itemId),
        listings.map((listing) => listing.platformId),
        listings.map((listing) => listing.userId),
        listings.map((listing) => listing.listingId),
        listings.map((listing) => listing.priceUsd),
        listings.map((listing) => listing.url),
        listings.map((listing) => JSON.stringify(listing.details)),
        unlessIn,
      ],
    );
    return rows.map((row) => ({ itemId: String(row.inventory_item_id), uid: row.uid }));
  }

  // --- Orders: the listings a sale takes down ---

  /** Every listing of the item, whatever its status. */
  allForItem(organizationId: string, itemId: string): Promise<InventoryItemListing[]> {
    return this.entities.findBy({ organizationId, inventoryItemId: itemId });
  }

  findById(organizationId: string, id: string): Promise<InventoryItemListing | null> {
    return this.entities.findOneBy({ organizationId, id });
  }
}
