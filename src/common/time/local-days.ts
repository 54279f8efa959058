/**
 * Calendar days as a person in a time zone lives them: "today", "the last 30 days", a month. Analytics and reports
 * bucket by these days, so that a sale at 23:30 in New York counts on that day there and not on the next UTC day.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of the instant `now` in `timeZone` (an IANA name). */
export function localDate(now: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** `date` (`YYYY-MM-DD`) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `start` to `end`, both included (0 when `end` is before `start`). */
export function daysBetween(start: string, end: string): number {
  return Math.max(0, Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS) + 1);
}

/** The local days a range of `days` days ending today covers, today included: exactly `days` days. */
export function lastDays(days: number, now: Date, timeZone: string): { start: string; end: string } {
  const end = localDate(now, timeZone);
  return { start: addDays(end, -(days - 1)), end };
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (no 2025-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}
