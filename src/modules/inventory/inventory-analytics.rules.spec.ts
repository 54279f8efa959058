import { AGING_BUCKETS, agingBucketOf, STOCK_STATUSES, statusBreakdown, trendRange } from './inventory-analytics.rules.js';

describe('inventory analytics rules', () => {
  it('ends a trend today (UTC) and starts it days - 1 days before, so that it has `days` days', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    expect(trendRange(30, now)).toEqual({ start: '2025-01-31', end: '2025-03-01' });
    expect(trendRange(7, now)).toEqual({ start: '2025-02-23', end: '2025-03-01' });
    expect(trendRange(1, now)).toEqual({ start: '2025-03-01', end: '2025-03-01' });
    expect(trendRange(365, new Date('2024-12-31T23:59:59Z'))).toEqual({ start: '2024-01-02', end: '2024-12-31' });
    // Just after midnight UTC it is already the next day, whatever the server's time zone.
    expect(trendRange(2, new Date('2025-03-02T00:00:01Z'))).toEqual({ start: '2025-03-01', end: '2025-03-02' });
  });

  it('lists every status in workflow order with its label, zeros included', () => {
    expect(statusBreakdown({ listed: 120, sold: 65, 'ready-to-sell': 60 })).toEqual([
      { status: 'draft', label: 'Draft', count: 0 },
      { status: 'purchased', label: 'Purchased', count: 0 },
      { status: 'received', label: 'Received', count: 0 },
      { status: 'ready-to-sell', label: 'Ready to Sell', count: 60 },
      { status: 'listed', label: 'Listed', count: 120 },
      { status: 'sold', label: 'Sold', count: 65 },
      { status: 'cancelled', label: 'Cancelled', count: 0 },
    ]);
    expect(statusBreakdown({}).every((entry) => entry.count === 0)).toBe(true);
  });
});

describe('aging buckets', () => {
  it('puts every whole number of days in exactly one bucket, the bounds included', () => {
    expect([0, 30, 31, 60, 61, 90, 91, 180, 181, 365, 366, 4000].map((days) => agingBucketOf(days).bucket)).toEqual([
      '0-30 days',
      '0-30 days',
      '31-60 days',
      '31-60 days',
      '61-90 days',
      '61-90 days',
      '91-180 days',
      '91-180 days',
      '181-365 days',
      '181-365 days',
      '365+ days',
      '365+ days',
    ]);
    AGING_BUCKETS.slice(1).forEach((bucket, index) => expect(bucket.min_days).toBe(AGING_BUCKETS[index].max_days! + 1));
  });

  it('counts in stock every item neither sold nor cancelled', () => {
    expect(STOCK_STATUSES).toEqual(['draft', 'purchased', 'received', 'ready-to-sell', 'listed']);
  });
});
