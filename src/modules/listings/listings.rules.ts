import type { SaleKind } from '../platforms/index.js';

/** Listing statuses, in lifecycle order, with their labels. */
export const LISTING_STATUSES = {
  draft: 'Draft',
  pending: 'Pending',
  in_progress: 'In Progress',
  listed: 'Listed',
  listing_failed: 'Listing Failed',
  delisting: 'Delisting',
  delisted: 'Delisted',
  delisting_failed: 'Delisting Failed',
  sold: 'Sold',
} as const;
export type ListingStatus = keyof typeof LISTING_STATUSES;
export const LISTING_STATUS_CODES = Object.keys(LISTING_STATUSES) as ListingStatus[];

/**
 * Listings that are live on the marketplace or on their way there or off it: they keep an item from being
 * deleted, and make a new listing on the same platform pointless (`already_listed`).
 */
export const ACTIVE_LISTING_STATUSES: readonly ListingStatus[] = ['pending', 'in_progress', 'listed', 'delisting', 'delisting_failed'];

/** Statuses in which the listing engine is working on the listing: no action can start until it is done. */
const BUSY_STATUSES: readonly ListingStatus[] = ['pending', 'in_progress', 'delisting'];

export function listingStatusDisplay(status: string): string {
  return LISTING_STATUSES[status as ListingStatus] ?? status;
}

export function isActiveListingStatus(status: string): boolean {
  return ACTIVE_LISTING_STATUSES.includes(status as ListingStatus);
}

/**
 * Why an item cannot be listed on a platform: the one definition (the listing engine refuses with the same codes),
 * each with its readable reason. The order is the precedence: when several hold, the first one is reported. It goes
 * from what no action of the seller removes (the item is gone, the platform does not take its kind) to what the
 * seller can fix (subscribe, connect, set a price), so that fixing the reported one never uncovers a blocker that
 * could not have been fixed anyway.
 */
export const BLOCKING_CODES = {
  item_sold: 'The item has been sold.',
  item_cancelled: 'The item has been cancelled.',
  physical_not_supported: 'This platform does not sell physical goods.',
  digital_not_supported: 'This platform does not sell digital products.',
  platform_inactive: 'Selling on this platform is not possible at the moment.',
  already_listed: 'The item already has a live listing on this platform.',
  subscription_inactive: 'An active subscription is required to list items.',
  not_connected: 'Connect your account on this platform before listing.',
  price_not_set: 'Set a price before listing.',
} as const;
export type BlockingCode = keyof typeof BLOCKING_CODES;
export const BLOCKING_CODE_VALUES = Object.keys(BLOCKING_CODES) as BlockingCode[];

/** Whether a decimal string (numeric(12,2) as PostgreSQL writes it) is a price one can list at: set and above zero. */
export function isPriceSet(amount: string | null | undefined): boolean {
  if (amount === null || amount === undefined) return false;
  const value = amount.trim();
  return !value.startsWith('-') && /[1-9]/.test(value);
}

/** The item facts that decide what can be done with its listings. */
export interface ListingItemFacts {
  status: string;
  priceTotalUsd: string | null;
  listingCurrentPrice: string | null;
}

/**
 * The price a listing goes out at: its own listing price, else the item's total price, else its current
 * marketplace price; null when none is set (the engine then fails the listing with `price_not_set`).
 */
export function listingPrice(listingPriceUsd: string | null, item: Pick<ListingItemFacts, 'priceTotalUsd' | 'listingCurrentPrice'>) {
  return [listingPriceUsd, item.priceTotalUsd, item.listingCurrentPrice].find(isPriceSet) ?? null;
}

export const LISTING_ACTIONS = ['can_list', 'can_delist', 'can_update_price', 'can_retry_listing', 'can_retry_delisting'] as const;
export type ListingAction = (typeof LISTING_ACTIONS)[number];

export interface ListingActions {
  permissions: Record<ListingAction, boolean>;
  /** A readable reason per disabled action that the listing's status offers (see `listingActions`). */
  action_reasons: Partial<Record<ListingAction, string>>;
}

/** Which actions each status offers: list what is not live, delist what is, retry what failed; a price can always change. */
const OFFERED: Record<ListingAction, (status: string) => boolean> = {
  can_list: (status) => status === 'draft' || status === 'delisted',
  can_delist: (status) => status === 'listed',
  can_update_price: () => true,
  can_retry_listing: (status) => status === 'listing_failed',
  can_retry_delisting: (status) => status === 'delisting_failed',
};

/** Actions that put (or keep) the item up for sale: a sold or cancelled item takes none. */
const SELLING_ACTIONS: readonly ListingAction[] = ['can_list', 'can_update_price', 'can_retry_listing'];
/** Actions that send the listing out at its price. */
const PRICED_ACTIONS: readonly ListingAction[] = ['can_list', 'can_retry_listing'];

/**
 * What a user can do with one listing now, and why not.
 *
 * An action is allowed when the listing's status offers it (`OFFERED`) and nothing blocks it. The first blocker
 * that holds gives the reason, in this order: the listing itself sold (nothing is left to do); the engine is busy
 * with it (pending, in progress, delisting); the item is sold or cancelled (nothing that sells it: list, retry
 * listing, change the price; delisting stays possible, so that a sale's other live listings can still be taken
 * down); no price is set (list, retry listing).
 *
 * `action_reasons` explains only the actions the status offers but a blocker disables: an action the status does
 * not offer (listing what is already listed, retrying what did not fail) is self-evident, which is why the seed's
 * listed listing shows `action_reasons: {}` with can_list and both retries false.
 */
export function listingActions(
  listing: { status: string; listingPriceUsd: string | null; isSold: boolean },
  item: ListingItemFacts,
): ListingActions {
  const priced = listingPrice(listing.listingPriceUsd, item) !== null;
  const blocker = (action: ListingAction): string | null => {
    if (listing.isSold || listing.status === 'sold') return 'This listing has sold.';
    if (BUSY_STATUSES.includes(listing.status as ListingStatus)) return 'Wait until the current listing action finishes.';
    if (SELLING_ACTIONS.includes(action) && item.status === 'sold') return BLOCKING_CODES.item_sold;
    if (SELLING_ACTIONS.includes(action) && item.status === 'cancelled') return BLOCKING_CODES.item_cancelled;
    if (PRICED_ACTIONS.includes(action) && !priced) return BLOCKING_CODES.price_not_set;
    return null;
  };
  const result: ListingActions = {
    permissions: { can_list: false, can_delist: false, can_update_price: false, can_retry_listing: false, can_retry_delisting: false },
    action_reasons: {},
  };
  for (const action of LISTING_ACTIONS) {
    if (!OFFERED[action](listing.status)) continue;
    const reason = blocker(action);
    if (reason === null) result.permissions[action] = true;
    else result.action_reasons[action] = reason;
  }
  return result;
}

/** What the listability of an item on one platform depends on of that platform. */
export interface ListabilityPlatformFacts {
  /** Whether the platform takes products of the item's kind at all. */
  acceptsKind: boolean;
  /** Whether selling there is possible now. */
  isSellingActive: boolean;
  /** OAuth platforms need a live marketplace connection; extension platforms (the browser extension lists) need none. */
  connectionType: 'oauth' | 'extension';
}

export interface ListabilityItemFacts extends ListingItemFacts {
  productType: SaleKind;
}

/** The organization's side of one platform. */
export interface ListabilityContext {
  subscriptionActive: boolean;
  /** Whether the organization has a live marketplace connection to this platform (ignored for extension platforms). */
  connected: boolean;
  /** The item's listing on this platform, if any (at most one per item and platform). */
  listing: { status: string; listingPriceUsd: string | null } | null;
}

export interface Listability {
  can_be_listed: boolean;
  blocking_code: BlockingCode | null;
  blocking_reason: string | null;
}

/** Whether the item can be listed on the platform now; else the first blocking code by the precedence of BLOCKING_CODES. */
export function platformListability(
  platform: ListabilityPlatformFacts,
  item: ListabilityItemFacts,
  context: ListabilityContext,
): Listability {
  const holds: Record<BlockingCode, () => boolean> = {
    item_sold: () => item.status === 'sold',
    item_cancelled: () => item.status === 'cancelled',
    physical_not_supported: () => item.productType === 'physical' && !platform.acceptsKind,
    digital_not_supported: () => item.productType === 'digital' && !platform.acceptsKind,
    platform_inactive: () => !platform.isSellingActive,
    already_listed: () => context.listing !== null && isActiveListingStatus(context.listing.status),
    subscription_inactive: () => !context.subscriptionActive,
    not_connected: () => platform.connectionType === 'oauth' && !context.connected,
    price_not_set: () => listingPrice(context.listing?.listingPriceUsd ?? null, item) === null,
  };
  const code = BLOCKING_CODE_VALUES.find((candidate) => holds[candidate]()) ?? null;
  return { can_be_listed: code === null, blocking_code: code, blocking_reason: code === null ? null : BLOCKING_CODES[code] };
}

/** Why a listing action failed, as `last_error_code.slug` names it. */
export type ListingFailure = 'price_not_set' | 'marketplace_rejected' | 'connection_expired' | 'marketplace_unavailable';

/** The message and description a failure shows; `platformMessage` is what the platform said, when it said something. */
export function listingFailure(
  slug: ListingFailure,
  platformName: string,
  platformMessage: string | null = null,
): { slug: ListingFailure; message: string; description: string } {
  switch (slug) {
    case 'price_not_set':
      return { slug, message: 'Price not set', description: BLOCKING_CODES.price_not_set };
    case 'marketplace_rejected':
      return {
        slug,
        message: platformMessage ?? `${platformName} refused the listing.`,
        description: `${platformName} refused the request; correct what it names, then retry.`,
      };
    case 'connection_expired':
      return {
        slug,
        message: `${platformName} no longer accepts the connection.`,
        description: `Reconnect your ${platformName} account, then retry.`,
      };
    case 'marketplace_unavailable':
      return {
        slug,
        message: platformMessage ?? `${platformName} could not be reached.`,
        description: `${platformName} did not answer after several tries; retry later.`,
      };
  }
}

/** The listing statuses a listing action may start from, and the status while the engine works on it. */
export const ACTION_STATUSES = {
  list: { working: 'in_progress', done: 'listed', failed: 'listing_failed' },
  delist: { working: 'delisting', done: 'delisted', failed: 'delisting_failed' },
} as const satisfies Record<string, { working: ListingStatus; done: ListingStatus; failed: ListingStatus }>;

/** Statuses a delisting can start from: live (or a draft the platform holds), or a failed delisting again. */
export function canDelist(listing: { status: string; listingId: string | null }): boolean {
  return listing.status === 'listed' || listing.status === 'delisting_failed' || (listing.status === 'draft' && listing.listingId !== null);
}
