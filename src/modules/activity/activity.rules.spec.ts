import { ACTIVITY_EVENT_LABELS, ACTIVITY_EVENT_TYPES, countsByType, listingActivity } from './activity.rules.js';

describe('listing activity', () => {
  it('records a listing going live, failing and coming down', () => {
    expect(listingActivity('listed')).toBe('listing_created');
    expect(listingActivity('listing_failed')).toBe('listing_failed');
    expect(listingActivity('delisted')).toBe('item_delisted');
  });

  it('leaves the steps in between out of the feed', () => {
    for (const status of ['draft', 'in_progress', 'delisting', 'delisting_failed', 'sold', 'ended']) {
      expect(listingActivity(status)).toBeNull();
    }
  });
});

describe('activity counts by type', () => {
  it('names every event type, with 0 for the types without events', () => {
    const counts = countsByType({ item_created: 3, price_changed: 1 });
    expect(Object.keys(counts)).toEqual([...ACTIVITY_EVENT_TYPES]);
    expect(counts.item_created).toBe(3);
    expect(counts.price_changed).toBe(1);
    expect(counts.listing_created).toBe(0);
    expect(Object.values(countsByType(null)).every((count) => count === 0)).toBe(true);
  });

  it('labels every event type', () => {
    for (const type of ACTIVITY_EVENT_TYPES) expect(ACTIVITY_EVENT_LABELS[type]).toMatch(/^[A-Z]/);
  });
});
