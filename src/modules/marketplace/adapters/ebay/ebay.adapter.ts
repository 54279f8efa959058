import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config.js';
import type {
  ListingDraft,
  ListingOutcome,
  ListingsPage,
  ListingPicture,
  ListingReference,
  MarketplaceAdapter,
  RemoteListing,
  RemoteOrder,
  SellerSession,
  Shipment,
} from '../marketplace-adapter.js';
import { MarketplaceError } from '../marketplace-error.js';
import { EbayClient } from './ebay.client.js';
import { MarketplaceCallPacer } from '../call-pacer.js';
import {
  chosenSetting,
  EBAY_MARKETPLACE_ID,
  ebayCarrierCode,
  ebayListingUrl,
  type EbayInventoryItem,
  type EbayInventoryItemForImport,
  ebayListingForImport,
  type EbayOfferForImport,
  type EbayOffer,
  type EbayOrder,
  inventoryItemBody,
  isActiveOffer,
  type ListingPolicies,
  offerBody,
  offerUpdateBody,
  offerWithPrice,
  remoteListing,
  remoteOrder,
  shippedLineItems,
} from './ebay.rules.js';

const PLATFORM = 'ebay';
/** eBay takes up to 24 pictures per listing. */
const MAX_PICTURES = 24;
const INVENTORY_PAGE_SIZE = 100;
const ORDER_PAGE_SIZE = 100;

interface Page {
  next?: string;
}

/**
 * eBay through its Sell REST APIs: pictures uploaded to eBay Picture Services (Media API), the item as an inventory
 * item (SKU = our item uid) with a fixed-price offer on EBAY_US carrying the seller's business policies (Account API)
 * and inventory location, published into a listing unless it is a draft; listings read back from the inventory items
 * and their offers, orders and shipments through the Fulfillment API.
 */
@Injectable()
export class EbayAdapter implements MarketplaceAdapter {
  readonly platform = PLATFORM;
  private readonly client: EbayClient;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    pacer: MarketplaceCallPacer,
  ) {
    this.client = new EbayClient(config, pacer);
  }

  missingSettings(): string[] {
    const settings = { EBAY_CLIENT_ID: this.config.ebayClientId, EBAY_CLIENT_SECRET: this.config.ebayClientSecret };
    return Object.entries(settings)
      .filter(([, value]) => !value)
      .map(([name]) => name);
  }

  async createListing(session: SellerSession, draft: ListingDraft): Promise<ListingOutcome> {
    const imageUrls: string[] = [];
    for (const picture of draft.pictures.slice(0, MAX_PICTURES)) imageUrls.push(await this.uploadPicture(session, picture));
    await this.client.request(session, {
      method: 'PUT',
      url: this.inventoryUrl(`/inventory_item/${encodeURIComponent(draft.itemUid)}`),
      json: inventoryItemBody(draft, imageUrls),
    });
    const listingPolicies = await this.listingPolicies(session, draft.settings);
    const merchantLocationKey = await this.merchantLocationKey(session, draft.settings);
    const offer = offerBody(draft, { listingPolicies, merchantLocationKey });

    // A job may run twice: an offer the SKU already has (a previous attempt) is updated rather than duplicated.
    const existing = (await this.offersOfSku(session, draft.itemUid))[0];
    let offerId: string;
    if (existing) {
      offerId = existing.offerId;
      await this.client.request(session, { method: 'PUT', url: this.offerUrl(offerId), json: offerUpdateBody(offer) });
    } else {
      const created = await this.client.request<{ offerId: string }>(session, {
        method: 'POST',
        url: this.inventoryUrl('/offer'),
        json: offer,
      });
      offerId = created.body.offerId;
    }
    const details = { sku: draft.itemUid, offer_id: offerId };
    if (draft.isDraft) return { listingId: offerId, listingUrl: null, state: 'draft', priceUsd: draft.priceUsd, details };
    const listingId = existing && isActiveOffer(existing) ? existing.listing!.listingId! : await this.publish(session, offerId);
    return listed(listingId, draft.priceUsd, details);
  }

  async publishListing(session: SellerSession, listing: ListingReference, draft: ListingDraft): Promise<ListingOutcome> {
    const offerId = offerIdOf(listing);
    const listingId = await this.publish(session, offerId);
    return listed(listingId, draft.priceUsd, { sku: draft.itemUid, offer_id: offerId });
  }

  async updatePrice(session: SellerSession, listing: ListingReference, priceUsd: string): Promise<void> {
    const offerId = offerIdOf(listing);
    const offer = await this.client.request<Record<string, unknown>>(session, { method: 'GET', url: this.offerUrl(offerId) });
    await this.client.request(session, { method: 'PUT', url: this.offerUrl(offerId), json: offerWithPrice(offer.body, priceUsd) });
  }

  async delist(session: SellerSession, listing: ListingReference): Promise<void> {
    const offerId = offerIdOf(listing);
    const offer = await this.client.request<EbayOffer | null>(session, { method: 'GET', url: this.offerUrl(offerId), accept: [404] });
    // Gone, never published, withdrawn before, or a listing that ended by itself: nothing is left to end.
    if (offer.status === 404 || !offer.body || offer.body.status !== 'PUBLISHED' || offer.body.listing?.listingStatus === 'ENDED') return;
    await this.client.request(session, { method: 'POST', url: `${this.offerUrl(offerId)}/withdraw` });
  }

  async *fetchActiveListings(session: SellerSession): AsyncIterable<RemoteListing> {
    let url: string | null = this.inventoryUrl(`/inventory_item?limit=${INVENTORY_PAGE_SIZE}&offset=0`);
    while (url) {
      const page: { body: Page & { inventoryItems?: EbayInventoryItem[] } } = await this.client.request(session, { method: 'GET', url });
      // eBay lists offers by SKU only: each inventory item's offers are read with it.
      for (const item of page.body.inventoryItems ?? []) {
        for (const offer of await this.offersOfSku(session, item.sku)) {
          if (isActiveOffer(offer)) yield remoteListing(item, offer);
        }
      }
      url = this.nextPage(page.body, url);
    }
  }

  /** A page of inventory items (by offset) with the active offer of each: one call for the page, one per SKU for its offers. */
  async fetchListingsPage(session: SellerSession, cursor: string | null): Promise<ListingsPage> {
    const offset = cursor === null ? 0 : Number(cursor);
    if (!Number.isSafeInteger(offset) || offset < 0)
      throw new MarketplaceError(PLATFORM, 'rejected', `Not an eBay inventory cursor: ${cursor}`);
    const url = this.inventoryUrl(`/inventory_item?limit=${INVENTORY_PAGE_SIZE}&offset=${offset}`);
    const page: { body: Page & { inventoryItems?: EbayInventoryItemForImport[] } } = await this.client.request(session, {
      method: 'GET',
      url,
    });
    const listings = [];
    for (const item of page.body.inventoryItems ?? []) {
      for (const offer of (await this.offersOfSku(session, item.sku)) as EbayOfferForImport[]) {
        if (isActiveOffer(offer)) listings.push(ebayListingForImport(item, offer));
      }
    }
    const next = this.nextPage(page.body, url);
    return { listings, nextCursor: next === null ? null : (new URL(next).searchParams.get('offset') ?? null) };
  }

  pictureOrigins(): string[] {
    return this.config.pictureOrigins.ebay;
  }

  async *fetchOrders(session: SellerSession, since: Date): AsyncIterable<RemoteOrder> {
    const query = new URLSearchParams({
      filter: `lastmodifieddate:[${since.toISOString()}..]`,
      limit: String(ORDER_PAGE_SIZE),
      offset: '0',
    });
    let url: string | null = this.fulfillmentUrl(`/order?${query.toString()}`);
    while (url) {
      const page: { body: Page & { orders?: EbayOrder[] } } = await this.client.request(session, { method: 'GET', url });
      for (const order of page.body.orders ?? []) yield remoteOrder(order);
      url = this.nextPage(page.body, url);
    }
  }

  async markShipped(
    session: SellerSession,
    order: { orderId: string; details: Record<string, unknown> },
    shipment: Shipment,
  ): Promise<void> {
    const orderUrl = this.fulfillmentUrl(`/order/${encodeURIComponent(order.orderId)}`);
    // The line items come from what fetchOrders kept; an order recorded without them is read again.
    const lineItems =
      shippedLineItems(order.details) ??
      shippedLineItems(remoteOrder((await this.client.request<EbayOrder>(session, { method: 'GET', url: orderUrl })).body).details);
    if (!lineItems) throw new MarketplaceError(PLATFORM, 'rejected', `The eBay order ${order.orderId} has no line items to ship.`);
    await this.client.request(session, {
      method: 'POST',
      url: `${orderUrl}/shipping_fulfillment`,
      json: {
        lineItems,
        shippedDate: shipment.shippedAt.toISOString(),
        shippingCarrierCode: ebayCarrierCode(shipment.carrier),
        trackingNumber: shipment.trackingNumber,
      },
    });
  }

  /** Uploads a picture to eBay Picture Services: the EPS URL comes in the answer, else from getImage at the Location given. */
  private async uploadPicture(session: SellerSession, picture: ListingPicture): Promise<string> {
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(picture.data)], { type: picture.contentType }), picture.fileName);
    const created = await this.client.request<{ imageUrl?: string } | null>(session, {
      method: 'POST',
      url: this.mediaUrl('/image/create_image_from_file'),
      form,
    });
    if (created.body?.imageUrl) return created.body.imageUrl;
    // Only the image id is taken from the Location: the token goes to the configured Media API host, nowhere else.
    const imageId = /\/image\/([^/?#]+)\/?(?:[?#].*)?$/.exec(created.headers.get('location') ?? '')?.[1];
    if (!imageId) throw new MarketplaceError(PLATFORM, 'unavailable', 'eBay stored the picture but did not say where.');
    const image = await this.client.request<{ imageUrl?: string }>(session, { method: 'GET', url: this.mediaUrl(`/image/${imageId}`) });
    if (!image.body.imageUrl) throw new MarketplaceError(PLATFORM, 'unavailable', 'eBay did not give the URL of the picture.');
    return image.body.imageUrl;
  }

  private async publish(session: SellerSession, offerId: string): Promise<string> {
    const published = await this.client.request<{ listingId: string }>(session, {
      method: 'POST',
      url: `${this.offerUrl(offerId)}/publish`,
    });
    return published.body.listingId;
  }

  private async offersOfSku(session: SellerSession, sku: string): Promise<EbayOffer[]> {
    const query = new URLSearchParams({ sku, marketplace_id: EBAY_MARKETPLACE_ID });
    // eBay answers 404 for a SKU without offers.
    const found = await this.client.request<{ offers?: EbayOffer[] } | null>(session, {
      method: 'GET',
      url: this.inventoryUrl(`/offer?${query.toString()}`),
      accept: [404],
    });
    return found.status === 404 ? [] : (found.body?.offers ?? []);
  }

  /** The seller's business policies: the ones the listing's settings name, else the first of each kind on EBAY_US. */
  private async listingPolicies(session: SellerSession, settings: Record<string, unknown>): Promise<ListingPolicies> {
    return {
      fulfillmentPolicyId:
        chosenSetting(settings, 'fulfillment_policy_id') ??
        (await this.firstPolicy(session, 'fulfillment_policy', 'fulfillmentPolicies', 'fulfillmentPolicyId')),
      paymentPolicyId:
        chosenSetting(settings, 'payment_policy_id') ??
        (await this.firstPolicy(session, 'payment_policy', 'paymentPolicies', 'paymentPolicyId')),
      returnPolicyId:
        chosenSetting(settings, 'return_policy_id') ??
        (await this.firstPolicy(session, 'return_policy', 'returnPolicies', 'returnPolicyId')),
    };
  }

  private async firstPolicy(session: SellerSession, resource: string, listField: string, idField: string): Promise<string> {
    const found = await this.client.request<Record<string, Array<Record<string, unknown>> | undefined>>(session, {
      method: 'GET',
      url: `${this.config.ebayApiUrl}/sell/account/v1/${resource}?marketplace_id=${EBAY_MARKETPLACE_ID}`,
    });
    const id = found.body?.[listField]?.[0]?.[idField];
    if (typeof id !== 'string' || !id) {
      throw new MarketplaceError(
        PLATFORM,
        'rejected',
        `The eBay account has no ${resource.replace('_', ' ')} for ${EBAY_MARKETPLACE_ID}: create one in its business policies, or set ${resource}_id in the listing's settings.`,
      );
    }
    return id;
  }

  /** The inventory location the listing ships from: the one the settings name, else the seller's first. */
  private async merchantLocationKey(session: SellerSession, settings: Record<string, unknown>): Promise<string> {
    const chosen = chosenSetting(settings, 'merchant_location_key');
    if (chosen) return chosen;
    const found = await this.client.request<{ locations?: Array<{ merchantLocationKey?: string }> }>(session, {
      method: 'GET',
      url: this.inventoryUrl('/location?limit=100&offset=0'),
    });
    const key = found.body?.locations?.[0]?.merchantLocationKey;
    if (!key) {
      throw new MarketplaceError(
        PLATFORM,
        'rejected',
        "The eBay account has no inventory location: create one, or set merchant_location_key in the listing's settings.",
      );
    }
    return key;
  }

  /** The next page eBay links to, asked of the configured host (its `next` is a full URL or a path); null at the end. */
  private nextPage(page: Page, current: string): string | null {
    if (!page.next) return null;
    const next = new URL(page.next, this.config.ebayApiUrl);
    const url = `${this.config.ebayApiUrl}${next.pathname}${next.search}`;
    return url === current ? null : url;
  }

  private inventoryUrl(path: string): string {
    return `${this.config.ebayApiUrl}/sell/inventory/v1${path}`;
  }

  private offerUrl(offerId: string): string {
    return this.inventoryUrl(`/offer/${encodeURIComponent(offerId)}`);
  }

  private fulfillmentUrl(path: string): string {
    return `${this.config.ebayApiUrl}/sell/fulfillment/v1${path}`;
  }

  private mediaUrl(path: string): string {
    return `${this.config.ebayMediaUrl}/commerce/media/v1_beta${path}`;
  }
}

/** The offer a recorded listing stands for: kept in its details, or its id while it was an unpublished offer. */
function offerIdOf(listing: ListingReference): string {
  const offerId = listing.details.offer_id;
  return typeof offerId === 'string' && offerId ? offerId : listing.listingId;
}

function listed(listingId: string, priceUsd: string, details: Record<string, unknown>): ListingOutcome {
  return { listingId, listingUrl: ebayListingUrl(listingId), state: 'listed', priceUsd, details: { ...details, listing_id: listingId } };
}
