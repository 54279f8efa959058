import type { Platform } from '../platforms/entities/platform.entity.js';
import { AVAILABLE_STATUSES, type InventoryStatus, UNSOLD_STATUSES } from '../inventory/inventory.rules.js';
import type { ProductMetadata, ProductType } from './entities/product.entity.js';

export const TYPE_DISPLAY: Record<ProductType, string> = {
  physical: 'Physical',
  digital: 'Digital',
  'digital-report': 'Digital Report',
  nft: 'NFT',
};

export interface ItemFacts {
  status: InventoryStatus;
  priceTotalUsd: string | null;
}

export interface PresenceFacts {
  status: string | null;
  isSellingEnabled: boolean;
  listingPriceUsd: string | null;
}

export const PRICE_COMPUTED_DESCRIPTION =
  "System-computed price: the lowest asking price (`price_total_usd`) among the product's unsold items " +
  '(purchased, received, ready to sell or listed); without one, the lowest USD price of its active, selling-enabled ' +
  'marketplace presences; otherwise null. `price_override_usd`, when set, wins for price ordering.';

/** See PRICE_COMPUTED_DESCRIPTION. Prices are decimal strings; they are compared exactly, never as floats. */
export function computedPriceUsd(items: ItemFacts[], presences: PresenceFacts[]): string | null {
  const itemPrices = items.filter((item) => UNSOLD_STATUSES.includes(item.status)).map((item) => item.priceTotalUsd);
  const presencePrices = presences
    .filter((presence) => presence.status === 'active' && presence.isSellingEnabled)
    .map((presence) => presence.listingPriceUsd);
  return lowestDecimal(itemPrices) ?? lowestDecimal(presencePrices);
}

function lowestDecimal(values: Array<string | null>): string | null {
  let lowest: string | null = null;
  for (const value of values) {
    if (value !== null && (lowest === null || compareDecimals(value, lowest) < 0)) lowest = value;
  }
  return lowest;
}

/** Compares non-negative decimal strings with at most two decimals, without floating point. */
export function compareDecimals(a: string, b: string): number {
  const cents = (value: string) => {
    const [whole, fraction = ''] = value.split('.');
    return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  };
  const difference = cents(a) - cents(b);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

export interface InventoryCounts {
  total: number;
  listed: number;
  available: number;
}

export function inventoryCounts(items: ItemFacts[]): InventoryCounts {
  return {
    total: items.length,
    listed: items.filter((item) => item.status === 'listed').length,
    available: items.filter((item) => AVAILABLE_STATUSES.includes(item.status)).length,
  };
}

export const RESOLVED_IDENTIFIER_DESCRIPTION =
  'The best identifier of the release: the UPC barcode, else the catalog number, else the SKU, else the external id ' +
  'from an import (`metadata.external_id`); null when there is none.';

/** See RESOLVED_IDENTIFIER_DESCRIPTION. */
export function resolvedIdentifier(product: {
  upc: string | null;
  catalogNumber: string | null;
  sku: string | null;
  metadata: ProductMetadata | null;
}): { value: string | null; source: 'upc' | 'catalog_number' | 'sku' | 'external_id' | null } {
  const candidates = [
    ['upc', product.upc],
    ['catalog_number', product.catalogNumber],
    ['sku', product.sku],
    ['external_id', product.metadata?.external_id ?? null],
  ] as const;
  for (const [source, value] of candidates) {
    if (value?.trim()) return { value: value.trim(), source };
  }
  return { value: null, source: null };
}

/** The documented priority: uploaded image, then the first inventory asset, then a marketplace presence image. */
export function productImage(uploaded: string | null, firstAsset: string | null, presenceImages: Array<string | null>): string | null {
  return uploaded ?? firstAsset ?? presenceImages.find((image) => !!image) ?? null;
}

/** Platforms selling is active on that take this type: physical goods, or digital ones. */
export function availablePlatforms<T extends Pick<Platform, 'supportsDigital' | 'supportsPhysical' | 'isSellingActive'>>(
  type: ProductType,
  platforms: T[],
): T[] {
  return platforms.filter(
    (platform) => platform.isSellingActive && (type === 'physical' ? platform.supportsPhysical : platform.supportsDigital),
  );
}

export const UPLOADABLE_TO_REDBUBBLE_DESCRIPTION =
  'Redbubble eligibility: a `digital` product with an uploaded image (the artwork Redbubble needs) and no Redbubble presence yet.';

export function isUploadableToRedbubble(type: ProductType, hasImage: boolean, hasRedbubblePresence: boolean): boolean {
  return type === 'digital' && hasImage && !hasRedbubblePresence;
}

/** Tags as stored: trimmed, blanks dropped, duplicates (ignoring case) dropped, first spelling kept. */
export function normalizeTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const tag of tags.map((value) => value.trim())) {
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      result.push(tag);
    }
  }
  return result;
}

/** `YYYY` or a real `YYYY-MM-DD` date. */
export function isValidYear(value: string): boolean {
  if (/^\d{4}$/.test(value)) return Number(value) >= 1;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return (
    date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3])
  );
}

/** The get-or-create key of artist and label names: case and surrounding space do not matter. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
