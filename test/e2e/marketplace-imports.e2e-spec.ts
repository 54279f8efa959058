import { setTimeout as delay } from 'node:timers/promises';
import { type FakeDiscogs, startFakeDiscogs } from '../support/fake-discogs.js';
import { type FakeEbay, startFakeEbay } from '../support/fake-ebay.js';
import { type FakeEtsy, startFakeEtsy } from '../support/fake-etsy.js';
import { type FakeImageHost, startFakeImageHost } from '../support/fake-image-host.js';
import { type FakeShopify, startFakeShopify } from '../support/fake-shopify.js';
import { ACCOUNTS, ADDRESS, listingActions } from '../support/listing-setup.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const BASE = '/api/v1/marketplace/';
const EBAY_APP = { clientId: 'Instica-App-PRD-1a2b3c', clientSecret: 'PRD-secret-4d5e6f', ruName: 'Instica-InsticaA-App-PR-abcdef' };
const ETSY_APP = { keystring: '1aa2bb33c44d55eeeeee6fff', sharedSecret: 'ab12cd34ef' };
const SHOPIFY_APP = { apiKey: 'a1b2c3d4e5f6shopifykey', apiSecret: 'shpss_0123456789abcdef' };
const SHOPS = [1, 2, 3].map((n) => ({ domain: `crate-${n}.myshopify.com`, id: `gid://shopify/Shop/7700${n}`, name: `Crate ${n}` }));
const DEADLINE_MS = 45_000;

interface Job {
  id: string;
  status: string;
  total_listings_found: number;
  items_imported: number;
  items_skipped: number;
  items_failed: number;
  items_conflicted: number;
  has_issues: boolean;
  issue_summary: string;
  progress_percentage: number;
  error_message: string | null;
  completed_at: string | null;
}

interface Item {
  id: string;
  external_listing_id: string;
  external_sku: string | null;
  status: string;
  listing_title: string;
  conflict_type: string | null;
  conflict_details: string | null;
  error_code: string | null;
  error_message: string | null;
  resolution: string;
  created_inventory_item_uid: string | null;
}

describe('Marketplace imports: preview, start, conflicts and resolutions, on the four platforms (e2e)', () => {
  let t: TestApp;
  let discogs: FakeDiscogs;
  let ebay: FakeEbay;
  let etsy: FakeEtsy;
  let shopify: FakeShopify;
  let images: FakeImageHost;
  let elsewhere: FakeImageHost;
  let discogsUsers = 0;
  let releases = 0;
  let etsySellers = 0;
  let shops = 0;

  beforeAll(async () => {
    [discogs, ebay, etsy, shopify, images, elsewhere] = await Promise.all([
      startFakeDiscogs(),
      startFakeEbay(EBAY_APP),
      startFakeEtsy(ETSY_APP),
      startFakeShopify(SHOPIFY_APP, SHOPS),
      startFakeImageHost(),
      startFakeImageHost(),
    ]);
    t = await createTestApp({
      env: {
        DISCOGS_API_URL: discogs.url,
        EBAY_CLIENT_ID: EBAY_APP.clientId,
        EBAY_CLIENT_SECRET: EBAY_APP.clientSecret,
        EBAY_RU_NAME: EBAY_APP.ruName,
        EBAY_AUTH_URL: 'https://auth.ebay.example',
        EBAY_API_URL: ebay.url,
        EBAY_IDENTITY_URL: ebay.url,
        EBAY_MEDIA_URL: ebay.url,
        ETSY_API_KEY: ETSY_APP.keystring,
        ETSY_SHARED_SECRET: ETSY_APP.sharedSecret,
        ETSY_API_URL: etsy.url,
        ETSY_WEB_URL: etsy.url,
        SHOPIFY_API_KEY: SHOPIFY_APP.apiKey,
        SHOPIFY_API_SECRET: SHOPIFY_APP.apiSecret,
        SHOPIFY_SHOP_URL_TEMPLATE: shopify.shopUrlTemplate,
        DISCOGS_IMAGE_ORIGINS: images.origin,
        EBAY_IMAGE_ORIGINS: images.origin,
        ETSY_IMAGE_ORIGINS: images.origin,
        SHOPIFY_IMAGE_ORIGINS: images.origin,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([discogs?.close(), ebay?.close(), etsy?.close(), shopify?.close(), images?.close(), elsewhere?.close()]);
  });

  const actions = listingActions(() => t);

  async function seller(): Promise<Account> {
    const account = await registerAccount(t.api);
    await t.api.post('/api/v1/organization/addresses/').set(account.auth).send(ADDRESS).expect(201);
    return account;
  }

  /** A Discogs seller connected by personal token, with `count` listings For Sale (release i: Artist i - Title i). */
  async function discogsSeller(account: Account, count: number, shape: (index: number) => Record<string, unknown> = () => ({})) {
    discogsUsers += 1;
    const user = { id: 8_100_000 + discogsUsers, username: `crates_${discogsUsers}` };
    discogs.addPersonalToken(`import-token-${user.id}`, user);
    const listings = [];
    for (let index = 0; index < count; index += 1) {
      releases += 1;
      const release = {
        id: 500_000 + releases,
        artist: `Artist ${index}`,
        title: `Title ${index}`,
        catno: `CAT-${index}`,
        format: 'LP, Album',
        year: 1970 + (index % 30),
        images: [images.picture(`d${releases}`)],
      };
      discogs.addRelease(release);
      listings.push(
        discogs.addListing(user, {
          release_id: release.id,
          price: 10 + (index % 50),
          condition: 'Near Mint (NM or M-)',
          sleeve_condition: 'Very Good Plus (VG+)',
          comments: `Copy ${index}`,
          ...shape(index),
        }),
      );
    }
    const connected = await t.api.post(ACCOUNTS).set(account.auth).send({ platform: 'discogs', personal_token: `import-token-${user.id}` }).expect(201);
    return { user, listings, accountUid: connected.body.uid as string };
  }

  async function followConsent(account: Account, authorizationUrl: string): Promise<void> {
    const consent = await fetch(authorizationUrl, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    await t.api.get(`${back.pathname}${back.search}`).set(account.auth).set('Accept', 'application/json').expect(200);
  }

  const job = async (account: Account, uid: string): Promise<Job> =>
    (await t.api.get(`${BASE}import/jobs/${uid}/`).set(account.auth).expect(200)).body as Job;

  /** Polls the job until `done` holds, within the deadline. */
  async function until(account: Account, uid: string, done: (job: Job) => boolean, deadlineMs = DEADLINE_MS): Promise<Job> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const current = await job(account, uid);
      if (done(current)) return current;
      if (Date.now() > deadline) throw new Error(`Import ${uid} is still ${JSON.stringify(current)}\n${t.output().slice(-3000)}`);
      await delay(150);
    }
  }
  const settled = (account: Account, uid: string) => until(account, uid, (current) => current.status !== 'in_progress');

  async function items(account: Account, uid: string, query = '', path = 'items'): Promise<Item[]> {
    const all: Item[] = [];
    for (let page = 1; ; page += 1) {
      const body = (await t.api.get(`${BASE}import/jobs/${uid}/${path}/?page=${page}&page_size=100${query}`).set(account.auth).expect(200)).body;
      all.push(...(body.results as Item[]));
      if (!body.next) return all;
    }
  }

  const inventoryCount = async (account: Account) =>
    (await t.api.get('/api/v1/inventory/?page_size=1').set(account.auth).expect(200)).body.count as number;

  it('Discogs: a preview over several pages (a 429 in the middle) records what would happen and creates nothing; the start imports it all', async () => {
    const account = await seller();
    const existing = await t.api
      .post('/api/v1/inventory/')
      .set(account.auth)
      .send({ product_title: 'Already here', status: 'ready-to-sell', price_total_usd: '20.00', manual_sku: 'SKU-7' })
      .expect(201);
    const { listings, accountUid } = await discogsSeller(account, 230, (index) => ({
      ...(index === 7 ? { external_id: 'SKU-7' } : {}),
      ...(index === 11 || index === 12 ? { price: 0 } : {}),
    }));
    // A picture somewhere else than Discogs' image host is never asked for.
    const foreign = discogs.releases?.get?.(listings[3].release_id);
    expect(foreign).toBeUndefined();
    discogs.failInventoryPage(2, 429);

    const created = await t.api.post(`${BASE}import/jobs/create/`).set(account.auth).send({ seller_account_uid: accountUid, marketplace: 'discogs' }).expect(201);
    expect(created.body).toMatchObject({ status: 'pending', marketplace: 'discogs', total_listings_found: 0, progress_percentage: 0 });
    const uid = created.body.id as string;

    await t.api.post(`${BASE}import/preview/`).set(account.auth).send({ job_uid: uid }).expect(202);
    const previewed = await settled(account, uid);
    expect(previewed).toMatchObject({ status: 'pending', total_listings_found: 230, items_imported: 0, items_failed: 2, items_conflicted: 1 });
    expect(previewed.issue_summary).toBe('2 failed, 1 conflict');
    expect(discogs.inventoryPageRequests.get(2)).toBe(2);
    expect(await inventoryCount(account)).toBe(1);
    const recorded = await items(account, uid);
    expect(recorded).toHaveLength(230);
    expect(recorded.filter((item) => item.status === 'pending')).toHaveLength(227);
    const conflict = recorded.find((item) => item.status === 'conflict')!;
    expect(conflict).toMatchObject({
      external_listing_id: String(listings[7].id),
      external_sku: 'SKU-7',
      conflict_type: 'duplicate_sku',
      conflict_details: `SKU matches existing item ${existing.body.uid}`,
      resolution: 'pending',
    });
    const issues = (await t.api.get(`${BASE}import/jobs/${uid}/issues/?status=failed`).set(account.auth).expect(200)).body;
    expect(issues.count).toBe(2);
    expect(issues.results[0]).toMatchObject({ status: 'failed', error_code: 'invalid_price' });

    await t.api.post(`${BASE}import/start/`).set(account.auth).send({ job_uid: uid }).expect(202);
    const done = await settled(account, uid);
    expect(done).toMatchObject({ status: 'completed', items_imported: 227, items_failed: 2, items_conflicted: 1, progress_percentage: 100 });
    expect(done.completed_at).not.toBeNull();
    expect(await inventoryCount(account)).toBe(228);

    const imported = (await items(account, uid, '&status=imported')).find((item) => item.external_listing_id === String(listings[0].id))!;
    const detail = (await t.api.get(`/api/v1/inventory/${imported.created_inventory_item_uid}/`).set(account.auth).expect(200)).body;
    expect(detail).toMatchObject({ status: 'listed', condition_item: 'nm', condition_container: 'vg_plus', price_total_usd: '10.00' });
    expect(detail.assets).toHaveLength(1);
    const product = (await t.api.get(`/api/v1/products/${detail.product.uid}/`).set(account.auth).expect(200)).body;
    expect(product).toMatchObject({ title: 'Title 0', catalog_number: 'CAT-0', year: '1970', formats: ['Vinyl'] });
    expect(product.artist?.name ?? product.artist_name).toBe('Artist 0');
    const listing = await actions.listingOn(account, imported.created_inventory_item_uid!, 'discogs');
    expect(listing).toMatchObject({ status: 'listed', listing_id: String(listings[0].id), marketplace_url: expect.stringContaining(String(listings[0].id)) });

    // Delist works at once on an imported listing.
    await actions.delist(account, imported.created_inventory_item_uid!, 'discogs').expect(200);
    expect(await actions.settled(account, imported.created_inventory_item_uid!, 'discogs')).toMatchObject({ status: 'delisted' });
    expect(discogs.listings.has(listings[0].id)).toBe(false);

    const activity = await t.sql(`SELECT message FROM activity_events WHERE event_type = 'import_completed' AND subject_uid = $1`, [uid]);
    expect(activity.rows).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });
});
