import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ConditionCode, ContainerCondition } from '../../../inventory/index.js';
import type {
  ListingDraft,
  ListingForImport,
  RemoteAddress,
  RemoteListing,
  RemoteOrder,
  RemoteOrderState,
} from '../marketplace-adapter.js';
import { formatFromText, gradesFromText, plainText } from '../listing-text.rules.js';

/** A shop's permanent domain as Shopify hands it out: `vinyl-vault.myshopify.com`. */
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function isShopDomain(shop: string): boolean {
  return SHOP_DOMAIN.test(shop);
}

/** The shop's base URL from SHOPIFY_SHOP_URL_TEMPLATE (`https://{shop}`); the domain is checked first, so it cannot change the host. */
export function shopBaseUrl(template: string, shop: string): string {
  if (!isShopDomain(shop)) throw new Error(`Not a myshopify.com domain: ${shop}`);
  return template.replaceAll('{shop}', shop);
}

/** The shop's storefront address of a product (its handle), on the shop's own domain. */
export function productUrl(shop: string, handle: string): string {
  return `https://${shop}/products/${encodeURIComponent(handle)}`;
}

/**
 * The message Shopify signs in an OAuth redirect: every query parameter but `hmac` (and the legacy `signature`),
 * sorted by name, as `name=value` joined with `&` (URL-encoded as a query string, as Shopify's own libraries do).
 */
export function hmacMessage(query: URLSearchParams): string {
  const entries = [...query.entries()].filter(([name]) => name !== 'hmac' && name !== 'signature');
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(entries).toString();
}

export function signQuery(query: URLSearchParams, secret: string): string {
  return createHmac('sha256', secret).update(hmacMessage(query)).digest('hex');
}

/** Whether the redirect's `hmac` is the app secret's HMAC-SHA256 of the rest of the query (compared in constant time). */
export function hasValidHmac(query: URLSearchParams, secret: string): boolean {
  const given = query.get('hmac') ?? '';
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  return timingSafeEqual(Buffer.from(given.toLowerCase(), 'hex'), Buffer.from(signQuery(query, secret), 'hex'));
}

/** Shopify's cost report of a GraphQL call (`extensions.cost`). */
export interface QueryCost {
  requestedQueryCost?: number;
  throttleStatus?: { maximumAvailable?: number; currentlyAvailable?: number; restoreRate?: number };
}

/** Seconds until the bucket holds the points the throttled query asked for: (requested - available) / restore rate, at least 1. */
export function throttleWaitSeconds(cost: QueryCost | undefined): number {
  const requested = cost?.requestedQueryCost;
  const available = cost?.throttleStatus?.currentlyAvailable;
  const restoreRate = cost?.throttleStatus?.restoreRate;
  if (requested === undefined || available === undefined || !restoreRate || restoreRate <= 0) return 1;
  return Math.max(1, Math.ceil((requested - available) / restoreRate));
}

/** How our grades read on a Shopify product (tags and description): the short Goldmine labels. */
const GRADE_LABELS: Record<ContainerCondition, string> = {
  mint: 'M',
  nm: 'NM',
  vg_plus: 'VG+',
  vg: 'VG',
  good_plus: 'G+',
  good: 'G',
  fair: 'F',
  poor: 'P',
  generic: 'Generic',
  not_graded: 'Not Graded',
  no_cover: 'No Cover',
};
const MEDIA_TAG = 'Media: ';
const SLEEVE_TAG = 'Sleeve: ';

/** A price as Shopify's Money scalar takes it: a decimal string with two places. */
export function moneyString(priceUsd: string): string {
  const match = /^(\d+)(?:\.(\d{1,2})0*)?$/.exec(priceUsd.trim());
  if (!match) throw new Error(`Not a price: ${priceUsd}`);
  return `${match[1]}.${(match[2] ?? '').padEnd(2, '0')}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The description as HTML paragraphs, then the record's facts (condition first: buyers of used records look for it). */
export function descriptionHtml(draft: ListingDraft): string {
  const paragraphs = draft.description
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`);
  const facts: Array<[string, string | null]> = [
    ['Media condition', draft.conditionItem ? GRADE_LABELS[draft.conditionItem] : null],
    ['Sleeve condition', draft.conditionContainer ? GRADE_LABELS[draft.conditionContainer] : null],
    ['Format', draft.format],
    ['Artist', draft.artist],
    ['Label', draft.label],
    ['Catalog number', draft.catalogNumber],
    ['Released', draft.releaseYear],
  ];
  const items = facts.filter(([, value]) => value).map(([name, value]) => `<li>${name}: ${escapeHtml(value!)}</li>`);
  return [...paragraphs, ...(items.length > 0 ? [`<ul>${items.join('')}</ul>`] : [])].join('');
}

/** Tags buyers filter a shop by: the format, the artist, the grades (`Media: NM`, `Sleeve: VG+`). */
export function productTags(draft: ListingDraft): string[] {
  const tags = [
    draft.format,
    draft.artist,
    draft.conditionItem ? `${MEDIA_TAG}${GRADE_LABELS[draft.conditionItem]}` : null,
    draft.conditionContainer ? `${SLEEVE_TAG}${GRADE_LABELS[draft.conditionContainer]}` : null,
  ];
  return [...new Set(tags.filter((tag): tag is string => Boolean(tag?.trim())).map((tag) => tag.trim()))];
}

/** Our media grade back from a product's tags (`Media: NM`), or null. */
export function conditionFromTags(tags: readonly string[]): ConditionCode | null {
  const tag = tags.find((candidate) => candidate.startsWith(MEDIA_TAG));
  if (!tag) return null;
  const label = tag.slice(MEDIA_TAG.length).trim();
  const found = Object.entries(GRADE_LABELS).find(
    ([code, name]) => name === label && !['generic', 'not_graded', 'no_cover'].includes(code),
  );
  return found ? (found[0] as ConditionCode) : null;
}

/** A staged upload's `resourceUrl`, ready to be a product file. */
export interface StagedPicture {
  resourceUrl: string;
  alt: string;
}

/**
 * The `productSet` input for a draft: one variant (the item: SKU = its uid, the price, the barcode, its inventory),
 * the product's only option the default "Title", the pictures as files from their staged uploads. The vendor is the artist, else the label; the product type the format, else the seller's
 * Shopify product type setting, else ours.
 */
export function productSetInput(draft: ListingDraft, pictures: StagedPicture[], status: 'DRAFT' | 'ACTIVE'): Record<string, unknown> {
  const settingType = typeof draft.settings.product_type === 'string' ? draft.settings.product_type : null;
  const vendor = draft.artist ?? draft.label;
  return {
    title: draft.title,
    descriptionHtml: descriptionHtml(draft),
    ...(vendor ? { vendor } : {}),
    productType: draft.format ?? settingType ?? draft.productType,
    status,
    tags: productTags(draft),
    productOptions: [{ name: 'Title', position: 1, values: [{ name: 'Default Title' }] }],
    variants: [
      {
        optionValues: [{ optionName: 'Title', name: 'Default Title' }],
        price: moneyString(draft.priceUsd),
        sku: draft.itemUid,
        ...(draft.barcode ? { barcode: draft.barcode } : {}),
        ...inventory(draft),
      },
    ],
    files: pictures.map((picture) => ({ originalSource: picture.resourceUrl, contentType: 'IMAGE', alt: picture.alt })),
  };
}

/**
 * A quantity needs the location it is stocked at (`ProductSetInventoryInput.locationId`), which only the seller's
 * `location_id` setting gives (reading the shop's locations takes the `read_locations` scope this app does not ask
 * for). With one, the quantity is tracked there and never oversold; without one the variant is not tracked, so the
 * live product can be bought at all (a tracked variant without stock cannot), and a sale ends it through the order sync.
 */
function inventory(draft: ListingDraft): Record<string, unknown> {
  const requiresShipping = draft.productType !== 'digital';
  const locationId = typeof draft.settings.location_id === 'string' ? draft.settings.location_id : null;
  if (!locationId) return { inventoryItem: { tracked: false, requiresShipping } };
  return {
    inventoryPolicy: 'DENY',
    inventoryItem: { tracked: true, requiresShipping },
    inventoryQuantities: [{ locationId, name: 'available', quantity: draft.quantity }],
  };
}

/** A product as `products` and `productSet` return it (the fields this adapter selects). */
export interface ShopifyProduct {
  id: string;
  title: string;
  handle: string;
  status: 'ACTIVE' | 'DRAFT' | 'ARCHIVED' | 'UNLISTED';
  tags: string[];
  totalInventory: number | null;
  variants: { nodes: Array<{ id: string; sku: string | null; price: string }> };
}

const LISTING_STATES: Record<ShopifyProduct['status'], RemoteListing['state']> = {
  ACTIVE: 'listed',
  UNLISTED: 'listed',
  DRAFT: 'draft',
  ARCHIVED: 'ended',
};

export function remoteListing(product: ShopifyProduct, shop: string): RemoteListing {
  const variant = product.variants.nodes[0];
  return {
    listingId: product.id,
    externalId: variant?.sku || null,
    title: product.title,
    priceUsd: variant ? moneyString(variant.price) : '0.00',
    listingUrl: productUrl(shop, product.handle),
    state: LISTING_STATES[product.status] ?? 'ended',
    quantity: product.totalInventory ?? 0,
    conditionItem: conditionFromTags(product.tags),
    details: { variant_id: variant?.id ?? null, handle: product.handle },
  };
}

/** Tracking companies as Shopify names them (its list of supported carriers); another carrier is `Other`. */
const CARRIER_COMPANIES: Record<string, string> = {
  usps: 'USPS',
  ups: 'UPS',
  fedex: 'FedEx',
  dhl: 'DHL Express',
  royal_mail: 'Royal Mail',
  canada_post: 'Canada Post',
  australia_post: 'Australia Post',
  dpd: 'DPD',
};

export function carrierCompany(carrier: string): string {
  return CARRIER_COMPANIES[carrier.toLowerCase()] ?? 'Other';
}

/** An order as the `orders` query returns it (the fields this adapter selects). */
export interface ShopifyOrder {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  email: string | null;
  customer: { displayName: string } | null;
  totalPriceSet: { shopMoney: { amount: string; currencyCode: string } };
  totalShippingPriceSet: { shopMoney: { amount: string } } | null;
  shippingAddress?: ShopifyMailingAddress | null;
  lineItems: {
    nodes: Array<{
      title: string;
      quantity: number;
      sku: string | null;
      product: { id: string } | null;
      originalUnitPriceSet: { shopMoney: { amount: string } };
    }>;
    pageInfo?: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** Our order status: cancelled, shipped (fulfilled), else the payment state (`paid`, `pending`, `refunded`...). */
export function orderStatus(order: Pick<ShopifyOrder, 'cancelledAt' | 'displayFinancialStatus' | 'displayFulfillmentStatus'>): string {
  if (order.cancelledAt) return 'cancelled';
  if (order.displayFulfillmentStatus === 'FULFILLED') return 'shipped';
  return (order.displayFinancialStatus ?? 'pending').toLowerCase();
}

/** An order's `shippingAddress` (MailingAddress), the fields this adapter selects. */
export interface ShopifyMailingAddress {
  name: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  provinceCode: string | null;
  zip: string | null;
  countryCodeV2: string | null;
  phone: string | null;
}

/**
 * Where a Shopify order stands: cancelled (`cancelledAt`), refunded or voided is `cancelled`; FULFILLED is `shipped`;
 * paid (wholly, partly, or partly refunded) is `paid`; pending, authorized and the rest are `unpaid`.
 */
export function shopifyOrderState(
  order: Pick<ShopifyOrder, 'cancelledAt' | 'displayFinancialStatus' | 'displayFulfillmentStatus'>,
): RemoteOrderState {
  const financial = order.displayFinancialStatus ?? 'PENDING';
  if (order.cancelledAt || financial === 'REFUNDED' || financial === 'VOIDED') return 'cancelled';
  if (order.displayFulfillmentStatus === 'FULFILLED') return 'shipped';
  if (financial === 'PAID' || financial === 'PARTIALLY_PAID' || financial === 'PARTIALLY_REFUNDED') return 'paid';
  return 'unpaid';
}

/** The order's shipping address as ours, its lines joined as the raw address; null when the order ships nowhere. */
export function shopifyShippingAddress(address: ShopifyMailingAddress | null | undefined, email: string | null): RemoteAddress | null {
  if (!address) return null;
  const cityLine = [address.city, [address.provinceCode, address.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return {
    name: address.name,
    email,
    phone: address.phone,
    street1: address.address1,
    street2: address.address2,
    city: address.city,
    stateProvince: address.provinceCode,
    postalCode: address.zip,
    country: address.countryCodeV2?.toUpperCase() ?? null,
    raw: [address.name, address.address1, address.address2, cityLine, address.countryCodeV2].filter(Boolean).join('\n'),
    parsed: { ...address },
  };
}

/** Amounts are the shop's currency (`details.currency`); a USD shop's are USD. Shopify's fees are not on the order. */
export function remoteOrder(order: ShopifyOrder): RemoteOrder {
  return {
    orderId: order.id,
    createdAt: new Date(order.createdAt),
    status: orderStatus(order),
    state: shopifyOrderState(order),
    buyerName: order.customer?.displayName ?? null,
    buyerEmail: order.email,
    totalUsd: moneyString(order.totalPriceSet.shopMoney.amount),
    shippingUsd: order.totalShippingPriceSet ? moneyString(order.totalShippingPriceSet.shopMoney.amount) : null,
    feesUsd: null,
    platformFeeUsd: null,
    shippingAddress: shopifyShippingAddress(order.shippingAddress, order.email),
    lines: order.lineItems.nodes.map((line) => ({
      listingId: line.product?.id ?? null,
      externalId: line.sku || null,
      sku: line.sku || null,
      title: line.title,
      quantity: line.quantity,
      priceUsd: moneyString(line.originalUnitPriceSet.shopMoney.amount),
    })),
    details: {
      name: order.name,
      currency: order.totalPriceSet.shopMoney.currencyCode,
      financial_status: order.displayFinancialStatus,
      fulfillment_status: order.displayFulfillmentStatus,
      updated_at: order.updatedAt,
    },
  };
}

/** A product as the import's products query returns it. */
export interface ShopifyProductForImport extends ShopifyProduct {
  vendor?: string | null;
  productType?: string | null;
  descriptionHtml?: string | null;
  variants: { nodes: Array<{ id: string; sku: string | null; price: string; barcode?: string | null }> };
  media?: { nodes: Array<{ image?: { url?: string | null } | null }> };
}

/** The `Name: value` facts of a description we wrote (`<li>Catalog number: CL 1355</li>`), by lowercased name. */
function descriptionFacts(text: string): Map<string, string> {
  const facts = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z ]{2,30}):\s*(.+?)\s*$/.exec(line);
    if (match && !facts.has(match[1].trim().toLowerCase())) facts.set(match[1].trim().toLowerCase(), match[2]);
  }
  return facts;
}

/**
 * What an import makes of a Shopify product: the description as text and the facts it states (`Media condition`,
 * `Sleeve condition`, `Format`, `Artist`, `Label`, `Catalog number`, `Released`, as our listings write them), the
 * grades from the `Media:`/`Sleeve:` tags or that free text, the vendor as artist, the product type as format, the
 * first variant's SKU, price and barcode, and the product's images.
 */
export function shopifyProductForImport(product: ShopifyProductForImport, shop: string, currency: string): ListingForImport {
  const base = remoteListing(product, shop);
  const text = product.descriptionHtml ? plainText(product.descriptionHtml) : '';
  const facts = descriptionFacts(text);
  const fromText = gradesFromText(text, product.title);
  const sleeveTag = product.tags.find((tag) => tag.startsWith(SLEEVE_TAG))?.slice(SLEEVE_TAG.length);
  const sleeveFromTag = sleeveTag ? gradesFromText(`Sleeve: ${sleeveTag}`).sleeve : null;
  const year = /^(\d{4})/.exec(facts.get('released') ?? '')?.[1] ?? null;
  const variant = product.variants.nodes[0];
  return {
    ...base,
    quantity: Math.max(1, product.totalInventory ?? 1),
    conditionItem: base.conditionItem ?? fromText.media,
    conditionContainer: sleeveFromTag ?? fromText.sleeve,
    description: text || null,
    artist: facts.get('artist') ?? (product.vendor?.trim() || null),
    label: facts.get('label') ?? null,
    catalogNumber: facts.get('catalog number') ?? null,
    releaseYear: year,
    format: facts.get('format') ?? (product.productType?.trim() || null) ?? formatFromText(product.title, ...product.tags),
    barcode: variant?.barcode?.trim() || null,
    currency,
    pictureUrls: (product.media?.nodes ?? [])
      .map((node) => node.image?.url)
      .filter((url): url is string => typeof url === 'string' && url !== ''),
  };
}
