/** Local calendar days in a time zone, computed here independently of the service's code, for hand-made expectations. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of `instant` in `timeZone`. */
export function dayIn(timeZone: string, instant = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** `day` moved by `days` days. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant of local time `hh:mm` on `day` in a zone `offsetHours` ahead of UTC (a zone without daylight saving time). */
export function atFixedOffset(day: string, time: string, offsetHours: number): Date {
  return new Date(Date.parse(`${day}T${time}:00Z`) - offsetHours * 60 * 60 * 1000);
}
