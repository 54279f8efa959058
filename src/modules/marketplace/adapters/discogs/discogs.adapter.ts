import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config.js';
import type {
  ListingDraft,
  ListingsPage,
  ListingOutcome,
  ListingReference,
  MarketplaceAdapter,
  RemoteListing,
  RemoteOrder,
  SellerSession,
  Shipment,
} from '../marketplace-adapter.js';
import { MarketplaceError } from '../marketplace-error.js';
import { type DiscogsCredentials, DiscogsClient, discogsCredentials } from './discogs.client.js';
import {
  chosenReleaseId,
  discogsOrderState,
  discogsShippingAddress,
  type DiscogsListingBody,
  type DiscogsWritableStatus,
  listingBody,
  listingDetails,
  listingStateFromDiscogs,
  listingUrl,
  mediaConditionFromDiscogs,
  noReleaseMessage,
  priceFromDiscogs,
  discogsPrice,
  discogsCursor,
  type DiscogsInventoryEntry,
  discogsListingForImport,
  parseDiscogsCursor,
  releaseSearchQuery,
  shipmentMessage,
  UnlistableDraft,
} from './discogs.rules.js';

const PLATFORM = 'discogs';
const PAGE_SIZE = 100;
const SHIPPED = 'Shipped';

interface DiscogsPagination {
  page: number;
  pages: number;
}

interface DiscogsPrice {
  value: number;
  currency: string;
}

interface DiscogsInventoryListing {
  id: number;
  status: string;
  price: DiscogsPrice;
  condition: string;
  sleeve_condition?: string | null;
  external_id?: string | null;
  uri?: string;
  release: { id: number; description?: string; title?: string; artist?: string };
}

interface DiscogsOrder {
  id: string;
  status: string;
  created: string;
  last_activity?: string;
  buyer?: { username?: string };
  total?: DiscogsPrice;
  shipping?: DiscogsPrice & { method?: string };
  fee?: DiscogsPrice;
  items: Array<{ id: number; price: DiscogsPrice; release: { id: number; description?: string } }>;
  shipping_address?: string;
}

/**
 * Discogs Marketplace (API v2): a listing is a copy of a release in the database, found by the catalog number or
 * barcode of the item (or chosen by the seller in `marketplace_details.release_id`), with Discogs' condition strings,
 * a price in the seller's currency and our item uid as `external_id`. Discogs listings show the release's pictures and
 * take no uploaded ones, so the draft's pictures are not sent. Personal and OAuth 1.0a tokens do not expire: a 401
 * means the seller revoked them, and there is nothing to renew.
 */
@Injectable()
export class DiscogsAdapter implements MarketplaceAdapter {
  readonly platform = PLATFORM;

  constructor(
    private readonly client: DiscogsClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Nothing: personal tokens need no application keys, and an OAuth account without them fails its calls saying so. */
  missingSettings(): string[] {
    return [];
  }

  async createListing(session: SellerSession, draft: ListingDraft): Promise<ListingOutcome> {
    const credentials = credentialsOf(session);
    const releaseId = chosenReleaseId(draft.settings) ?? (await this.findRelease(credentials, draft));
    const body = buildBody(draft, releaseId, draft.isDraft ? 'Draft' : 'For Sale');
    const created = await this.client.request<{ listing_id: number }>('POST', '/marketplace/listings', credentials, { body });
    return outcome(String(created.listing_id), body, draft.priceUsd);
  }

  async publishListing(session: SellerSession, listing: ListingReference, draft: ListingDraft): Promise<ListingOutcome> {
    const credentials = credentialsOf(session);
    const releaseId = chosenReleaseId(listing.details) ?? chosenReleaseId(draft.settings) ?? (await this.findRelease(credentials, draft));
    const body = buildBody(draft, releaseId, 'For Sale');
    await this.client.request('POST', `/marketplace/listings/${encodeURIComponent(listing.listingId)}`, credentials, { body });
    return outcome(listing.listingId, body, draft.priceUsd);
  }

  async updatePrice(session: SellerSession, listing: ListingReference, priceUsd: string): Promise<void> {
    const price = discogsPrice(priceUsd);
    if (price === null) throw new MarketplaceError(PLATFORM, 'rejected', `Discogs needs a positive price, not "${priceUsd}".`);
    const releaseId = chosenReleaseId(listing.details);
    const condition = listing.details.condition;
    if (releaseId === null || typeof condition !== 'string') {
      throw new MarketplaceError(PLATFORM, 'rejected', 'This Discogs listing has no release and condition on record: list it again.');
    }
    const body: Partial<DiscogsListingBody> = {
      release_id: releaseId,
      condition,
      price,
      status: listing.details.status === 'Draft' ? 'Draft' : 'For Sale',
    };
    if (typeof listing.details.sleeve_condition === 'string') body.sleeve_condition = listing.details.sleeve_condition;
    await this.client.request('POST', `/marketplace/listings/${encodeURIComponent(listing.listingId)}`, credentialsOf(session), { body });
  }

  async delist(session: SellerSession, listing: ListingReference): Promise<void> {
    try {
      await this.client.request('DELETE', `/marketplace/listings/${encodeURIComponent(listing.listingId)}`, credentialsOf(session));
    } catch (error) {
      if (error instanceof MarketplaceError && error.httpStatus === 404) return;
      throw error;
    }
  }

  async *fetchActiveListings(session: SellerSession): AsyncIterable<RemoteListing> {
    const credentials = credentialsOf(session);
    // The inventory is addressed by username, which a seller can change: ask Discogs whose credentials these are now.
    const { username } = await this.client.identity(credentials);
    for (let page = 1, pages = 1; page <= pages; page += 1) {
      const query = new URLSearchParams({
        status: 'For Sale',
        per_page: String(PAGE_SIZE),
        page: String(page),
        sort: 'listed',
        sort_order: 'asc',
      });
      const answer = await this.client.request<{ pagination: DiscogsPagination; listings: DiscogsInventoryListing[] }>(
        'GET',
        `/users/${encodeURIComponent(username)}/inventory`,
        credentials,
        { query },
      );
      pages = answer.pagination.pages;
      for (const listing of answer.listings) yield remoteListing(listing);
    }
  }

  /** A page of the seller's For Sale inventory, oldest listing first; the first page asks Discogs whose credentials these are. */
  async fetchListingsPage(session: SellerSession, cursor: string | null): Promise<ListingsPage> {
    const credentials = credentialsOf(session);
    const at = cursor === null ? { page: 1, username: (await this.client.identity(credentials)).username } : parseDiscogsCursor(cursor);
    if (!at) throw new MarketplaceError(PLATFORM, 'rejected', `Not a Discogs inventory cursor: ${cursor}`);
    const query = new URLSearchParams({
      status: 'For Sale',
      per_page: String(PAGE_SIZE),
      page: String(at.page),
      sort: 'listed',
      sort_order: 'asc',
    });
    const answer = await this.client.request<{ pagination: DiscogsPagination; listings: DiscogsInventoryEntry[] }>(
      'GET',
      `/users/${encodeURIComponent(at.username)}/inventory`,
      credentials,
      { query },
    );
    return {
      listings: answer.listings.map(discogsListingForImport),
      nextCursor: at.page < answer.pagination.pages ? discogsCursor(at.page + 1, at.username) : null,
    };
  }

  pictureOrigins(): string[] {
    return this.config.pictureOrigins.discogs;
  }

  /** Orders by last activity, newest first, until one older than `since`: Discogs filters orders by creation only. */
  async *fetchOrders(session: SellerSession, since: Date): AsyncIterable<RemoteOrder> {
    const credentials = credentialsOf(session);
    for (let page = 1, pages = 1; page <= pages; page += 1) {
      const query = new URLSearchParams({ sort: 'last_activity', sort_order: 'desc', per_page: String(PAGE_SIZE), page: String(page) });
      const answer = await this.client.request<{ pagination: DiscogsPagination; orders: DiscogsOrder[] }>(
        'GET',
        '/marketplace/orders',
        credentials,
        { query },
      );
      pages = answer.pagination.pages;
      for (const order of answer.orders) {
        if (new Date(order.last_activity ?? order.created) < since) return;
        yield remoteOrder(order);
      }
    }
  }

  /**
   * Discogs orders have no tracking field: one order message tells the buyer the tracking number and, in the same call,
   * makes the order Shipped (as Discogs documents it; a separate status edit would message the buyer a second time).
   * An order already Shipped (a retry) only gets the message.
   */
  async markShipped(
    session: SellerSession,
    order: { orderId: string; details: Record<string, unknown> },
    shipment: Shipment,
  ): Promise<void> {
    const credentials = credentialsOf(session);
    const path = `/marketplace/orders/${encodeURIComponent(order.orderId)}`;
    const current = await this.client.request<{ status: string }>('GET', path, credentials);
    const body = { message: shipmentMessage(shipment), ...(current.status === SHIPPED ? {} : { status: SHIPPED }) };
    await this.client.request('POST', `${path}/messages`, credentials, { body });
  }

  /** The first release of the Discogs database that matches the draft's catalog number / barcode (and artist). */
  private async findRelease(credentials: DiscogsCredentials, draft: ListingDraft): Promise<number> {
    const query = releaseSearchQuery(draft);
    if (!query) throw new MarketplaceError(PLATFORM, 'rejected', noReleaseMessage(draft));
    const found = await this.client.request<{ results: Array<{ id: number }> }>('GET', '/database/search', credentials, { query });
    const first = found.results[0];
    if (!first) throw new MarketplaceError(PLATFORM, 'rejected', noReleaseMessage(draft));
    return first.id;
  }
}

function credentialsOf(session: SellerSession): DiscogsCredentials {
  const credentials = discogsCredentials(session.credentials);
  if (!credentials)
    throw new MarketplaceError(PLATFORM, 'unauthorized', 'The stored Discogs credentials are not a token: connect the account again.');
  return credentials;
}

function buildBody(draft: ListingDraft, releaseId: number, status: DiscogsWritableStatus): DiscogsListingBody {
  try {
    return listingBody(draft, releaseId, status);
  } catch (error) {
    if (error instanceof UnlistableDraft) throw new MarketplaceError(PLATFORM, 'rejected', error.message);
    throw error;
  }
}

function outcome(listingId: string, body: DiscogsListingBody, priceUsd: string): ListingOutcome {
  return {
    listingId,
    listingUrl: listingUrl(listingId),
    state: body.status === 'Draft' ? 'draft' : 'listed',
    priceUsd,
    details: listingDetails(body),
  };
}

function remoteListing(listing: DiscogsInventoryListing): RemoteListing {
  const release = listing.release;
  return {
    listingId: String(listing.id),
    externalId: listing.external_id || null,
    title: release.description ?? [release.artist, release.title].filter(Boolean).join(' - '),
    priceUsd: priceFromDiscogs(listing.price),
    listingUrl: listing.uri ?? listingUrl(listing.id),
    state: listingStateFromDiscogs(listing.status),
    quantity: 1,
    conditionItem: mediaConditionFromDiscogs(listing.condition),
    details: {
      release_id: release.id,
      condition: listing.condition,
      ...(listing.sleeve_condition ? { sleeve_condition: listing.sleeve_condition } : {}),
      status: listing.status,
      currency: listing.price.currency,
    },
  };
}

function remoteOrder(order: DiscogsOrder): RemoteOrder {
  return {
    orderId: order.id,
    createdAt: new Date(order.created),
    status: order.status,
    state: discogsOrderState(order.status),
    buyerName: order.buyer?.username ?? null,
    // Discogs shares no buyer email address through its API; buyers are reached through order messages.
    buyerEmail: null,
    totalUsd: priceFromDiscogs(order.total),
    shippingUsd: order.shipping ? priceFromDiscogs(order.shipping) : null,
    feesUsd: order.fee ? priceFromDiscogs(order.fee) : null,
    // The payment processor's fee (Discogs Payments, PayPal) is not on the order.
    platformFeeUsd: null,
    shippingAddress: discogsShippingAddress(order.shipping_address),
    lines: order.items.map((item) => ({
      listingId: String(item.id),
      externalId: null,
      sku: null,
      title: item.release.description ?? `Release ${item.release.id}`,
      quantity: 1,
      priceUsd: priceFromDiscogs(item.price),
    })),
    details: {
      currency: order.total?.currency ?? null,
      shipping_method: order.shipping?.method ?? null,
      shipping_address: order.shipping_address ?? null,
      last_activity: order.last_activity ?? null,
    },
  };
}
