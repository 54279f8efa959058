import type { ConditionCode, ContainerCondition } from '../../inventory/index.js';

/**
 * The one port the listing engine, the imports and the order sync speak to a marketplace through. One adapter per
 * API platform implements it under `adapters/<platform>/`, against the platform's documented HTTP API with its base
 * URLs taken from the configuration. Every failure is a MarketplaceError whose `kind` tells the engine what to do
 * (`rate_limited`/`unavailable`: retry with backoff, after `retryAfterSeconds`; `unauthorized`: the connection is
 * expired; `rejected`: a permanent failure shown on the listing with the platform's message).
 */

/**
 * A connected seller account as an adapter sees it: its decrypted credentials, and the way to keep renewed ones.
 * An adapter renews an access token shortly before `tokenExpiresAt` and once after a 401, then retries the call;
 * a refusal of the renewal is an `unauthorized` MarketplaceError (the engine marks the connection expired).
 */
export interface SellerSession {
  accountUid: string;
  externalUserId: string;
  /** Etsy shop id, Shopify shop domain (`groove.myshopify.com`); null elsewhere. */
  shopId: string | null;
  credentials: Record<string, unknown>;
  tokenExpiresAt: Date | null;
  /**
   * Stores renewed credentials (sealed) before the adapter uses them, so that a rotating refresh token (Etsy) is
   * never lost; also updates `credentials` and `tokenExpiresAt` of this session.
   */
  saveCredentials(credentials: Record<string, unknown>, tokenExpiresAt: Date | null): Promise<void>;
}

/** A picture of the item, as bytes: marketplaces never fetch a URL of this instance (it is rarely reachable). */
export interface ListingPicture {
  data: Buffer;
  contentType: string;
  fileName: string;
}

/** What to list: one inventory item (quantity 1), in our own terms; each adapter maps it in its `*.rules.ts`. */
export interface ListingDraft {
  /** Our inventory item uid: the listing's SKU / external id on the platform, so listings map back to items. */
  itemUid: string;
  title: string;
  description: string;
  /** Decimal string, USD (`"34.99"`). */
  priceUsd: string;
  quantity: number;
  conditionItem: ConditionCode | null;
  conditionContainer: ContainerCondition | null;
  /** `physical` or `digital`. */
  productType: string;
  /** Media format as the product names it (`Vinyl`, `CD`, `Cassette`, `Print`...), or null. */
  format: string | null;
  artist: string | null;
  label: string | null;
  catalogNumber: string | null;
  barcode: string | null;
  /** `YYYY` or `YYYY-MM-DD`, or null. */
  releaseYear: string | null;
  /** Up to the platform's limit; the adapter uploads them (eBay Media API, Etsy uploadListingImage, Shopify staged uploads). */
  pictures: ListingPicture[];
  /** A draft is created but not published where the platform has drafts (Etsy draft, Shopify DRAFT, eBay unpublished offer, Discogs Draft). */
  isDraft: boolean;
  /** The listing's `marketplace_details`: the seller's per-platform settings (category, policies, shipping profile...). */
  settings: Record<string, unknown>;
}

/** A listing the platform holds, as the engine records it. */
export interface ListingOutcome {
  /** The platform's listing id (Discogs listing id, eBay listing id or offer id while unpublished, Etsy listing_id, Shopify product GID). */
  listingId: string;
  listingUrl: string | null;
  state: 'draft' | 'listed';
  priceUsd: string;
  /** Merged into the listing's `marketplace_details` (offer id, inventory item SKU, release id...): what later calls need. */
  details: Record<string, unknown>;
}

/** A listing the engine already recorded: what updatePrice, publish and delist act on. */
export interface ListingReference {
  listingId: string;
  details: Record<string, unknown>;
}

/** A listing found on the platform (import, reconciliation). */
export interface RemoteListing {
  listingId: string;
  /** Our item uid when the listing carries it (SKU / external id), else null. */
  externalId: string | null;
  title: string;
  priceUsd: string;
  listingUrl: string | null;
  state: 'draft' | 'listed' | 'sold' | 'ended';
  quantity: number;
  conditionItem: ConditionCode | null;
  details: Record<string, unknown>;
}

/**
 * A listing found on the platform with what an import makes of it: the record's facts as the platform gives them
 * (null where it does not say), its grades mapped to ours, and the addresses of its pictures on the platform's own
 * image hosts (see pictureOrigins).
 */
export interface ListingForImport extends RemoteListing {
  /** The listing's description as plain text, or null. */
  description: string | null;
  artist: string | null;
  label: string | null;
  catalogNumber: string | null;
  /** `YYYY`, or null. */
  releaseYear: string | null;
  /** Media format in our words (`Vinyl`, `CD`, `Cassette`...), or null. */
  format: string | null;
  /** UPC / EAN digits, or null. */
  barcode: string | null;
  conditionContainer: ContainerCondition | null;
  /** ISO 4217 code of `priceUsd` as the platform priced it (an import takes only USD). */
  currency: string;
  /** The picture URLs the platform gave, best first. */
  pictureUrls: string[];
}

/** One page of the seller's active listings and where the next one starts (null after the last). */
export interface ListingsPage {
  listings: ListingForImport[];
  /** Opaque: handed back to fetchListingsPage for the next page, so that an import can resume where it stopped. */
  nextCursor: string | null;
}

export interface RemoteOrderLine {
  /** The platform's listing id of what was bought (eBay legacy item id, Discogs listing id, Etsy listing_id, Shopify product GID). */
  listingId: string | null;
  /** Our item uid when the line carries it (the listing's SKU / external id), else null. */
  externalId: string | null;
  /** The SKU the platform shows on the line (ours is the item uid; an imported listing may carry the seller's own). */
  sku: string | null;
  title: string;
  quantity: number;
  priceUsd: string;
}

/** The buyer's shipping address as the platform gave it: its parts where it has them, and the whole as text. */
export interface RemoteAddress {
  name: string | null;
  email: string | null;
  phone: string | null;
  street1: string | null;
  street2: string | null;
  city: string | null;
  stateProvince: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2, uppercase. */
  country: string | null;
  /** The address as given, one line per part (Discogs gives only this). */
  raw: string;
  /** The parts as the platform named them, when it did. */
  parsed: Record<string, unknown> | null;
}

/**
 * Where the order stands, in our terms: `unpaid` (placed, not paid yet), `paid`, `shipped`, or `cancelled` (cancelled
 * or fully refunded: the item is the seller's again). A placed order sells the item whatever its payment state.
 */
export type RemoteOrderState = 'unpaid' | 'paid' | 'shipped' | 'cancelled';

/** An order the platform received. */
export interface RemoteOrder {
  orderId: string;
  createdAt: Date;
  /** The platform's own status, as it names it. */
  status: string;
  state: RemoteOrderState;
  buyerName: string | null;
  buyerEmail: string | null;
  totalUsd: string;
  shippingUsd: string | null;
  /** The marketplace's selling fees on the order, when it reports them. */
  feesUsd: string | null;
  /** The payment processing fee, when the platform reports it apart from its selling fees. */
  platformFeeUsd: string | null;
  shippingAddress: RemoteAddress | null;
  lines: RemoteOrderLine[];
  details: Record<string, unknown>;
}

export interface Shipment {
  /** Our carrier code (`usps`, `ups`, `fedex`, `dhl`, `royal_mail`, `other`...). */
  carrier: string;
  trackingNumber: string;
  shippedAt: Date;
}

export interface MarketplaceAdapter {
  /** The platform slug (`discogs`, `ebay`, `etsy`, `shopify`). */
  readonly platform: string;
  /** Settings the adapter needs that are not set: its operations are unavailable then (503 naming them). */
  missingSettings(): string[];
  /** Creates the listing, as a draft or live (`draft.isDraft`), with its pictures. */
  createListing(session: SellerSession, draft: ListingDraft): Promise<ListingOutcome>;
  /** Makes a draft created earlier live. */
  publishListing(session: SellerSession, listing: ListingReference, draft: ListingDraft): Promise<ListingOutcome>;
  updatePrice(session: SellerSession, listing: ListingReference, priceUsd: string): Promise<void>;
  /** Ends the listing (withdraw, inactive, archived, deleted); ending one already ended is not an error. */
  delist(session: SellerSession, listing: ListingReference): Promise<void>;
  /** Every active listing of the seller, page after page to the end. */
  fetchActiveListings(session: SellerSession): AsyncIterable<RemoteListing>;
  /**
   * One page of the seller's active listings for an import: the first with a null cursor, then each `nextCursor`.
   * A failure leaves the cursor valid, so the same page can be asked again (after a 429's wait).
   */
  fetchListingsPage(session: SellerSession, cursor: string | null): Promise<ListingsPage>;
  /** The origins (`https://i.discogs.com`) the platform serves listing pictures from: an import downloads from no other. */
  pictureOrigins(): string[];
  /** Orders created or changed since `since`, page after page to the end. */
  fetchOrders(session: SellerSession, since: Date): AsyncIterable<RemoteOrder>;
  markShipped(session: SellerSession, order: { orderId: string; details: Record<string, unknown> }, shipment: Shipment): Promise<void>;
}
