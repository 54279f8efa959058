import { addDays, daysBetween, isCalendarDate, lastDays, localDate } from './local-days.js';

describe('local days', () => {
  it('reads the date of an instant where the seller lives', () => {
    const instant = new Date('2025-03-01T03:30:00Z');
    expect(localDate(instant, 'UTC')).toBe('2025-03-01');
    expect(localDate(instant, 'America/New_York')).toBe('2025-02-28');
    expect(localDate(new Date('2025-03-01T23:30:00Z'), 'Asia/Tokyo')).toBe('2025-03-02');
  });

  it('counts a range of days back from today, today included', () => {
    const now = new Date('2025-03-01T03:30:00Z');
    expect(lastDays(30, now, 'UTC')).toEqual({ start: '2025-01-31', end: '2025-03-01' });
    expect(lastDays(1, now, 'America/New_York')).toEqual({ start: '2025-02-28', end: '2025-02-28' });
    expect(lastDays(365, new Date('2024-12-31T12:00:00Z'), 'UTC')).toEqual({ start: '2024-01-02', end: '2024-12-31' });
  });

  it('moves and counts calendar days across month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-01-01', '2025-03-01')).toBe(60);
    expect(daysBetween('2025-01-02', '2025-01-01')).toBe(0);
  });

  it('takes only real dates written YYYY-MM-DD', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-2-1')).toBe(false);
    expect(isCalendarDate('01/02/2025')).toBe(false);
  });
});
