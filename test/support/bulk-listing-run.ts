import { type FakeEbay, startFakeEbay } from './fake-ebay.js';
import { type FakeEtsy, startFakeEtsy } from './fake-etsy.js';
import {
  ACCOUNTS,
  ADDRESS,
  addPhoto,
  connectEbay,
  EBAY_APP,
  ETSY_APP,
  followConsent,
  isOrderSyncCall,
  kindOfBlue,
  type Listing,
  marketplaceEnv,
  readyItem,
} from './listing-setup.js';
import { type Account, createTestApp, registerAccount, type TestApp } from './test-app.js';

/**
 * The platforms' published call limits per second, against which a run's calls are counted: Etsy 10 requests a second
 * per application key (x-limit-per-second); eBay's Inventory API 2,000,000 calls a day per application, about 23 a second.
 */
export const CALLS_PER_SECOND = { ebay: 23, etsy: 10 } as const;

const FINAL_DEADLINE_MS = 240_000;
const POLL_INTERVAL_MS = 250;

/** The app with fake eBay and Etsy, for a bulk list of many items on both (the e2e test and bench/listing-bulk). */
export interface BulkListingStage {
  t: TestApp;
  ebay: FakeEbay;
  etsy: FakeEtsy;
  close: () => Promise<void>;
}

export async function startBulkListingStage(): Promise<BulkListingStage> {
  const [ebay, etsy] = await Promise.all([startFakeEbay(EBAY_APP), startFakeEtsy(ETSY_APP)]);
  try {
    const t = await createTestApp({
      env: marketplaceEnv({ ebay, etsy }),
    });
    const close = async () => {
      await t.close();
      await Promise.all([ebay.close(), etsy.close()]);
    };
    return { t, ebay, etsy, close };
  } catch (error) {
    await Promise.all([ebay.close(), etsy.close()]);
    throw error;
  }
}

/** What one bulk list of `items` x [ebay, etsy] did. */
export interface BulkListingRun {
  account: Account;
  items: string[];
  /** The bulk request's answer and how long it took to come. */
  answer: { success_count: number; failure_count: number; total_count: number };
  requestMs: number;
  /** From the request until no listing of the run was still being worked on. */
  finalMs: number;
  /** Each item's listings once final. */
  listings: Map<string, Listing[]>;
  calls: Record<'ebay' | 'etsy', number>;
  /** The most calls a platform received within one second (a window starting at any call). */
  peakCallsPerSecond: Record<'ebay' | 'etsy', number>;
}

/** A Pro seller (batches of 100) with an address, eBay and Etsy connected, and `count` photographed items; then the bulk list. */
export async function runBulkListing(stage: BulkListingStage, count: number): Promise<BulkListingRun> {
  const { t, ebay, etsy } = stage;
  const account = await registerAccount(t.api);
  await t.api.post('/api/v1/organization/addresses/').set(account.auth).send(ADDRESS).expect(201);
  await t.sql(
    `UPDATE subscriptions SET plan_id = (SELECT id FROM plans WHERE code = 'pro')
      WHERE organization_id = (SELECT id FROM organizations WHERE uid = $1)`,
    [account.organization.uid],
  );
  await connectEbay(stage.t, stage.ebay, account);
  await connectEtsy(stage, account);
  const items = await photographedItems(t, account, count);

  const [ebayBefore, etsyBefore] = [ebay.calls.length, etsy.requests.length];
  const started = Date.now();
  const answer = await t.api
    .post('/api/v1/inventory/bulk/list/')
    .set(account.auth)
    .send({ items, platforms: ['ebay', 'etsy'], is_draft: false })
    .expect(200);
  const requestMs = Date.now() - started;
  await untilNoneWorking(t, account, started);
  const finalMs = Date.now() - started;

  const listings = new Map<string, Listing[]>();
  for (const uid of items) {
    listings.set(uid, (await t.api.get(`/api/v1/inventory/${uid}/listings/`).set(account.auth).expect(200)).body as Listing[]);
  }
  const listingCallTimes = (calls: Array<{ at: number; path: string }>) =>
    calls.filter((call) => !isOrderSyncCall(call.path)).map((call) => call.at);
  const ebayCalls = listingCallTimes(ebay.calls.slice(ebayBefore));
  const etsyCalls = listingCallTimes(etsy.requests.slice(etsyBefore));
  return {
    account,
    items,
    answer: answer.body as BulkListingRun['answer'],
    requestMs,
    finalMs,
    listings,
    calls: { ebay: ebayCalls.length, etsy: etsyCalls.length },
    peakCallsPerSecond: { ebay: peakPerSecond(ebayCalls), etsy: peakPerSecond(etsyCalls) },
  };
}

/** The most of these times within any one second starting at one of them. */
export function peakPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end] - sorted[start] >= 1000) start += 1;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

async function connectEtsy({ t, etsy }: BulkListingStage, account: Account): Promise<void> {
  const started = (await t.api.post(`${ACCOUNTS}etsy/connect/`).set(account.auth).send({}).expect(200)).body as {
    authorization_url: string;
  };
  etsy.consentAs({ userId: 84_600_001, shopId: 31_500_001, shopName: 'GrooveVaultBulk' });
  await followConsent(t, account, started.authorization_url);
}

/** `count` items of one album, priced from 10.00 up, each with a photo (live listings on eBay and Etsy need one). */
async function photographedItems(t: TestApp, account: Account, count: number): Promise<string[]> {
  const product = await kindOfBlue(t, account, { year: '1959' });
  const items: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const uid = await readyItem(t, account, product, (10 + n).toFixed(2));
    await addPhoto(t, account, uid);
    items.push(uid);
  }
  return items;
}

/** Waits (bounded) until none of the organization's listings is in progress or delisting. */
async function untilNoneWorking(t: TestApp, account: Account, started: number): Promise<void> {
  for (;;) {
    const { rows } = await t.sql(
      `SELECT count(*)::int AS working FROM inventory_item_listings
        WHERE organization_id = (SELECT id FROM organizations WHERE uid = $1) AND status IN ('in_progress', 'delisting')`,
      [account.organization.uid],
    );
    if ((rows[0] as { working: number }).working === 0) return;
    if (Date.now() - started > FINAL_DEADLINE_MS) throw new Error(`Listings still in progress: ${JSON.stringify(rows[0])}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
