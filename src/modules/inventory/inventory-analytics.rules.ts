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
