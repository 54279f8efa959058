import type { SaleKind } from '../platforms/index.js';
import type { ProductMetadata, ProductType } from './entities/product.entity.js';

export const TYPE_DISPLAY: Record<ProductType, string> = {
  physical: 'Physical',
  digital: 'Digital',
  'digital-report': 'Digital Report',
  nft: 'NFT',
};

export const PRICE_COMPUTED_DESCRIPTION =
  "System-computed price: the lowest asking price (`price_total_usd`) among the product's unsold items " +
  '(purchased, received, ready to sell or listed); without one, the lowest USD price of its active, selling-enabled ' +
  'marketplace presences; otherwise null. `price_override_usd`, when set, wins for price ordering.';

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

/** What a product sells as: physical goods are physical, every other type is a digital design. */
export function saleKind(type: ProductType): SaleKind {
  return type === 'physical' ? 'physical' : 'digital';
}

export const UPLOADABLE_TO_REDBUBBLE_DESCRIPTION =
  'Redbubble eligibility: a `digital` product with an uploaded image (the artwork Redbubble needs) and no Redbubble presence yet.';

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

/** The get-or-create key of artist and label names: case and surrounding space do not matter. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
