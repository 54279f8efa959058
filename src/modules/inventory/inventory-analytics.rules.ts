import { AVAILABLE_STATUSES, INVENTORY_STATUS_CODES, type InventoryStatus, statusDisplay } from './inventory.rules.js';

/** Items a seller has in hand and has not sold: received, ready to sell, or listed (`sellable_items`). */
export const SELLABLE_STATUSES: InventoryStatus[] = [...AVAILABLE_STATUSES, 'listed'];

/** The days a trend may cover, and the default (`days`). */
export const TREND_DAYS = { min: 1, max: 365, default: 30 } as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The UTC days (`YYYY-MM-DD`) a trend of `days` days covers, both ends included: from `days - 1` days before today
 * to today, so that the series has exactly `days` buckets and today's activity shows.
 */
export function trendRange(days: number, now: Date): { start: string; end: string } {
  const day = (time: number) => new Date(time).toISOString().slice(0, 10);
  return { start: day(now.getTime() - (days - 1) * DAY_MS), end: day(now.getTime()) };
}

/** `status_breakdown`: every status in workflow order with its label and its count, zero when it has no item. */
export function statusBreakdown(counts: Partial<Record<string, number>>): { status: InventoryStatus; label: string; count: number }[] {
  return INVENTORY_STATUS_CODES.map((status) => ({ status, label: statusDisplay(status), count: counts[status] ?? 0 }));
}

/** Items a seller holds (or has bought) and has not sold: every status but `sold` and `cancelled` (valuation, aging). */
export const STOCK_STATUSES: InventoryStatus[] = INVENTORY_STATUS_CODES.filter((status) => status !== 'sold' && status !== 'cancelled');

/**
 * The lifecycle funnel's stages, in order. An item is `sold` when its status is; `listed` when its status is or one of
 * its listings is live (`listed`) on a platform; `ready_to_sell` when its status is `ready-to-sell`; `draft` while it is
 * `draft`, `purchased` or `received` (being bought, graded or photographed). Cancelled items are outside the funnel.
 */
export const FUNNEL_STAGES = ['draft', 'ready_to_sell', 'listed', 'sold'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** An age bucket of the aging report: items `min_days` to `max_days` days in stock (null: no upper bound). */
export interface AgingBucket {
  bucket: string;
  min_days: number;
  max_days: number | null;
}

/** The aging report's buckets, youngest first; an age in whole local days falls in exactly one. */
export const AGING_BUCKETS: readonly AgingBucket[] = [
  { bucket: '0-30 days', min_days: 0, max_days: 30 },
  { bucket: '31-60 days', min_days: 31, max_days: 60 },
  { bucket: '61-90 days', min_days: 61, max_days: 90 },
  { bucket: '91-180 days', min_days: 91, max_days: 180 },
  { bucket: '181-365 days', min_days: 181, max_days: 365 },
  { bucket: '365+ days', min_days: 366, max_days: null },
];

/** The bucket an age falls in (the SQL of the aging report groups by the same bounds). */
export function agingBucketOf(ageDays: number): AgingBucket {
  return AGING_BUCKETS.find((bucket) => ageDays >= bucket.min_days && (bucket.max_days === null || ageDays <= bucket.max_days))!;
}
