import { type BulkListingStage, runBulkListing, startBulkListingStage } from '../support/bulk-listing-run.js';

describe('Listing engine: a bulk list of 100 items on eBay and Etsy (e2e)', () => {
  let stage: BulkListingStage;

  beforeAll(async () => {
    stage = await startBulkListingStage();
  });
  afterAll(async () => {
    await stage?.close();
  });

  it('answers the 200 pairs at once, then lists each item once on each platform, each call made once', async () => {
    const run = await runBulkListing(stage, 100);
    expect(run.answer).toMatchObject({ success_count: 200, failure_count: 0, total_count: 200 });
    for (const uid of run.items) {
      const listings = run.listings.get(uid)!.filter((listing) => ['ebay', 'etsy'].includes(listing.platform.slug));
      expect(listings.map((listing) => [listing.platform.slug, listing.status, listing.last_error_code])).toEqual(
        expect.arrayContaining([
          ['ebay', 'listed', null],
          ['etsy', 'listed', null],
        ]),
      );
    }
    const ebayPublished = stage.ebay.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/publish'));
    expect(ebayPublished).toHaveLength(100);
    expect([...stage.etsy.listings.values()].filter((listing) => listing.state === 'active')).toHaveLength(100);
    // No call repeated: the same number for every listing (9 on eBay, 6 on Etsy) and Etsy's taxonomy read once. The
    // calls per second are measured by bench/listing-bulk.ts, not asserted: they depend on the machine's timing.
    expect(run.calls).toEqual({ ebay: 900, etsy: 601 });
  }, 300_000);
});
