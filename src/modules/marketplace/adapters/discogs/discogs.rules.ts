import type { ConditionCode, ContainerCondition } from '../../../inventory/index.js';
import type { ListingDraft, ListingForImport, RemoteAddress, RemoteListing, RemoteOrderState } from '../marketplace-adapter.js';

/** Discogs' media condition strings, exactly as its Marketplace API takes and returns them. */
export const DISCOGS_MEDIA_CONDITIONS: Record<ConditionCode, string> = {
  mint: 'Mint (M)',
  nm: 'Near Mint (NM or M-)',
  vg_plus: 'Very Good Plus (VG+)',
  vg: 'Very Good (VG)',
  good_plus: 'Good Plus (G+)',
  good: 'Good (G)',
  fair: 'Fair (F)',
  poor: 'Poor (P)',
};

/** Discogs' sleeve condition strings: the media grades and the three sleeve states. */
export const DISCOGS_SLEEVE_CONDITIONS: Record<ContainerCondition, string> = {
  ...DISCOGS_MEDIA_CONDITIONS,
  generic: 'Generic',
  not_graded: 'Not Graded',
  no_cover: 'No Cover',
};

const MEDIA_CODE_BY_NAME = new Map(Object.entries(DISCOGS_MEDIA_CONDITIONS).map(([code, name]) => [name, code as ConditionCode]));
const SLEEVE_CODE_BY_NAME = new Map(Object.entries(DISCOGS_SLEEVE_CONDITIONS).map(([code, name]) => [name, code as ContainerCondition]));

/** Our grade for a Discogs media condition string, or null for one we do not know. */
export function mediaConditionFromDiscogs(name: string | null | undefined): ConditionCode | null {
  return (name && MEDIA_CODE_BY_NAME.get(name.trim())) || null;
}

/** Our container condition for a Discogs sleeve condition string, or null for one we do not know. */
export function sleeveConditionFromDiscogs(name: string | null | undefined): ContainerCondition | null {
  return (name && SLEEVE_CODE_BY_NAME.get(name.trim())) || null;
}

/** Discogs listing statuses we write. */
export type DiscogsWritableStatus = 'Draft' | 'For Sale';

/** Our decimal string price (`"34.99"`) as the JSON number Discogs takes; null when it is not a positive price. */
export function discogsPrice(priceUsd: string): number | null {
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(priceUsd.trim())) return null;
  const price = Number(priceUsd);
  return price > 0 ? price : null;
}

/** A Discogs price object (`{"value": 12.5, "currency": "USD"}`) as our decimal string (`"12.50"`). */
export function priceFromDiscogs(price: { value?: unknown; currency?: string } | null | undefined): string {
  const value = typeof price?.value === 'number' ? price.value : Number(price?.value);
  return Number.isFinite(value) ? value.toFixed(2) : '0.00';
}

/** A listing's Discogs status in the engine's terms: drafts, live ones, sold ones; the rest (expired, suspended...) ended. */
export function listingStateFromDiscogs(status: string | null | undefined): RemoteListing['state'] {
  if (status === 'For Sale') return 'listed';
  if (status === 'Draft') return 'draft';
  if (status === 'Sold') return 'sold';
  return 'ended';
}

/** The release id the seller chose in `marketplace_details.release_id` (a positive integer or its digits), or null. */
export function chosenReleaseId(settings: Record<string, unknown>): number | null {
  const value = settings.release_id;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim()) && Number(value) > 0) return Number(value);
  return null;
}

/**
 * The `GET /database/search` query that finds the draft's release: by catalog number and/or barcode (what identifies
 * a pressing), narrowed by the artist when known; null when the draft has neither catalog number nor barcode.
 */
export function releaseSearchQuery(draft: Pick<ListingDraft, 'catalogNumber' | 'barcode' | 'artist'>): URLSearchParams | null {
  const catalogNumber = draft.catalogNumber?.trim();
  const barcode = draft.barcode?.trim();
  if (!catalogNumber && !barcode) return null;
  const query = new URLSearchParams({ type: 'release' });
  if (catalogNumber) query.set('catno', catalogNumber);
  if (barcode) query.set('barcode', barcode);
  if (draft.artist?.trim()) query.set('artist', draft.artist.trim());
  query.set('per_page', '1');
  return query;
}

/** What the seller reads when no release matches: what was searched, and how to choose the release by hand. */
export function noReleaseMessage(draft: Pick<ListingDraft, 'catalogNumber' | 'barcode'>): string {
  const searched = [
    draft.catalogNumber?.trim() ? `catalog number ${draft.catalogNumber.trim()}` : null,
    draft.barcode?.trim() ? `barcode ${draft.barcode.trim()}` : null,
  ].filter(Boolean);
  const what = searched.length > 0 ? searched.join(' / ') : 'this item (it has no catalog number or barcode)';
  return `No Discogs release matches ${what}: set marketplace_details.release_id.`;
}

/** The body of `POST /marketplace/listings` (and of an edit, which Discogs wants complete: release and condition included). */
export interface DiscogsListingBody {
  release_id: number;
  condition: string;
  sleeve_condition?: string;
  price: number;
  status: DiscogsWritableStatus;
  comments?: string;
  allow_offers?: boolean;
  external_id?: string;
  location?: string;
  weight?: number | 'auto';
  format_quantity?: number | 'auto';
}

/** A draft that Discogs cannot take, with the reason the seller reads. */
export class UnlistableDraft extends Error {}

/**
 * The listing body for a draft: its release, the grades as Discogs writes them, the price as a number, the
 * description as comments, our item uid as external id, and the seller's settings (allow_offers, location, weight,
 * format_quantity) when given. Throws an UnlistableDraft when Discogs would refuse it.
 */
export function listingBody(draft: ListingDraft, releaseId: number, status: DiscogsWritableStatus): DiscogsListingBody {
  if (!draft.conditionItem) throw new UnlistableDraft('Discogs needs the media condition of the item: grade it first.');
  const price = discogsPrice(draft.priceUsd);
  if (price === null) throw new UnlistableDraft(`Discogs needs a positive price, not "${draft.priceUsd}".`);
  const body: DiscogsListingBody = {
    release_id: releaseId,
    condition: DISCOGS_MEDIA_CONDITIONS[draft.conditionItem],
    price,
    status,
    external_id: draft.itemUid,
  };
  if (draft.conditionContainer) body.sleeve_condition = DISCOGS_SLEEVE_CONDITIONS[draft.conditionContainer];
  if (draft.description.trim()) body.comments = draft.description;
  const { allow_offers: allowOffers, location, weight, format_quantity: formatQuantity } = draft.settings;
  if (typeof allowOffers === 'boolean') body.allow_offers = allowOffers;
  if (typeof location === 'string' && location.trim()) body.location = location.trim();
  const parsedWeight = autoOrPositive(weight);
  if (parsedWeight !== null) body.weight = parsedWeight;
  const parsedQuantity = autoOrPositive(formatQuantity);
  if (parsedQuantity !== null) body.format_quantity = parsedQuantity;
  return body;
}

/** `"auto"` or a positive number (Discogs' weight in grams, format quantity), else null. */
function autoOrPositive(value: unknown): number | 'auto' | null {
  if (value === 'auto') return 'auto';
  const number = typeof value === 'string' && value.trim() ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : null;
}

/**
 * What later edits of a listing need, kept in its details: Discogs wants the release and condition on every edit, and
 * a price change must not publish a draft (so its status is kept too).
 */
export function listingDetails(body: DiscogsListingBody): Record<string, unknown> {
  return {
    release_id: body.release_id,
    condition: body.condition,
    ...(body.sleeve_condition ? { sleeve_condition: body.sleeve_condition } : {}),
    status: body.status,
  };
}

const CARRIER_NAMES: Record<string, string> = {
  usps: 'USPS',
  ups: 'UPS',
  fedex: 'FedEx',
  dhl: 'DHL',
  royal_mail: 'Royal Mail',
  canada_post: 'Canada Post',
  australia_post: 'Australia Post',
  deutsche_post: 'Deutsche Post',
};

/** The order message that tells the buyer how the order travels (Discogs orders have no tracking field). */
export function shipmentMessage(shipment: { carrier: string; trackingNumber: string; shippedAt: Date }): string {
  const carrier = CARRIER_NAMES[shipment.carrier];
  const day = shipment.shippedAt.toISOString().slice(0, 10);
  return `Your order was shipped on ${day}${carrier ? ` with ${carrier}` : ''}. Tracking number: ${shipment.trackingNumber}`;
}

/** The public page of a Discogs listing. */
export function listingUrl(listingId: string | number): string {
  return `https://www.discogs.com/sell/item/${listingId}`;
}

/** OAuth 1.0a percent-encoding (RFC 5849 3.6): unreserved characters stay, everything else is %XX. */
export function oauthEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface OAuthHeaderParameters {
  consumerKey: string;
  consumerSecret: string;
  token?: string;
  tokenSecret?: string;
  callback?: string;
  verifier?: string;
  nonce: string;
  /** Seconds since the epoch. */
  timestamp: number;
}

/**
 * The `Authorization: OAuth ...` header Discogs documents, with the PLAINTEXT signature
 * `<consumer secret>&<token secret>` (the token secret empty before there is one).
 */
export function oauthPlaintextHeader(parameters: OAuthHeaderParameters): string {
  const fields: Array<[string, string]> = [
    ['oauth_consumer_key', parameters.consumerKey],
    ['oauth_nonce', parameters.nonce],
    ['oauth_signature_method', 'PLAINTEXT'],
    ['oauth_timestamp', String(parameters.timestamp)],
    ['oauth_version', '1.0'],
  ];
  if (parameters.token) fields.push(['oauth_token', parameters.token]);
  if (parameters.callback) fields.push(['oauth_callback', parameters.callback]);
  if (parameters.verifier) fields.push(['oauth_verifier', parameters.verifier]);
  const signature = `${oauthEncode(parameters.consumerSecret)}&${oauthEncode(parameters.tokenSecret ?? '')}`;
  const encoded = fields.map(([name, value]) => `${name}="${oauthEncode(value)}"`);
  return `OAuth ${[...encoded, `oauth_signature="${signature}"`].join(', ')}`;
}

/** A listing of `GET /users/{username}/inventory` as Discogs answers it to its owner (the fields an import reads). */
export interface DiscogsInventoryEntry {
  id: number;
  status: string;
  price: { value?: unknown; currency?: string };
  condition: string;
  sleeve_condition?: string | null;
  comments?: string | null;
  external_id?: string | null;
  uri?: string;
  release: {
    id: number;
    description?: string;
    title?: string;
    artist?: string;
    catalog_number?: string;
    year?: number | string;
    format?: string;
    thumbnail?: string;
    images?: Array<{ type?: string; uri?: string }>;
  };
}

/** Our media format for a Discogs format description (`LP, Album`, `CD, Comp`, `Cass`, `7"`), or null. */
export function formatFromDiscogs(format: string | null | undefined): string | null {
  // `2xLP` is two LPs: the count is dropped.
  const words = (format ?? '').split(/[,\s]+/).map((word) => word.trim().toLowerCase().replace(/^\d+x/, ''));
  if (words.some((word) => ['lp', 'vinyl', '7"', '10"', '12"', 'ep'].includes(word))) return 'Vinyl';
  if (words.some((word) => ['cd', 'cdr', 'sacd'].includes(word))) return 'CD';
  if (words.some((word) => ['cass', 'cassette'].includes(word))) return 'Cassette';
  return format?.trim() ? format.split(',')[0].trim() : null;
}

/** A year Discogs gives (`1959`, `"1959"`, `0` for unknown) as `YYYY`, or null. */
function discogsYear(year: number | string | undefined): string | null {
  const text = String(year ?? '').trim();
  return /^\d{4}$/.test(text) && text !== '0000' ? text : null;
}

/**
 * What an import makes of a Discogs listing: the release's artist, title, catalog number, year and format, the
 * media and sleeve grades from Discogs' condition strings, the seller's comments, the external id as SKU, and the
 * release's pictures (primary first, else its thumbnail). Discogs gives no label nor barcode in an inventory listing.
 */
export function discogsListingForImport(listing: DiscogsInventoryEntry): ListingForImport {
  const release = listing.release;
  const images = (release.images ?? [])
    .slice()
    .sort((a, b) => Number(b.type === 'primary') - Number(a.type === 'primary'))
    .map((image) => image.uri)
    .filter((uri): uri is string => typeof uri === 'string' && uri !== '');
  const pictureUrls = images.length > 0 ? images : release.thumbnail ? [release.thumbnail] : [];
  return {
    listingId: String(listing.id),
    externalId: listing.external_id?.trim() || null,
    title: release.title?.trim() || release.description?.trim() || '',
    priceUsd: priceFromDiscogs(listing.price),
    listingUrl: listing.uri ?? listingUrl(listing.id),
    state: listingStateFromDiscogs(listing.status),
    quantity: 1,
    conditionItem: mediaConditionFromDiscogs(listing.condition),
    conditionContainer: sleeveConditionFromDiscogs(listing.sleeve_condition),
    description: listing.comments?.trim() || null,
    artist: release.artist?.trim() || null,
    label: null,
    catalogNumber: release.catalog_number?.trim() || null,
    releaseYear: discogsYear(release.year),
    format: formatFromDiscogs(release.format),
    barcode: null,
    currency: listing.price.currency ?? 'USD',
    pictureUrls,
    details: {
      release_id: release.id,
      condition: listing.condition,
      ...(listing.sleeve_condition ? { sleeve_condition: listing.sleeve_condition } : {}),
      status: listing.status,
    },
  };
}

/** Where an import's next Discogs inventory page starts: the page number and whose inventory (`2:vinyl_vault`). */
export function discogsCursor(page: number, username: string): string {
  return `${page}:${username}`;
}

/** The page and username of a cursor made by discogsCursor, or null for anything else. */
export function parseDiscogsCursor(cursor: string): { page: number; username: string } | null {
  const match = /^(\d{1,6}):(.+)$/.exec(cursor);
  return match ? { page: Number(match[1]), username: match[2] } : null;
}
/**
 * Where a Discogs order stands: `Cancelled (...)` or `Refund Sent` is `cancelled`, `Shipped` is `shipped`, `Payment
 * Received` and `In Progress` are `paid`; the others (New Order, Buyer Contacted, Invoice Sent, Payment Pending, Order
 * Changed, Merged) are `unpaid`.
 */
export function discogsOrderState(status: string): RemoteOrderState {
  if (/^cancelled/i.test(status) || status === 'Refund Sent') return 'cancelled';
  if (status === 'Shipped') return 'shipped';
  if (status === 'Payment Received' || status === 'In Progress') return 'paid';
  return 'unpaid';
}

/**
 * A Discogs order's `shipping_address`, free text as the buyer typed it: the first line is the name, the second the
 * street, a third or later line the city (the last one before a country line is not told apart: the text is kept whole).
 */
export function discogsShippingAddress(text: string | null | undefined): RemoteAddress | null {
  const raw = text?.trim();
  if (!raw) return null;
  const lines = raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    name: lines[0] ?? null,
    email: null,
    phone: null,
    street1: lines[1] ?? null,
    street2: lines.length > 3 ? lines.slice(2, -1).join(', ') : null,
    city: lines.length > 2 ? lines[lines.length - 1] : null,
    stateProvince: null,
    postalCode: null,
    country: null,
    raw,
    parsed: { lines },
  };
}
