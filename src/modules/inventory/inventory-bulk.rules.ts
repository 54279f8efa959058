import { Decimal } from 'decimal.js';
import { MANUAL_STATUSES, type InventoryStatus } from './inventory.rules.js';

/** Most items one bulk request takes (seed 000: 1–100 uids); a plan may allow fewer. */
export const MAX_BULK_ITEMS = 100;

/** The statuses a bulk status change sets: the ones a seller sets by hand. */
export const BULK_STATUSES: InventoryStatus[] = MANUAL_STATUSES;

/** The statuses a restored item can come back with (seed 000: draft, purchased, received, ready-to-sell). */
export const RESTORE_STATUSES: InventoryStatus[] = ['draft', 'purchased', 'received', 'ready-to-sell'];

/** The fields a bulk field update may change (seed 000), by their wire names. */
export const BULK_FIELDS = ['condition_item', 'condition_container', 'notes', 'location', 'price_total_usd', 'price_shipping_usd'] as const;

/** How a bulk price update computes each item's new price from `value`. */
export const BULK_PRICE_MODES = {
  set: 'The new price is `value`, whatever the item had (an item without a price gets one).',
  increase: 'The new price is the current price plus `value`.',
  decrease: 'The new price is the current price minus `value`.',
  percentage: 'The new price is the current price × (1 + `value`/100): `10` raises it by 10 %, `-10` lowers it by 10 %.',
} as const;
export type BulkPriceMode = keyof typeof BULK_PRICE_MODES;
export const BULK_PRICE_MODE_CODES = Object.keys(BULK_PRICE_MODES) as BulkPriceMode[];

/** Enough significant digits that no step of a percentage of the largest prices is rounded before the cents. */
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const MIN_PRICE = new Money('0.01');
/** The largest amount a numeric(12,2) price column holds. */
const MAX_PRICE = new Money('9999999999.99');

export const BulkPriceMsg = {
  noPrice: 'This item has no price to change: set one first (mode "set").',
  belowMinimum: (price: string) => `The new price would be ${price}; a price must be at least 0.01.`,
  aboveMaximum: `The new price would be more than ${MAX_PRICE.toFixed(2)}.`,
};

/**
 * The new listing price of an item, in decimal arithmetic, rounded half-up to cents, or why the item keeps its price:
 * a relative mode on an item without a price, or a result below 0.01 (or above what the column holds).
 * `current` and `value` are decimal strings as the database and the validated request give them.
 */
export function bulkPrice(current: string | null, mode: BulkPriceMode, value: string): { price: string } | { problem: string } {
  const amount = new Money(value.trim());
  if (mode !== 'set' && current === null) return { problem: BulkPriceMsg.noPrice };
  const old = new Money(current ?? 0);
  const exact = {
    set: () => amount,
    increase: () => old.plus(amount),
    decrease: () => old.minus(amount),
    percentage: () => old.times(amount.plus(100)).dividedBy(100),
  }[mode]();
  const price = exact.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  if (price.lessThan(MIN_PRICE)) return { problem: BulkPriceMsg.belowMinimum(price.toFixed(2)) };
  if (price.greaterThan(MAX_PRICE)) return { problem: BulkPriceMsg.aboveMaximum };
  return { price: price.toFixed(2) };
}

/** How many items one bulk request of the organization may take: its plan's limit, never more than 100 (100 without a plan). */
export function bulkItemLimit(planLimit: number | null | undefined): number {
  return Math.min(MAX_BULK_ITEMS, planLimit ?? MAX_BULK_ITEMS);
}

/** Why a request for `count` distinct items exceeds the plan's `limit`, or null when it fits. */
export function bulkLimitProblem(limit: number, count: number): string | null {
  if (count <= limit) return null;
  return `Your plan allows at most ${limit} items per bulk request; this one has ${count}.`;
}

/** The uids once each, in the order first sent: a uid sent twice is one item, changed (and counted) once. */
export function distinctUids(uids: string[]): string[] {
  return [...new Set(uids)];
}
