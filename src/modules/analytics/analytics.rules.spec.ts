import { comparedRanges } from './analytics.rules.js';

describe('comparedRanges', () => {
  it('takes the last days, today included, and the same number of days just before', () => {
    expect(comparedRanges(30, new Date('2025-03-31T12:00:00Z'), 'UTC')).toEqual({
      current: { start: '2025-03-02', end: '2025-03-31' },
      previous: { start: '2025-01-31', end: '2025-03-01' },
    });
  });

  it('counts the days of the caller’s time zone', () => {
    // 03:00 UTC on 1 March is still 28 February in New York.
    expect(comparedRanges(1, new Date('2025-03-01T03:00:00Z'), 'America/New_York')).toEqual({
      current: { start: '2025-02-28', end: '2025-02-28' },
      previous: { start: '2025-02-27', end: '2025-02-27' },
    });
  });

  it('makes the previous period as long as the current one across a leap day', () => {
    expect(comparedRanges(7, new Date('2024-03-03T00:00:00Z'), 'UTC')).toEqual({
      current: { start: '2024-02-26', end: '2024-03-03' },
      previous: { start: '2024-02-19', end: '2024-02-25' },
    });
  });
});
