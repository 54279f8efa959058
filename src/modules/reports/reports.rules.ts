import type { FieldErrors } from '../../common/errors/error-response.js';
import { addDays, daysBetween } from '../../common/time/local-days.js';

/** What a report can be answered as (`format`). */
export const REPORT_FORMATS = ['json', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Days a report period covers when only one end (or neither) is given: the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30;
/** Longest report period: ten years of days. */
export const MAX_PERIOD_DAYS = 3660;
/** Rows of the item tables (top items, oldest items). */
export const REPORT_ITEM_ROWS = 10;

export const DATE_FORMAT_MESSAGE = 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.';

/**
 * The local days a report covers, both included: as given, `end_date` defaulting to `today` and `start_date` to 29 days
 * before the end; or the problems, by parameter (a start after the end, a period over MAX_PERIOD_DAYS).
 */
export function reportPeriod(
  given: { start_date?: string; end_date?: string },
  today: string,
): { start: string; end: string } | { errors: FieldErrors } {
  const end = given.end_date ?? (given.start_date && given.start_date > today ? given.start_date : today);
  const start = given.start_date ?? addDays(end, -(DEFAULT_PERIOD_DAYS - 1));
  if (start > end) return { errors: { start_date: [`Must be on or before end_date (${end}).`] } };
  if (daysBetween(start, end) > MAX_PERIOD_DAYS) {
    return { errors: { end_date: [`The period may cover at most ${MAX_PERIOD_DAYS} days.`] } };
  }
  return { start, end };
}

/** The attachment name of a report: `inventory-aging-2025-03-01.pdf`, `inventory-summary-2025-01-01-to-2025-03-01.pdf`. */
export function reportFileName(report: string, dates: { start: string; end: string } | { asOf: string }): string {
  const when = 'asOf' in dates ? dates.asOf : `${dates.start}-to-${dates.end}`;
  return `${report}-${when}.pdf`;
}

/** A money amount as a report prints it: `$1,234.50`, `-$12.00`. */
export function printedMoney(amount: string): string {
  const negative = amount.trim().startsWith('-');
  const [whole, fraction = '00'] = amount.trim().replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}
