import { addDays, lastDays } from '../../common/time/local-days.js';

/** The days the order figures may cover (`days`), and the default. */
export const ANALYTICS_DAYS = { min: 1, max: 365, default: 30 } as const;

/** How many categories the top categories may list (`limit`), and the default. */
export const TOP_CATEGORIES_LIMIT = { min: 1, max: 50, default: 10 } as const;

/** A range of local days, both included. */
export interface LocalDays {
  start: string;
  end: string;
}

/**
 * The last `days` local days, today included, and the previous period: the `days` days just before them (for 30 days
 * ending 2025-03-31, 2025-03-02 to 2025-03-31 and 2025-01-31 to 2025-03-01).
 */
export function comparedRanges(days: number, now: Date, timeZone: string): { current: LocalDays; previous: LocalDays } {
  const current = lastDays(days, now, timeZone);
  return { current, previous: { start: addDays(current.start, -days), end: addDays(current.start, -1) } };
}
