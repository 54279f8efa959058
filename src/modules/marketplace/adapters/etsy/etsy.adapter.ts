import { Inject, Injectable } from '@nestjs/common';
import * as oauth from 'oauth4webapi';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config.js';
import type {
  ListingDraft,
  ListingOutcome,
  ListingReference,
  ListingsPage,
  MarketplaceAdapter,
  RemoteListing,
  RemoteOrder,
  SellerSession,
  Shipment,
} from '../marketplace-adapter.js';
import { MarketplaceError } from '../marketplace-error.js';
import { etsyMissingSettings } from './etsy-connector.js';
import { ETSY_PLATFORM, EtsyApi, type EtsyCredentials, type EtsyRequest } from './etsy.client.js';
import { MarketplaceCallPacer } from '../call-pacer.js';
import {
  decimalFromEtsyMoney,
  ETSY_WHEN_MADE,
  ETSY_WHO_MADE,
  etsyCarrierName,
  etsyDescription,
  etsyInventory,
  etsyInventoryWithPrice,
  type EtsyListingForImport,
  etsyListingForImport,
  etsyListingType,
  etsyOrderState,
  etsyPrice,
  etsyShippingAddress,
  etsyTaxonomyNames,
  etsyTitle,
  etsyWhenMade,
  listingStateFromEtsy,
  type EtsyInventory,
  type EtsyReceiptAddress,
} from './etsy.rules.js';

/** Renew the access token when it expires within this long (Etsy's last an hour). */
const RENEW_BEFORE_MS = 5 * 60 * 1000;
const PAGE_SIZE = 100;

interface EtsyMoney {
  amount: number;
  divisor: number;
  currency_code?: string;
}

interface EtsyListing {
  listing_id: number;
  title: string;
  state: string;
  quantity: number;
  url?: string | null;
  skus?: string[];
  price?: EtsyMoney;
}

interface EtsyTransaction {
  listing_id: number | null;
  sku: string | null;
  title: string | null;
  quantity: number;
  price: EtsyMoney;
}

interface EtsyReceipt extends EtsyReceiptAddress {
  receipt_id: number;
  status: string;
  name: string | null;
  buyer_email: string | null;
  created_timestamp: number;
  updated_timestamp?: number;
  is_shipped?: boolean;
  grandtotal: EtsyMoney;
  total_shipping_cost?: EtsyMoney | null;
  transactions?: EtsyTransaction[];
}

interface EtsyTaxonomyNode {
  id: number;
  name: string;
  children?: EtsyTaxonomyNode[];
}

interface Page<T> {
  count: number;
  results: T[];
}

/**
 * Etsy Open API v3 for the listing engine: a draft listing (createDraftListing), its inventory with our item uid as
 * SKU (updateListingInventory), its pictures (uploadListingImage, as bytes), then `state=active` to go live; price
 * updates through the inventory; `state=inactive` to end; the shop's active listings and receipts paged by offset.
 * The access token is renewed within five minutes of its expiry and once on a 401; Etsy rotates the refresh token,
 * so the new pair is saved before the new access token is used.
 */
@Injectable()
export class EtsyAdapter implements MarketplaceAdapter {
  readonly platform = ETSY_PLATFORM;
  private readonly api: EtsyApi;
  /** The renewal under way for a session: concurrent calls share it, since a second refresh with the same (rotated) token would be refused. */
  private readonly renewals = new WeakMap<SellerSession, Promise<void>>();
  /** Seller-taxonomy node ids by name (the taxonomy is Etsy's, the same for every shop). */
  private taxonomyIds: Map<string, number> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    pacer: MarketplaceCallPacer,
  ) {
    this.api = new EtsyApi(config, pacer);
  }

  missingSettings(): string[] {
    return etsyMissingSettings(this.config);
  }

  async createListing(session: SellerSession, draft: ListingDraft): Promise<ListingOutcome> {
    const shopId = await this.shopId(session);
    const fields = await this.draftListingFields(session, shopId, draft);
    const created = await this.call<EtsyListing>(session, {
      method: 'POST',
      path: `/v3/application/shops/${shopId}/listings`,
      body: { form: fields },
    });
    const listingId = String(created.listing_id);
    try {
      await this.call(session, {
        method: 'PUT',
        path: `/v3/application/listings/${listingId}/inventory`,
        body: { json: etsyInventory(draft.itemUid, draft.priceUsd, draft.quantity) },
      });
      for (const [index, picture] of draft.pictures.entries()) {
        const form = new FormData();
        form.set('image', new Blob([new Uint8Array(picture.data)], { type: picture.contentType }), picture.fileName);
        form.set('rank', String(index + 1));
        await this.call(session, {
          method: 'POST',
          path: `/v3/application/shops/${shopId}/listings/${listingId}/images`,
          body: { multipart: form },
        });
      }
      if (!draft.isDraft) await this.activate(session, shopId, listingId);
    } catch (error) {
      // Nothing records a half-made listing: remove the draft so that a retry does not leave a duplicate behind.
      await this.call(session, { method: 'DELETE', path: `/v3/application/listings/${listingId}` }).catch(() => undefined);
      throw error;
    }
    return this.outcome(listingId, draft.isDraft ? 'draft' : 'listed', draft.priceUsd, {
      shop_id: shopId,
      taxonomy_id: fields.taxonomy_id,
      ...(fields.shipping_profile_id === undefined ? {} : { shipping_profile_id: fields.shipping_profile_id }),
      sku: draft.itemUid,
    });
  }

  async publishListing(session: SellerSession, listing: ListingReference, draft: ListingDraft): Promise<ListingOutcome> {
    const shopId = await this.shopId(session);
    await this.activate(session, shopId, listing.listingId);
    return this.outcome(listing.listingId, 'listed', draft.priceUsd, { shop_id: shopId });
  }

  async updatePrice(session: SellerSession, listing: ListingReference, priceUsd: string): Promise<void> {
    const path = `/v3/application/listings/${listing.listingId}/inventory`;
    const inventory = await this.call<EtsyInventory>(session, { method: 'GET', path });
    await this.call(session, { method: 'PUT', path, body: { json: etsyInventoryWithPrice(inventory, priceUsd) } });
  }

  async delist(session: SellerSession, listing: ListingReference): Promise<void> {
    const shopId = await this.shopId(session);
    try {
      await this.call(session, {
        method: 'PATCH',
        path: `/v3/application/shops/${shopId}/listings/${listing.listingId}`,
        body: { form: { state: 'inactive' } },
      });
    } catch (error) {
      if (!(error instanceof MarketplaceError) || error.kind !== 'rejected') throw error;
      // Etsy makes only active listings inactive: a draft has nothing to keep and is deleted; a listing already
      // inactive, sold out, expired or gone is ended already.
      const current = await this.call<EtsyListing>(session, { method: 'GET', path: `/v3/application/listings/${listing.listingId}` }).catch(
        (lookup: unknown) => {
          if (lookup instanceof MarketplaceError && lookup.httpStatus === 404) return null;
          throw lookup;
        },
      );
      if (current === null || ['inactive', 'sold_out', 'expired'].includes(current.state)) return;
      if (current.state !== 'draft') throw error;
      await this.call(session, { method: 'DELETE', path: `/v3/application/listings/${listing.listingId}` });
    }
  }

  async *fetchActiveListings(session: SellerSession): AsyncIterable<RemoteListing> {
    const shopId = await this.shopId(session);
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await this.call<Page<EtsyListing>>(session, {
        method: 'GET',
        path: `/v3/application/shops/${shopId}/listings`,
        query: { state: 'active', limit: PAGE_SIZE, offset },
      });
      for (const listing of page.results) {
        yield {
          listingId: String(listing.listing_id),
          externalId: listing.skus?.find((sku) => sku) ?? null,
          title: listing.title,
          priceUsd: decimalFromEtsyMoney(listing.price),
          listingUrl: this.listingUrl(String(listing.listing_id)),
          state: listingStateFromEtsy(listing.state),
          quantity: listing.quantity,
          conditionItem: null,
          details: { shop_id: shopId, currency_code: listing.price?.currency_code ?? null },
        };
      }
      if (page.results.length === 0 || offset + page.results.length >= page.count) return;
    }
  }

  /** A page of the shop's active listings with their images, by offset. */
  async fetchListingsPage(session: SellerSession, cursor: string | null): Promise<ListingsPage> {
    const offset = cursor === null ? 0 : Number(cursor);
    if (!Number.isSafeInteger(offset) || offset < 0) throw rejected(`Not an Etsy listings cursor: ${cursor}`);
    const shopId = await this.shopId(session);
    const page = await this.call<Page<EtsyListingForImport>>(session, {
      method: 'GET',
      path: `/v3/application/shops/${shopId}/listings`,
      query: { state: 'active', limit: PAGE_SIZE, offset, includes: 'Images' },
    });
    const end = offset + page.results.length;
    return {
      listings: page.results.map((listing) => etsyListingForImport(listing, this.listingUrl(String(listing.listing_id)), shopId)),
      nextCursor: page.results.length === 0 || end >= page.count ? null : String(end),
    };
  }

  pictureOrigins(): string[] {
    return this.config.pictureOrigins.etsy;
  }

  async *fetchOrders(session: SellerSession, since: Date): AsyncIterable<RemoteOrder> {
    const shopId = await this.shopId(session);
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await this.call<Page<EtsyReceipt>>(session, {
        method: 'GET',
        path: `/v3/application/shops/${shopId}/receipts`,
        query: { min_last_modified: Math.floor(since.getTime() / 1000), limit: PAGE_SIZE, offset },
      });
      for (const receipt of page.results) {
        yield {
          orderId: String(receipt.receipt_id),
          createdAt: new Date(receipt.created_timestamp * 1000),
          status: receipt.status,
          state: etsyOrderState(receipt.status, receipt.is_shipped ?? false),
          buyerName: receipt.name ?? null,
          buyerEmail: receipt.buyer_email ?? null,
          totalUsd: decimalFromEtsyMoney(receipt.grandtotal),
          shippingUsd: receipt.total_shipping_cost ? decimalFromEtsyMoney(receipt.total_shipping_cost) : null,
          // Etsy's fees are ledger entries of the shop, not fields of the receipt.
          feesUsd: null,
          platformFeeUsd: null,
          shippingAddress: etsyShippingAddress(receipt),
          lines: (receipt.transactions ?? []).map((transaction) => ({
            listingId: transaction.listing_id === null ? null : String(transaction.listing_id),
            externalId: transaction.sku || null,
            sku: transaction.sku || null,
            title: transaction.title ?? '',
            quantity: transaction.quantity,
            priceUsd: decimalFromEtsyMoney(transaction.price),
          })),
          details: { shop_id: shopId, is_shipped: receipt.is_shipped ?? false, currency_code: receipt.grandtotal.currency_code ?? null },
        };
      }
      if (page.results.length === 0 || offset + page.results.length >= page.count) return;
    }
  }

  async markShipped(
    session: SellerSession,
    order: { orderId: string; details: Record<string, unknown> },
    shipment: Shipment,
  ): Promise<void> {
    const shopId = await this.shopId(session);
    await this.call(session, {
      method: 'POST',
      path: `/v3/application/shops/${shopId}/receipts/${order.orderId}/tracking`,
      body: { form: { tracking_code: shipment.trackingNumber, carrier_name: etsyCarrierName(shipment.carrier) } },
    });
  }

  /** createDraftListing's fields from our draft and the seller's Etsy settings; a missing required value is a rejection saying which. */
  private async draftListingFields(
    session: SellerSession,
    shopId: string,
    draft: ListingDraft,
  ): Promise<Record<string, string | number | boolean> & { taxonomy_id: number; shipping_profile_id?: number }> {
    const settings = draft.settings;
    const title = etsyTitle(draft.title);
    if (!title) throw rejected('The title has nothing Etsy accepts in a title (letters, digits, punctuation).');
    let price: number;
    try {
      price = etsyPrice(draft.priceUsd);
    } catch {
      throw rejected(`The price "${draft.priceUsd}" is not a decimal amount.`);
    }
    const whoMade = oneOfSetting(settings.who_made, ETSY_WHO_MADE, 'who_made') ?? 'someone_else';
    const whenMade = oneOfSetting(settings.when_made, ETSY_WHEN_MADE, 'when_made') ?? etsyWhenMade(draft.releaseYear);
    if (!whenMade)
      throw rejected('Etsy needs to know when the item was made: give the release year, or set when_made in the Etsy settings.');
    const type = etsyListingType(draft.productType);
    const fields: Record<string, string | number | boolean> & { taxonomy_id: number; shipping_profile_id?: number } = {
      quantity: draft.quantity,
      title,
      description: etsyDescription(draft.description, draft.conditionItem, draft.conditionContainer),
      price,
      who_made: whoMade,
      when_made: whenMade,
      taxonomy_id: idSetting(settings.taxonomy_id, 'taxonomy_id') ?? (await this.taxonomyId(session, draft.format)),
      type,
      is_supply: false,
    };
    if (type === 'physical') {
      fields.shipping_profile_id =
        idSetting(settings.shipping_profile_id, 'shipping_profile_id') ?? (await this.firstShippingProfile(session, shopId));
      const readinessStateId =
        idSetting(settings.readiness_state_id, 'readiness_state_id') ?? (await this.firstProcessingProfile(session, shopId));
      if (readinessStateId !== null) fields.readiness_state_id = readinessStateId;
    }
    for (const optional of ['return_policy_id', 'shop_section_id'] as const) {
      const value = idSetting(settings[optional], optional);
      if (value !== null) fields[optional] = value;
    }
    return fields;
  }

  /** The seller-taxonomy node for the format (`Vinyl`, `CDs`, `Music`...), looked up once in Etsy's taxonomy tree. */
  private async taxonomyId(session: SellerSession, format: string | null): Promise<number> {
    if (!this.taxonomyIds) {
      const tree = await this.call<Page<EtsyTaxonomyNode>>(session, { method: 'GET', path: '/v3/application/seller-taxonomy/nodes' });
      const ids = new Map<string, number>();
      const visit = (nodes: EtsyTaxonomyNode[]) => {
        for (const node of nodes) {
          const name = node.name.trim().toLowerCase();
          if (!ids.has(name)) ids.set(name, node.id);
          visit(node.children ?? []);
        }
      };
      visit(tree.results);
      this.taxonomyIds = ids;
    }
    const names = etsyTaxonomyNames(format);
    for (const name of names) {
      const id = this.taxonomyIds.get(name.toLowerCase());
      if (id !== undefined) return id;
    }
    throw rejected(`Etsy's seller taxonomy has no ${names.join(' or ')} category: set taxonomy_id in the Etsy settings.`);
  }

  private async firstShippingProfile(session: SellerSession, shopId: string): Promise<number> {
    const profiles = await this.call<Page<{ shipping_profile_id: number }>>(session, {
      method: 'GET',
      path: `/v3/application/shops/${shopId}/shipping-profiles`,
    });
    const first = profiles.results[0];
    if (!first)
      throw rejected('The Etsy shop has no shipping profile: create one on Etsy, or set shipping_profile_id in the Etsy settings.');
    return first.shipping_profile_id;
  }

  /**
   * The shop's first processing profile (readiness state), which physical listings of a shop moved to processing
   * profiles must name; null for a shop that has none (its processing times are still on the shipping profile).
   */
  private async firstProcessingProfile(session: SellerSession, shopId: string): Promise<number | null> {
    const profiles = await this.call<Page<{ readiness_state_id: number }>>(session, {
      method: 'GET',
      path: `/v3/application/shops/${shopId}/readiness-state-definitions`,
    });
    return profiles.results[0]?.readiness_state_id ?? null;
  }

  private async activate(session: SellerSession, shopId: string, listingId: string): Promise<void> {
    await this.call(session, {
      method: 'PATCH',
      path: `/v3/application/shops/${shopId}/listings/${listingId}`,
      body: { form: { state: 'active' } },
    });
  }

  private outcome(listingId: string, state: 'draft' | 'listed', priceUsd: string, details: Record<string, unknown>): ListingOutcome {
    return { listingId, listingUrl: this.listingUrl(listingId), state, priceUsd, details };
  }

  private listingUrl(listingId: string): string {
    return `${this.config.etsyWebUrl}/listing/${listingId}`;
  }

  /** The shop the session stands for; an account connected without one (older rows) is asked for it. */
  private async shopId(session: SellerSession): Promise<string> {
    if (session.shopId) return session.shopId;
    const me = await this.call<{ shop_id: number | null }>(session, { method: 'GET', path: '/v3/application/users/me' });
    if (!me.shop_id) throw rejected('This Etsy account has no shop.');
    return String(me.shop_id);
  }

  /** One Etsy call with a fresh access token: renewed first when it expires soon, and once more after a 401. */
  private async call<T = unknown>(session: SellerSession, request: EtsyRequest): Promise<T> {
    if (session.tokenExpiresAt && session.tokenExpiresAt.getTime() - Date.now() < RENEW_BEFORE_MS) await this.renew(session);
    try {
      return await this.api.request<T>(credentialsOf(session).accessToken, request);
    } catch (error) {
      if (!(error instanceof MarketplaceError) || error.httpStatus !== 401) throw error;
      await this.renew(session);
      return this.api.request<T>(credentialsOf(session).accessToken, request);
    }
  }

  private renew(session: SellerSession): Promise<void> {
    let renewal = this.renewals.get(session);
    if (!renewal) {
      renewal = this.refreshAndSave(session).finally(() => this.renewals.delete(session));
      this.renewals.set(session, renewal);
    }
    return renewal;
  }

  /** A refresh_token grant; the rotated pair is saved before anything uses it. A refused refresh token means the seller must connect again. */
  private async refreshAndSave(session: SellerSession): Promise<void> {
    let tokens: oauth.TokenEndpointResponse;
    try {
      tokens = await this.api.refresh(credentialsOf(session).refreshToken);
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError) {
        const kind = error.status >= 500 ? 'unavailable' : error.status === 429 ? 'rate_limited' : 'unauthorized';
        throw new MarketplaceError(
          ETSY_PLATFORM,
          kind,
          `Etsy refused to renew the access token: ${error.error_description ?? error.error}`,
          error.status,
        );
      }
      if (error instanceof MarketplaceError) throw error;
      throw new MarketplaceError(ETSY_PLATFORM, 'unavailable', `Etsy's token endpoint answered unexpectedly: ${(error as Error).message}`);
    }
    const credentials: EtsyCredentials = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? credentialsOf(session).refreshToken,
    };
    await session.saveCredentials(
      { ...session.credentials, ...credentials },
      tokens.expires_in === undefined ? null : new Date(Date.now() + tokens.expires_in * 1000),
    );
  }
}

function credentialsOf(session: SellerSession): EtsyCredentials {
  const { accessToken, refreshToken } = session.credentials as Partial<EtsyCredentials>;
  if (typeof accessToken !== 'string' || typeof refreshToken !== 'string') {
    throw new MarketplaceError(ETSY_PLATFORM, 'unauthorized', 'The stored Etsy credentials are incomplete: connect the account again.');
  }
  return { accessToken, refreshToken };
}

function rejected(message: string): MarketplaceError {
  return new MarketplaceError(ETSY_PLATFORM, 'rejected', message);
}

/** A setting that must be one of Etsy's values, or null when not set. */
function oneOfSetting<T extends string>(value: unknown, allowed: readonly T[], name: string): T | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw rejected(`The Etsy setting ${name} must be one of ${allowed.join(', ')}.`);
}

/** A setting holding an Etsy id (a positive whole number, or its digits), or null when not set. */
function idSetting(value: unknown, name: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const id = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw rejected(`The Etsy setting ${name} must be an Etsy id (a positive whole number).`);
  return id;
}
