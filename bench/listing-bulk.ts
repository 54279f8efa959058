// A bulk list of 100 items on eBay and Etsy against the local fakes (test/support), as a seller would send it:
// the request's latency, the time until every listing is final next to the least time the platforms' published call
// limits allow, the calls each platform received and the most within any one second (0 over the limit is the goal).
// Run with `npm run bench:listing` (compiles the TypeScript support code to .bench-build/ first).
import { CALLS_PER_SECOND, peakPerSecond, runBulkListing, startBulkListingStage } from '../test/support/bulk-listing-run.js';
import globalSetup from '../test/support/global-setup.js';
import globalTeardown from '../test/support/global-teardown.js';

const ITEMS = Number(process.argv[process.argv.indexOf('--items') + 1]) || 100;

/** How many calls came while the platform had already received its limit within the second before. */
function callsOverLimit(times: number[], limit: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let over = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end] - sorted[start] >= 1000) start += 1;
    if (end - start + 1 > limit) over += 1;
  }
  return over;
}

async function main(): Promise<void> {
  await globalSetup();
  const stage = await startBulkListingStage();
  try {
    const before = { ebay: stage.ebay.calls.length, etsy: stage.etsy.requests.length };
    const run = await runBulkListing(stage, ITEMS);
    const times = {
      ebay: stage.ebay.calls.slice(before.ebay).map((call) => call.at),
      etsy: stage.etsy.requests.slice(before.etsy).map((call) => call.at),
    };
    const listed = [...run.listings.values()].flat().filter((listing) => listing.status === 'listed').length;
    // The least time to final: the platform with the most calls per its limit, at exactly its limit.
    const boundMs = Math.max(...(['ebay', 'etsy'] as const).map((slug) => (run.calls[slug] / CALLS_PER_SECOND[slug]) * 1000));
    const rows = [
      ['pairs (items x platforms)', `${ITEMS * 2}`, ''],
      ['listed', `${listed}`, ''],
      ['bulk request latency', `${run.requestMs} ms`, `${(run.requestMs / (ITEMS * 2)).toFixed(1)} ms a pair`],
      ['time until every listing is final', `${(run.finalMs / 1000).toFixed(1)} s`, ''],
      ['least time the call limits allow', `${(boundMs / 1000).toFixed(1)} s`, `ratio ${(boundMs / run.finalMs).toFixed(2)}`],
      ...(['ebay', 'etsy'] as const).map((slug) => [
        `${slug}: calls, most in one second (limit)`,
        `${run.calls[slug]}, ${peakPerSecond(times[slug])} (${CALLS_PER_SECOND[slug]})`,
        `${callsOverLimit(times[slug], CALLS_PER_SECOND[slug])} over the limit`,
      ]),
    ];
    console.log('| measure | value | note |\n|:--|--:|:--|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  } finally {
    await stage.close();
    await globalTeardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
