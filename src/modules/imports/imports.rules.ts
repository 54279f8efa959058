import type { ListingForImport } from '../marketplace/index.js';

/** The platforms whose listings can be imported (seed 004: eBay, Discogs, Etsy and Shopify). */
export const IMPORT_MARKETPLACES = ['discogs', 'ebay', 'shopify', 'etsy'] as const;
export type ImportMarketplace = (typeof IMPORT_MARKETPLACES)[number];

export const IMPORT_JOB_STATUSES = ['pending', 'in_progress', 'completed', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

export const IMPORT_ITEM_STATUSES = ['pending', 'imported', 'failed', 'conflict', 'skipped'] as const;
export type ImportItemStatus = (typeof IMPORT_ITEM_STATUSES)[number];
/** What a run can work on: every status but `imported` (an imported listing is never imported again). */
export const RUNNABLE_ITEM_STATUSES = ['pending', 'failed', 'conflict', 'skipped'] as const satisfies readonly ImportItemStatus[];
export const ISSUE_STATUSES = ['failed', 'conflict'] as const satisfies readonly ImportItemStatus[];

export const CONFLICT_TYPES = ['duplicate_sku', 'duplicate_listing'] as const;
export type ConflictType = (typeof CONFLICT_TYPES)[number];

/** How an item's listing was (or will be) taken in: still to decide, a new item, attached to an existing one, or not at all. */
export const IMPORT_RESOLUTIONS = ['pending', 'create', 'link', 'skip'] as const;
export type ImportResolution = (typeof IMPORT_RESOLUTIONS)[number];
export const RESOLVE_CHOICES = ['link', 'create', 'skip'] as const;
export type ResolveChoice = (typeof RESOLVE_CHOICES)[number];

/** `preview`: the run reads and evaluates the listings; `import`: it also creates the items. */
export type ImportPhase = 'preview' | 'import';

/** A listing offering more copies than this becomes this many items (and says so). */
export const MAX_ITEMS_PER_LISTING = 25;
/** Pictures taken per listing (the listing engine sends at most as many). */
export const MAX_PICTURES_PER_LISTING = 12;
/** The largest price a price column holds (numeric(12,2)). */
const MAX_PRICE = 9_999_999_999.99;
const TITLE_MAX = 500;

export interface ItemCounts {
  pending: number;
  imported: number;
  failed: number;
  conflict: number;
  skipped: number;
}

export function totalOf(counts: ItemCounts): number {
  return counts.pending + counts.imported + counts.failed + counts.conflict + counts.skipped;
}

/** Listings processed out of those found (imported, skipped, failed or in conflict), 0.0 to 100.0 with one decimal. */
export function progressPercentage(counts: ItemCounts): number {
  const total = totalOf(counts);
  if (total === 0) return 0;
  return Math.floor(((total - counts.pending) / total) * 1000) / 10;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** `3 failed, 2 conflicts`; `3 items failed` when only failures; `2 conflicts`; `No issues`. */
export function issueSummary(counts: Pick<ItemCounts, 'failed' | 'conflict'>): string {
  const { failed, conflict } = counts;
  if (failed === 0 && conflict === 0) return 'No issues';
  if (conflict === 0) return `${plural(failed, 'item', 'items')} failed`;
  const conflicts = plural(conflict, 'conflict', 'conflicts');
  return failed === 0 ? conflicts : `${failed} failed, ${conflicts}`;
}

/** Why a listing cannot become an item, as an import item's `error_code` and `error_message`. */
export interface MappingProblem {
  code: 'missing_title' | 'invalid_price' | 'unsupported_currency' | 'not_active';
  message: string;
}

/** What keeps a listing from being imported as it is, or null when it maps to an item. */
export function mappingProblem(listing: Pick<ListingForImport, 'title' | 'priceUsd' | 'currency' | 'state'>): MappingProblem | null {
  if (!listing.title?.trim()) return { code: 'missing_title', message: 'The listing has no title to name the item by.' };
  if (listing.currency && listing.currency.toUpperCase() !== 'USD') {
    return {
      code: 'unsupported_currency',
      message: `The listing is priced in ${listing.currency}; prices are kept in US dollars: reprice it in USD on the platform, then retry.`,
    };
  }
  const price = Number(listing.priceUsd);
  if (!/^\d+(\.\d{1,2})?$/.test(listing.priceUsd ?? '') || !(price > 0) || price > MAX_PRICE) {
    return {
      code: 'invalid_price',
      message: `The listing's price "${listing.priceUsd}" is not a positive amount of at most ${MAX_PRICE}.`,
    };
  }
  if (listing.state !== 'listed') return { code: 'not_active', message: `The listing is ${listing.state}, not live.` };
  return null;
}

/** What the organization already has that a listing runs into. */
export interface ExistingMatches {
  /** The item already linked to this listing on the platform. */
  linkedItemUid: string | null;
  /** The listing's SKU is one of our item uids (we listed it): that item. */
  ownItemUid: string | null;
  /** The item whose manual SKU is the listing's SKU. */
  skuItemUid: string | null;
}

export interface Conflict {
  type: ConflictType;
  details: string;
  itemUid: string;
}

/** The conflict a listing would make: already linked to an item (or listed from one), else its SKU taken by one; null: none. */
export function conflictOf(sku: string | null, matches: ExistingMatches): Conflict | null {
  const linked = matches.linkedItemUid ?? matches.ownItemUid;
  if (linked) return { type: 'duplicate_listing', details: `Listing already linked to existing item ${linked}`, itemUid: linked };
  if (sku && matches.skuItemUid) {
    return { type: 'duplicate_sku', details: `SKU matches existing item ${matches.skuItemUid}`, itemUid: matches.skuItemUid };
  }
  return null;
}

/** How many items a listing of `quantity` copies becomes, and the note when it is capped. */
export function copiesOf(quantity: number): { copies: number; note: string | null } {
  const whole = Number.isFinite(quantity) ? Math.floor(quantity) : 1;
  if (whole <= 1) return { copies: 1, note: null };
  if (whole <= MAX_ITEMS_PER_LISTING) return { copies: whole, note: null };
  return {
    copies: MAX_ITEMS_PER_LISTING,
    note: `The listing offers ${whole} copies; ${MAX_ITEMS_PER_LISTING} items were made (the most one listing makes).`,
  };
}

/** A text cut to a column's length. */
export function clip(text: string, max = TITLE_MAX): string {
  const characters = Array.from(text.trim());
  return characters.length <= max ? text.trim() : characters.slice(0, max).join('');
}

/** What a run does when it starts: its statuses (the asked one, else pending), limit and whether conflicts are skipped. */
export function runOptions(
  phase: ImportPhase,
  input: { status_filter?: ImportItemStatus | null; limit?: number | null; skip_conflicts?: boolean | null },
): { statuses: ImportItemStatus[]; limit: number | null; skipConflicts: boolean } {
  const defaultStatuses: ImportItemStatus[] = phase === 'preview' ? ['pending', 'conflict'] : ['pending'];
  return {
    statuses: input.status_filter ? [input.status_filter] : defaultStatuses,
    limit: input.limit ?? null,
    skipConflicts: phase === 'import' && input.skip_conflicts === true,
  };
}

/** A picture URL is fetched only when it is on one of the platform's picture origins (`https://i.discogs.com`). */
export function isAllowedPictureUrl(raw: string, origins: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return origins.includes(url.origin);
}
