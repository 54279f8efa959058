/** The platforms an item type may carry a category for (slugs of the `platforms` table). */
export const CATEGORY_PLATFORMS = ['ebay', 'discogs', 'etsy', 'shopify'] as const;
export type CategoryPlatform = (typeof CATEGORY_PLATFORMS)[number];

/** A platform's category: eBay leaf category id, Discogs format name, Etsy seller taxonomy id, Shopify product type. */
export interface PlatformCategory {
  /** Always a string, whatever the platform's own type (eBay and Etsy ids are numbers written as text). */
  id: string;
  name: string;
}

/** Per platform slug, the category an item type lists under there; a platform without one has no key. */
export type PlatformCategories = Partial<Record<CategoryPlatform, PlatformCategory>>;

/** Longest search text the type searches take. */
export const ITEM_TYPE_QUERY_MAX_LENGTH = 100;

/**
 * The form search compares: lowercase, accents dropped, and nothing but letters and digits, so that
 * `Blu-ray`, `bluray` and `blu ray` are one word and `8 track` finds `8-Track`.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Whether the search text asks for anything: missing, empty or only spaces and punctuation asks for every type. */
export function isEmptySearch(q: string | undefined): boolean {
  return q === undefined || searchKey(q) === '';
}

/**
 * Whether one of these names (a type's name, slug and aliases, and on a platform its category name) contains
 * the search text, ignoring case, accents, spaces and punctuation. An empty search matches every type.
 */
export function matchesSearch(names: readonly string[], q: string | undefined): boolean {
  if (isEmptySearch(q)) return true;
  const wanted = searchKey(q!);
  return names.some((name) => searchKey(name).includes(wanted));
}
