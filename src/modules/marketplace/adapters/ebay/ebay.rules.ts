import type { ConditionCode, ContainerCondition } from '../../../inventory/index.js';
import type {
  ListingDraft,
  ListingForImport,
  RemoteAddress,
  RemoteListing,
  RemoteOrder,
  RemoteOrderState,
} from '../marketplace-adapter.js';

/** The one marketplace listings go to, in US dollars. */
export const EBAY_MARKETPLACE_ID = 'EBAY_US';
export const EBAY_CURRENCY = 'USD';
/** Inventory API writes need the language of their text. */
export const EBAY_CONTENT_LANGUAGE = 'en-US';

const TITLE_MAX = 80;
const PRODUCT_DESCRIPTION_MAX = 4000;
const CONDITION_DESCRIPTION_MAX = 1000;

/** eBay's item conditions that its music categories (Records, CDs, Cassettes) accept. */
export type EbayCondition = 'NEW' | 'LIKE_NEW' | 'USED_EXCELLENT' | 'USED_VERY_GOOD' | 'USED_GOOD' | 'USED_ACCEPTABLE';

/** Goldmine grades to eBay's conditions: only a never-played (Mint) record is new; the grade itself goes in the description. */
const CONDITION_BY_GRADE: Record<ConditionCode, EbayCondition> = {
  mint: 'NEW',
  nm: 'LIKE_NEW',
  vg_plus: 'USED_EXCELLENT',
  vg: 'USED_VERY_GOOD',
  good_plus: 'USED_GOOD',
  good: 'USED_GOOD',
  fair: 'USED_ACCEPTABLE',
  poor: 'USED_ACCEPTABLE',
};

/** The grade an eBay condition stands for when a listing was not made by us (the best grade it covers). */
const GRADE_BY_CONDITION: Record<EbayCondition, ConditionCode> = {
  NEW: 'mint',
  LIKE_NEW: 'nm',
  USED_EXCELLENT: 'vg_plus',
  USED_VERY_GOOD: 'vg',
  USED_GOOD: 'good_plus',
  USED_ACCEPTABLE: 'fair',
};

/** Goldmine grade names as buyers read them in the condition description. */
const GRADE_TEXT: Record<ContainerCondition, string> = {
  mint: 'Mint (M)',
  nm: 'Near Mint (NM or M-)',
  vg_plus: 'Very Good Plus (VG+)',
  vg: 'Very Good (VG)',
  good_plus: 'Good Plus (G+)',
  good: 'Good (G)',
  fair: 'Fair (F)',
  poor: 'Poor (P)',
  generic: 'Generic',
  not_graded: 'Not Graded',
  no_cover: 'No Cover',
};

/** eBay leaf categories for music media (Music > Records / CDs / Cassettes), and the Music category for the rest. */
export const EBAY_CATEGORY = { records: '176985', cds: '176984', cassettes: '176983', otherMusic: '11233' } as const;

type MediaKind = 'record' | 'cd' | 'cassette' | 'other';

function mediaKind(format: string | null): MediaKind {
  const name = (format ?? '').trim().toLowerCase();
  if (/vinyl|\blp\b|record|\b(7|10|12)"/.test(name)) return 'record';
  if (/\bcd\b|compact disc/.test(name)) return 'cd';
  if (/cassette|\btape\b/.test(name)) return 'cassette';
  return 'other';
}

export function ebayCondition(grade: ConditionCode | null): EbayCondition | null {
  return grade ? CONDITION_BY_GRADE[grade] : null;
}

/** Our grade for an eBay listing: the exact grade when the description is one we wrote, else the one its condition stands for. */
export function gradeFromEbay(condition: string | undefined, description: string | undefined): ConditionCode | null {
  const written = /^Media: (.+?)\.(?: Sleeve:|$)/.exec(description ?? '')?.[1];
  const exact = (Object.keys(CONDITION_BY_GRADE) as ConditionCode[]).find((grade) => GRADE_TEXT[grade] === written);
  if (exact) return exact;
  return condition && condition in GRADE_BY_CONDITION ? GRADE_BY_CONDITION[condition as EbayCondition] : null;
}

/** The Goldmine grades of the media and its sleeve, in words (`Media: Near Mint (NM or M-). Sleeve: Very Good Plus (VG+).`). */
export function conditionDescription(item: ConditionCode | null, container: ContainerCondition | null): string | null {
  const parts = [item && `Media: ${GRADE_TEXT[item]}.`, container && `Sleeve: ${GRADE_TEXT[container]}.`].filter(Boolean);
  return parts.length ? truncate(parts.join(' '), CONDITION_DESCRIPTION_MAX) : null;
}

/** The seller's category (`category_id` in the listing's settings), else the music category of the media format. */
export function categoryIdFor(format: string | null, settings: Record<string, unknown>): string {
  const chosen = settings.category_id;
  if ((typeof chosen === 'string' && chosen.trim()) || typeof chosen === 'number') return String(chosen).trim();
  const byKind: Record<MediaKind, string> = {
    record: EBAY_CATEGORY.records,
    cd: EBAY_CATEGORY.cds,
    cassette: EBAY_CATEGORY.cassettes,
    other: EBAY_CATEGORY.otherMusic,
  };
  return byKind[mediaKind(format)];
}

/** The value of eBay's `Format` item specific in its music categories. */
export function formatAspect(format: string | null): string | null {
  const byKind: Record<MediaKind, string | null> = { record: 'Record', cd: 'CD', cassette: 'Cassette', other: format?.trim() || null };
  return byKind[mediaKind(format)];
}

/** A barcode as eBay's product identifiers: 12 digits are a UPC, 13 an EAN; anything else is not sent. */
export function productIdentifiers(barcode: string | null): { upc?: string[]; ean?: string[] } {
  const digits = (barcode ?? '').replace(/[\s-]/g, '');
  if (/^\d{12}$/.test(digits)) return { upc: [digits] };
  if (/^\d{13}$/.test(digits)) return { ean: [digits] };
  return {};
}

/** The item specifics eBay's music categories ask for, from what the draft knows. */
export function aspects(draft: ListingDraft): Record<string, string[]> {
  const year = /^(\d{4})/.exec(draft.releaseYear ?? '')?.[1];
  const values: Record<string, string | null | undefined> = {
    Artist: draft.artist,
    'Record Label': draft.label,
    Format: formatAspect(draft.format),
    'Release Year': year,
    'Catalog Number': draft.catalogNumber,
  };
  return Object.fromEntries(
    Object.entries(values)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '')
      .map(([name, value]) => [name, [value.trim()]]),
  );
}

/** The `createOrReplaceInventoryItem` body: quantity, condition with the Goldmine grades, and the product. */
export function inventoryItemBody(draft: ListingDraft, imageUrls: string[]): Record<string, unknown> {
  const condition = ebayCondition(draft.conditionItem);
  const description = conditionDescription(draft.conditionItem, draft.conditionContainer);
  return {
    availability: { shipToLocationAvailability: { quantity: draft.quantity } },
    ...(condition && { condition }),
    ...(description && { conditionDescription: description }),
    product: {
      title: truncate(draft.title, TITLE_MAX),
      description: truncate(draft.description, PRODUCT_DESCRIPTION_MAX),
      aspects: aspects(draft),
      imageUrls,
      ...productIdentifiers(draft.barcode),
    },
  };
}

export interface ListingPolicies {
  fulfillmentPolicyId: string;
  paymentPolicyId: string;
  returnPolicyId: string;
}

/** The `createOffer` body: one fixed-price US listing of the SKU with the seller's policies and location. */
export function offerBody(
  draft: ListingDraft,
  placement: { listingPolicies: ListingPolicies; merchantLocationKey: string },
): Record<string, unknown> {
  return {
    sku: draft.itemUid,
    marketplaceId: EBAY_MARKETPLACE_ID,
    format: 'FIXED_PRICE',
    availableQuantity: draft.quantity,
    categoryId: categoryIdFor(draft.format, draft.settings),
    listingDescription: draft.description,
    listingPolicies: placement.listingPolicies,
    merchantLocationKey: placement.merchantLocationKey,
    pricingSummary: { price: { value: draft.priceUsd, currency: EBAY_CURRENCY } },
  };
}

/** The fields `getOffer` returns that `updateOffer` does not take (eBay replaces the whole offer with what it is sent). */
const OFFER_READ_ONLY_FIELDS = ['offerId', 'sku', 'marketplaceId', 'format', 'status', 'listing'];

/** An `updateOffer` body: the offer as eBay holds it, with a new price. */
export function offerWithPrice(offer: Record<string, unknown>, priceUsd: string): Record<string, unknown> {
  const writable = Object.fromEntries(Object.entries(offer).filter(([field]) => !OFFER_READ_ONLY_FIELDS.includes(field)));
  const pricing = (offer.pricingSummary ?? {}) as Record<string, unknown>;
  return { ...writable, pricingSummary: { ...pricing, price: { value: priceUsd, currency: EBAY_CURRENCY } } };
}

/** An `updateOffer` body for an existing offer of the SKU: what `createOffer` would send, less what cannot change. */
export function offerUpdateBody(created: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(created).filter(([field]) => !OFFER_READ_ONLY_FIELDS.includes(field)));
}

export function ebayListingUrl(listingId: string): string {
  return `https://www.ebay.com/itm/${encodeURIComponent(listingId)}`;
}

/** The setting that names a business policy or location, when the seller chose one. */
export function chosenSetting(settings: Record<string, unknown>, name: string): string | null {
  const value = settings[name];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** Our carrier codes to eBay's shipping carrier codes (Trading API ShippingCarrierCodeType). */
const CARRIERS: Record<string, string> = {
  usps: 'USPS',
  ups: 'UPS',
  fedex: 'FedEx',
  dhl: 'DHL',
  royal_mail: 'RoyalMail',
  canada_post: 'CanadaPost',
  australia_post: 'AustraliaPost',
  deutsche_post: 'DeutschePost',
  other: 'Other',
};

export function ebayCarrierCode(carrier: string): string {
  return CARRIERS[carrier.trim().toLowerCase()] ?? 'Other';
}

interface EbayAmount {
  value?: string;
  currency?: string;
}

/** An offer as `getOffers` returns it, with what the engine reads. */
export interface EbayOffer {
  offerId: string;
  sku: string;
  status?: string;
  availableQuantity?: number;
  pricingSummary?: { price?: EbayAmount };
  listing?: { listingId?: string; listingStatus?: string };
}

/** An inventory item as `getInventoryItems` returns it. */
export interface EbayInventoryItem {
  sku: string;
  condition?: string;
  conditionDescription?: string;
  product?: { title?: string };
  availability?: { shipToLocationAvailability?: { quantity?: number } };
}

/** A published offer whose listing is still on sale. */
export function isActiveOffer(offer: EbayOffer): boolean {
  const listingStatus = offer.listing?.listingStatus;
  return offer.status === 'PUBLISHED' && Boolean(offer.listing?.listingId) && (!listingStatus || listingStatus === 'ACTIVE');
}

export function remoteListing(item: EbayInventoryItem, offer: EbayOffer): RemoteListing {
  const listingId = offer.listing!.listingId!;
  return {
    listingId,
    externalId: offer.sku,
    title: item.product?.title ?? '',
    priceUsd: offer.pricingSummary?.price?.value ?? '0.00',
    listingUrl: ebayListingUrl(listingId),
    state: 'listed',
    quantity: offer.availableQuantity ?? item.availability?.shipToLocationAvailability?.quantity ?? 1,
    conditionItem: gradeFromEbay(item.condition, item.conditionDescription),
    details: { sku: offer.sku, offer_id: offer.offerId },
  };
}

/** An order as the Fulfillment API's `getOrders` returns it, with what the engine reads. */
export interface EbayOrder {
  orderId: string;
  creationDate: string;
  orderFulfillmentStatus?: string;
  orderPaymentStatus?: string;
  cancelStatus?: { cancelState?: string };
  buyer?: { username?: string; buyerRegistrationAddress?: { fullName?: string; email?: string } };
  pricingSummary?: { total?: EbayAmount; deliveryCost?: EbayAmount };
  totalMarketplaceFee?: EbayAmount;
  fulfillmentStartInstructions?: Array<{ shippingStep?: { shipTo?: EbayShipTo } }>;
  lineItems?: Array<{
    lineItemId: string;
    legacyItemId?: string;
    sku?: string;
    title?: string;
    quantity?: number;
    lineItemCost?: EbayAmount;
  }>;
}

/** The buyer's shipping address in an order's `fulfillmentStartInstructions`. */
export interface EbayShipTo {
  fullName?: string;
  email?: string;
  primaryPhone?: { phoneNumber?: string };
  contactAddress?: {
    addressLine1?: string;
    addressLine2?: string;
    city?: string;
    stateOrProvince?: string;
    postalCode?: string;
    countryCode?: string;
  };
}

/**
 * Where an eBay order stands: cancelled (`cancelState` CANCELED) or fully refunded is `cancelled`; a FULFILLED one
 * `shipped`; payment PENDING or FAILED `unpaid`; otherwise (PAID, PARTIALLY_REFUNDED) `paid`.
 */
export function ebayOrderState(order: Pick<EbayOrder, 'cancelStatus' | 'orderPaymentStatus' | 'orderFulfillmentStatus'>): RemoteOrderState {
  if (order.cancelStatus?.cancelState === 'CANCELED' || order.orderPaymentStatus === 'FULLY_REFUNDED') return 'cancelled';
  if (order.orderFulfillmentStatus === 'FULFILLED') return 'shipped';
  if (order.orderPaymentStatus === 'PENDING' || order.orderPaymentStatus === 'FAILED') return 'unpaid';
  return 'paid';
}

/** The ship-to of an eBay order as our address, its lines joined as the raw address; null when the order has none. */
export function ebayShippingAddress(shipTo: EbayShipTo | undefined): RemoteAddress | null {
  if (!shipTo) return null;
  const address = shipTo.contactAddress ?? {};
  const cityLine = [address.city, [address.stateOrProvince, address.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const raw = [shipTo.fullName, address.addressLine1, address.addressLine2, cityLine, address.countryCode].filter(Boolean).join('\n');
  return {
    name: shipTo.fullName ?? null,
    email: shipTo.email ?? null,
    phone: shipTo.primaryPhone?.phoneNumber ?? null,
    street1: address.addressLine1 ?? null,
    street2: address.addressLine2 ?? null,
    city: address.city ?? null,
    stateProvince: address.stateOrProvince ?? null,
    postalCode: address.postalCode ?? null,
    country: address.countryCode?.toUpperCase() ?? null,
    raw,
    parsed: shipTo.contactAddress ? { ...shipTo.contactAddress } : null,
  };
}

/**
 * An eBay order in our terms. `status` is eBay's fulfillment status (`NOT_STARTED`, `IN_PROGRESS`, `FULFILLED`), or
 * `CANCELED` once the order is cancelled; the line item ids are kept in `details` for markShipped.
 */
export function remoteOrder(order: EbayOrder): RemoteOrder {
  const shipTo = order.fulfillmentStartInstructions?.[0]?.shippingStep?.shipTo;
  const registration = order.buyer?.buyerRegistrationAddress;
  const lineItems = order.lineItems ?? [];
  return {
    orderId: order.orderId,
    createdAt: new Date(order.creationDate),
    status: order.cancelStatus?.cancelState === 'CANCELED' ? 'CANCELED' : (order.orderFulfillmentStatus ?? 'NOT_STARTED'),
    state: ebayOrderState(order),
    buyerName: registration?.fullName ?? shipTo?.fullName ?? order.buyer?.username ?? null,
    buyerEmail: registration?.email ?? shipTo?.email ?? null,
    totalUsd: order.pricingSummary?.total?.value ?? '0.00',
    shippingUsd: order.pricingSummary?.deliveryCost?.value ?? null,
    feesUsd: order.totalMarketplaceFee?.value ?? null,
    // eBay's managed payments fold payment processing into its selling fees (totalMarketplaceFee).
    platformFeeUsd: null,
    shippingAddress: ebayShippingAddress(shipTo),
    lines: lineItems.map((line) => ({
      listingId: line.legacyItemId ?? null,
      externalId: line.sku ?? null,
      sku: line.sku ?? null,
      title: line.title ?? '',
      quantity: line.quantity ?? 1,
      priceUsd: line.lineItemCost?.value ?? '0.00',
    })),
    details: {
      line_items: lineItems.map((line) => ({ line_item_id: line.lineItemId, quantity: line.quantity ?? 1 })),
      buyer_username: order.buyer?.username ?? null,
      payment_status: order.orderPaymentStatus ?? null,
    },
  };
}

/** The line items a shipment covers, from what fetchOrders kept in the order's details; null when they are not there. */
export function shippedLineItems(details: Record<string, unknown>): Array<{ lineItemId: string; quantity: number }> | null {
  const lines = details.line_items;
  if (!Array.isArray(lines) || lines.length === 0) return null;
  const parsed = lines.map((line) => {
    const { line_item_id: lineItemId, quantity } = (line ?? {}) as { line_item_id?: unknown; quantity?: unknown };
    return typeof lineItemId === 'string' ? { lineItemId, quantity: typeof quantity === 'number' ? quantity : 1 } : null;
  });
  return parsed.every(Boolean) ? (parsed as Array<{ lineItemId: string; quantity: number }>) : null;
}

/** One entry of eBay's error body (`{"errors": [{errorId, domain, category, message, longMessage, parameters}]}`). */
export interface EbayErrorDetail {
  errorId?: number;
  domain?: string;
  category?: string;
  message?: string;
  longMessage?: string;
  parameters?: Array<{ name?: string; value?: string }>;
}

/** eBay's errors as one message, each with its error id (`Invalid value for price. (eBay error 25709)`), or null. */
export function ebayErrorMessage(body: unknown): string | null {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return null;
  const messages = (errors as EbayErrorDetail[])
    .map((error) => {
      const text = error.message?.trim() || error.longMessage?.trim();
      if (!text) return null;
      return error.errorId === undefined ? text : `${text} (eBay error ${error.errorId})`;
    })
    .filter(Boolean);
  return messages.length ? messages.join(' ') : null;
}

/** The error ids of eBay's error body. */
export function ebayErrorIds(body: unknown): number[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return (errors as EbayErrorDetail[]).map((error) => error.errorId).filter((id): id is number => typeof id === 'number');
}

function truncate(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}

/** An inventory item as `getInventoryItems` returns it, with what an import reads. */
export interface EbayInventoryItemForImport extends EbayInventoryItem {
  product?: {
    title?: string;
    description?: string;
    aspects?: Record<string, string[] | undefined>;
    imageUrls?: string[];
    upc?: string[];
    ean?: string[];
  };
}

/** An offer with its price's currency, as `getOffers` returns it. */
export interface EbayOfferForImport extends EbayOffer {
  pricingSummary?: { price?: { value?: string; currency?: string } };
}

/** The sleeve grade we wrote in an eBay condition description (`... Sleeve: Very Good (VG).`), or null. */
export function sleeveGradeFromEbay(description: string | undefined): ContainerCondition | null {
  const written = /Sleeve: (.+?)\.(?:\s|$)/.exec(description ?? '')?.[1];
  const found = (Object.keys(GRADE_TEXT) as ContainerCondition[]).find((grade) => GRADE_TEXT[grade] === written);
  return found ?? null;
}

/** Our media format for eBay's `Format` item specific (`Record`, `Vinyl`, `CD`, `Cassette`), or null. */
export function formatFromEbay(format: string | undefined): string | null {
  const kind = mediaKind(format ?? null);
  if (kind === 'record') return 'Vinyl';
  if (kind === 'cd') return 'CD';
  if (kind === 'cassette') return 'Cassette';
  return format?.trim() || null;
}

function aspect(aspects: Record<string, string[] | undefined> | undefined, name: string): string | null {
  const value = aspects?.[name]?.find((entry) => entry.trim());
  return value?.trim() || null;
}

/**
 * What an import makes of an eBay listing (an inventory item and its published offer): the product's title,
 * description, item specifics (Artist, Record Label, Catalog Number, Release Year, Format), UPC or EAN and EPS
 * pictures; the grades from the condition description we write, else the condition enum.
 */
export function ebayListingForImport(item: EbayInventoryItemForImport, offer: EbayOfferForImport): ListingForImport {
  const base = remoteListing(item, offer);
  const aspects = item.product?.aspects;
  const year = /^(\d{4})/.exec(aspect(aspects, 'Release Year') ?? '')?.[1] ?? null;
  return {
    ...base,
    conditionContainer: sleeveGradeFromEbay(item.conditionDescription),
    description: item.product?.description?.trim() || null,
    artist: aspect(aspects, 'Artist'),
    label: aspect(aspects, 'Record Label'),
    catalogNumber: aspect(aspects, 'Catalog Number'),
    releaseYear: year,
    format: formatFromEbay(aspect(aspects, 'Format') ?? undefined),
    barcode: item.product?.upc?.[0] ?? item.product?.ean?.[0] ?? null,
    currency: offer.pricingSummary?.price?.currency ?? EBAY_CURRENCY,
    pictureUrls: (item.product?.imageUrls ?? []).filter((url) => typeof url === 'string' && url !== ''),
  };
}
