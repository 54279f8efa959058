import { listingActivity } from './activity.rules.js';

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
