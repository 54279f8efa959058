import type { ConditionCode, ContainerCondition } from '../../../inventory/index.js';
import type { ListingForImport, RemoteAddress, RemoteOrderState } from '../marketplace-adapter.js';
import { formatFromText, gradesFromText } from '../listing-text.rules.js';

/** Etsy's longest listing title. */
export const ETSY_TITLE_MAX_LENGTH = 140;

/**
 * What Etsy accepts in a title: letters, digits, punctuation, mathematical symbols, spaces, ™ © ®; never `$ ^ \ ``
 * (Etsy refuses them although some count as punctuation or symbols); `%`, `:`, `&` and `+` at most once each.
 */
const TITLE_CHARACTER = /[\p{L}\p{Nd}\p{P}\p{Sm}\p{Zs}™©®]/u;
const TITLE_FORBIDDEN = new Set(['$', '^', '\\', '`']);
const TITLE_ONCE = new Set(['%', ':', '&', '+']);

/** A title Etsy takes: forbidden characters dropped, the once-only ones kept once (`&` again becomes "and"), at most 140 characters on a word boundary. */
export function etsyTitle(title: string): string {
  const seen = new Set<string>();
  let cleaned = '';
  for (const character of title.normalize('NFC')) {
    if (/\s/u.test(character)) {
      cleaned += ' ';
      continue;
    }
    if (!TITLE_CHARACTER.test(character) || TITLE_FORBIDDEN.has(character)) continue;
    if (TITLE_ONCE.has(character)) {
      if (seen.has(character)) {
        cleaned += character === '&' ? ' and ' : ' ';
        continue;
      }
      seen.add(character);
    }
    cleaned += character;
  }
  const collapsed = cleaned.replace(/ {2,}/g, ' ').trim();
  if (collapsed.length <= ETSY_TITLE_MAX_LENGTH) return collapsed;
  const cut = collapsed.slice(0, ETSY_TITLE_MAX_LENGTH + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > ETSY_TITLE_MAX_LENGTH / 2 ? cut.slice(0, lastSpace) : cut.slice(0, ETSY_TITLE_MAX_LENGTH)).trim();
}

/** Etsy's `when_made` values from the newest; a release year maps to the one its period falls in. */
export const ETSY_WHEN_MADE = [
  'made_to_order',
  '2020_2025',
  '2010_2019',
  '2006_2009',
  'before_2006',
  '2000_2005',
  '1990s',
  '1980s',
  '1970s',
  '1960s',
  '1950s',
  '1940s',
  '1930s',
  '1920s',
  '1910s',
  '1900s',
  '1800s',
  '1700s',
  'before_1700',
] as const;
export type EtsyWhenMade = (typeof ETSY_WHEN_MADE)[number];

/** The `when_made` of an item released in `releaseYear` (`YYYY` or `YYYY-MM-DD`), or null without a usable year. */
export function etsyWhenMade(releaseYear: string | null): EtsyWhenMade | null {
  const year = Number(/^(\d{4})/.exec(releaseYear?.trim() ?? '')?.[1]);
  if (!Number.isInteger(year) || year <= 0) return null;
  if (year >= 2020) return '2020_2025';
  if (year >= 2010) return '2010_2019';
  if (year >= 2006) return '2006_2009';
  if (year >= 2000) return '2000_2005';
  if (year >= 1900) return `${Math.floor(year / 10) * 10}s` as EtsyWhenMade;
  if (year >= 1800) return '1800s';
  if (year >= 1700) return '1700s';
  return 'before_1700';
}

export const ETSY_WHO_MADE = ['i_did', 'someone_else', 'collective'] as const;
export type EtsyWhoMade = (typeof ETSY_WHO_MADE)[number];

/** A decimal USD string (`"34.99"`) as the number Etsy's price fields take. */
export function etsyPrice(priceUsd: string): number {
  const trimmed = priceUsd.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) throw new RangeError(`"${priceUsd}" is not a price`);
  return Number(trimmed);
}

/** Etsy's Money (`{amount: 3499, divisor: 100}`) as a decimal string (`"34.99"`). */
export function decimalFromEtsyMoney(money: { amount: number; divisor: number } | null | undefined): string {
  if (!money || !Number.isFinite(money.amount) || !Number.isFinite(money.divisor) || money.divisor <= 0) return '0.00';
  const decimals = Math.max(2, Math.round(Math.log10(money.divisor)));
  return (money.amount / money.divisor).toFixed(decimals);
}

const GRADE_NAMES: Record<ConditionCode, string> = {
  mint: 'Mint (M)',
  nm: 'Near Mint (NM)',
  vg_plus: 'Very Good Plus (VG+)',
  vg: 'Very Good (VG)',
  good_plus: 'Good Plus (G+)',
  good: 'Good (G)',
  fair: 'Fair (F)',
  poor: 'Poor (P)',
};
const CONTAINER_STATE_NAMES: Record<Exclude<ContainerCondition, ConditionCode>, string> = {
  generic: 'Generic',
  not_graded: 'Not Graded',
  no_cover: 'No Cover',
};

/** Etsy has no condition field: the grades go into the description as a line (`Condition: Media Near Mint (NM), Sleeve VG+`), or null. */
export function etsyConditionLine(item: ConditionCode | null, container: ContainerCondition | null): string | null {
  const parts: string[] = [];
  if (item) parts.push(`Media ${GRADE_NAMES[item]}`);
  if (container) {
    parts.push(
      `Sleeve ${container in GRADE_NAMES ? GRADE_NAMES[container as ConditionCode] : CONTAINER_STATE_NAMES[container as keyof typeof CONTAINER_STATE_NAMES]}`,
    );
  }
  return parts.length > 0 ? `Condition: ${parts.join(', ')}` : null;
}

/** The listing description: ours, then the condition line when the item is graded. */
export function etsyDescription(description: string, item: ConditionCode | null, container: ContainerCondition | null): string {
  const condition = etsyConditionLine(item, container);
  const body = description.trim();
  if (!condition) return body;
  return body ? `${body}\n\n${condition}` : condition;
}

/**
 * The names of the seller-taxonomy nodes a format belongs under, most specific first (the adapter takes the first
 * Etsy has): `Vinyl`, `CDs`, `Cassettes`, else the `Music` node itself.
 */
export function etsyTaxonomyNames(format: string | null): string[] {
  const normalized = (format ?? '').trim().toLowerCase();
  if (/vinyl|^lp|^ep|^7"|^12"|record/.test(normalized)) return ['Vinyl', 'Music'];
  if (/^cd|compact disc/.test(normalized)) return ['CDs', 'Music'];
  if (/cassette|tape/.test(normalized)) return ['Cassettes', 'Music'];
  return ['Music'];
}

/** Etsy's listing `type` for our product type. */
export function etsyListingType(productType: string): 'physical' | 'download' {
  return productType === 'digital' ? 'download' : 'physical';
}

/** Etsy's `carrier_name` for our carrier code. */
export function etsyCarrierName(carrier: string): string {
  const names: Record<string, string> = { usps: 'usps', ups: 'ups', fedex: 'fedex', dhl: 'dhl', royal_mail: 'royal-mail' };
  return names[carrier] ?? 'other';
}

/** A product of a listing's inventory as Etsy answers it (getListingInventory). */
export interface EtsyInventoryProduct {
  sku: string | null;
  property_values: unknown[];
  offerings: Array<{ quantity: number; is_enabled: boolean; price: { amount: number; divisor: number } }>;
}

export interface EtsyInventory {
  products: EtsyInventoryProduct[];
  price_on_property: number[];
  quantity_on_property: number[];
  sku_on_property: number[];
}

/** The inventory for updateListingInventory: a single product with our SKU, its price and quantity. */
export function etsyInventory(sku: string, priceUsd: string, quantity: number): Record<string, unknown> {
  return {
    products: [{ sku, property_values: [], offerings: [{ price: etsyPrice(priceUsd), quantity, is_enabled: true }] }],
    price_on_property: [],
    quantity_on_property: [],
    sku_on_property: [],
  };
}

/**
 * The inventory Etsy holds with a new price on every offering, in the shape updateListingInventory takes back (the
 * read-only ids and the Money objects dropped, prices as numbers).
 */
export function etsyInventoryWithPrice(inventory: EtsyInventory, priceUsd: string): Record<string, unknown> {
  const price = etsyPrice(priceUsd);
  return {
    products: inventory.products.map((product) => ({
      sku: product.sku ?? '',
      property_values: product.property_values,
      offerings: product.offerings.map((offering) => ({ price, quantity: offering.quantity, is_enabled: offering.is_enabled })),
    })),
    price_on_property: inventory.price_on_property,
    quantity_on_property: inventory.quantity_on_property,
    sku_on_property: inventory.sku_on_property,
  };
}

/** Our listing state for an Etsy listing state (`active`, `inactive`, `sold_out`, `draft`, `expired`). */
export function listingStateFromEtsy(state: string): 'draft' | 'listed' | 'sold' | 'ended' {
  if (state === 'active') return 'listed';
  if (state === 'draft') return 'draft';
  if (state === 'sold_out') return 'sold';
  return 'ended';
}

/** A ShopListing of getListingsByShop with `includes=Images`, as Etsy answers it (the fields an import reads). */
export interface EtsyListingForImport {
  listing_id: number;
  title: string;
  description?: string | null;
  state: string;
  quantity: number;
  skus?: string[];
  tags?: string[];
  price?: { amount: number; divisor: number; currency_code?: string };
  images?: Array<{ rank?: number; url_fullxfull?: string; url_570xN?: string }>;
}

/**
 * What an import makes of an Etsy listing: the title and description as written, the grades read from that free
 * text (`Condition: Media Near Mint (NM), Sleeve VG+` as we write it, `Media: VG+`, or a grade in the title), the
 * format from the title and tags, the first SKU, and the pictures by rank (full size).
 */
export function etsyListingForImport(listing: EtsyListingForImport, listingUrl: string, shopId: string): ListingForImport {
  const grades = gradesFromText(listing.description, listing.title);
  const pictureUrls = (listing.images ?? [])
    .slice()
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
    .map((image) => image.url_fullxfull ?? image.url_570xN)
    .filter((url): url is string => typeof url === 'string' && url !== '');
  return {
    listingId: String(listing.listing_id),
    externalId: listing.skus?.find((sku) => sku.trim())?.trim() ?? null,
    title: listing.title?.trim() ?? '',
    priceUsd: decimalFromEtsyMoney(listing.price),
    listingUrl,
    state: listingStateFromEtsy(listing.state),
    quantity: listing.quantity,
    conditionItem: grades.media,
    conditionContainer: grades.sleeve,
    description: listing.description?.trim() || null,
    artist: null,
    label: null,
    catalogNumber: null,
    releaseYear: null,
    format: formatFromText(listing.title, ...(listing.tags ?? [])),
    barcode: null,
    currency: listing.price?.currency_code ?? 'USD',
    pictureUrls,
    details: { shop_id: shopId },
  };
}

/**
 * Where an Etsy receipt stands: `canceled` or `fully refunded` is `cancelled`; shipped (`is_shipped`, or `completed`)
 * is `shipped`; `paid` and `partially refunded` are `paid`; `open` and `payment processing` are `unpaid`.
 */
export function etsyOrderState(status: string, isShipped: boolean): RemoteOrderState {
  const normalized = status.trim().toLowerCase();
  if (normalized === 'canceled' || normalized === 'fully refunded') return 'cancelled';
  if (isShipped || normalized === 'completed') return 'shipped';
  if (normalized === 'paid' || normalized === 'partially refunded') return 'paid';
  return 'unpaid';
}

/** The address fields of a receipt (getShopReceipts). */
export interface EtsyReceiptAddress {
  name?: string | null;
  buyer_email?: string | null;
  first_line?: string | null;
  second_line?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  country_iso?: string | null;
  formatted_address?: string | null;
}

/** A receipt's ship-to as our address; the raw address is Etsy's `formatted_address` (else the parts joined); null without one. */
export function etsyShippingAddress(receipt: EtsyReceiptAddress): RemoteAddress | null {
  const parts = {
    first_line: receipt.first_line ?? null,
    second_line: receipt.second_line ?? null,
    city: receipt.city ?? null,
    state: receipt.state ?? null,
    zip: receipt.zip ?? null,
    country_iso: receipt.country_iso ?? null,
  };
  if (!receipt.formatted_address && Object.values(parts).every((value) => !value)) return null;
  const cityLine = [parts.city, [parts.state, parts.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return {
    name: receipt.name ?? null,
    email: receipt.buyer_email ?? null,
    phone: null,
    street1: parts.first_line,
    street2: parts.second_line,
    city: parts.city,
    stateProvince: parts.state,
    postalCode: parts.zip,
    country: parts.country_iso?.toUpperCase() ?? null,
    raw:
      receipt.formatted_address ||
      [receipt.name, parts.first_line, parts.second_line, cityLine, parts.country_iso].filter(Boolean).join('\n'),
    parsed: parts,
  };
}
