import { setTimeout as delay } from 'node:timers/promises';
import { type FakeDiscogs, startFakeDiscogs } from '../support/fake-discogs.js';
import { type FakeEbay, startFakeEbay } from '../support/fake-ebay.js';
import { type FakeEtsy, startFakeEtsy } from '../support/fake-etsy.js';
import { type FakeImageHost, startFakeImageHost } from '../support/fake-image-host.js';
import { type FakeShopify, startFakeShopify } from '../support/fake-shopify.js';
import {
  ACCOUNTS,
  ADDRESS,
  connectEbay,
  followConsent,
  listingActions,
  ETSY_APP,
  marketplaceEnv,
  SHOPIFY_APP,
} from '../support/listing-setup.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const BASE = '/api/v1/marketplace/';
const EBAY_APP = { clientId: 'Instica-App-PRD-1a2b3c', clientSecret: 'PRD-secret-4d5e6f', ruName: 'Instica-InsticaA-App-PR-abcdef' };
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
        ...marketplaceEnv({ discogs, ebay, etsy, shopify }),
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
  async function discogsSeller(
    account: Account,
    count: number,
    shape: (index: number) => Record<string, unknown> = () => ({}),
    pictureOf: (index: number) => string = () => images.picture(`d${releases}`),
  ) {
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
        images: [pictureOf(index)],
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
    const connected = await t.api
      .post(ACCOUNTS)
      .set(account.auth)
      .send({ platform: 'discogs', personal_token: `import-token-${user.id}` })
      .expect(201);
    return { user, listings, accountUid: connected.body.uid as string };
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
      const body = (await t.api.get(`${BASE}import/jobs/${uid}/${path}/?page=${page}&page_size=100${query}`).set(account.auth).expect(200))
        .body;
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
    const { listings, accountUid } = await discogsSeller(
      account,
      230,
      (index) => ({
        ...(index === 7 ? { external_id: 'SKU-7' } : {}),
        ...(index === 11 || index === 12 ? { price: 0 } : {}),
      }),
      (index) => (index === 3 ? elsewhere.picture('not-discogs') : images.picture(`d-${index}-${discogsUsers}`)),
    );
    discogs.failInventoryPage(2, 429);

    const created = await t.api
      .post(`${BASE}import/jobs/create/`)
      .set(account.auth)
      .send({ seller_account_uid: accountUid, marketplace: 'discogs' })
      .expect(201);
    expect(created.body).toMatchObject({ status: 'pending', marketplace: 'discogs', total_listings_found: 0, progress_percentage: 0 });
    const uid = created.body.id as string;

    await t.api.post(`${BASE}import/preview/`).set(account.auth).send({ job_uid: uid }).expect(202);
    const previewed = await settled(account, uid);
    expect(previewed).toMatchObject({
      status: 'pending',
      total_listings_found: 230,
      items_imported: 0,
      items_failed: 2,
      items_conflicted: 1,
    });
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
    expect(done).toMatchObject({
      status: 'completed',
      items_imported: 227,
      items_failed: 2,
      items_conflicted: 1,
      progress_percentage: 100,
    });
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
    expect(listing).toMatchObject({
      status: 'listed',
      listing_id: String(listings[0].id),
      marketplace_url: expect.stringContaining(String(listings[0].id)),
    });

    // Delist works at once on an imported listing.
    await actions.delist(account, imported.created_inventory_item_uid!, 'discogs').expect(200);
    expect(await actions.settled(account, imported.created_inventory_item_uid!, 'discogs')).toMatchObject({ status: 'delisted' });
    expect(discogs.listings.has(listings[0].id)).toBe(false);

    // A picture somewhere else than the platform's image hosts is never asked for: the item comes without it, saying so.
    const withoutPicture = recorded.find((item) => item.external_listing_id === String(listings[3].id))!;
    const third = (await items(account, uid, '&status=imported')).find((item) => item.id === withoutPicture.id)!;
    expect(third.error_message).toContain("not on the platform's image hosts");
    const activity = await t.sql(`SELECT message FROM activity_events WHERE event_type = 'import_completed' AND subject_uid = $1`, [uid]);
    expect(activity.rows).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('Discogs: each resolution, retry of the failed, skip of all conflicts, and a second import of the same account that creates nothing', async () => {
    const account = await seller();
    const existing: string[] = [];
    for (const sku of ['R-1', 'R-2', 'R-3', 'R-4']) {
      const body = { product_title: `Mine ${sku}`, status: 'ready-to-sell', price_total_usd: '15.00', manual_sku: sku };
      existing.push((await t.api.post('/api/v1/inventory/').set(account.auth).send(body).expect(201)).body.uid as string);
    }
    const flaky = `flaky-${discogsUsers + 1}`;
    images.fail(flaky);
    const { listings } = await discogsSeller(
      account,
      8,
      (index) => (index < 4 ? { external_id: `R-${index + 1}` } : {}),
      (index) => (index === 5 ? images.picture(flaky) : images.picture(`r-${index}-${discogsUsers}`)),
    );

    const quick = await t.api.post(`${BASE}discogs/import/`).set(account.auth).send({}).expect(202);
    expect(quick.body.status).toBe('in_progress');
    const uid = quick.body.id as string;
    const first = await settled(account, uid);
    expect(first).toMatchObject({ status: 'completed', items_imported: 3, items_failed: 1, items_conflicted: 4, has_issues: true });
    expect(first.issue_summary).toBe('1 failed, 4 conflicts');
    const failed = await items(account, uid, '&status=failed', 'issues');
    expect(failed).toMatchObject([{ external_listing_id: String(listings[5].id), error_code: 'picture_unavailable' }]);
    const conflicts = await items(account, uid, '&status=conflict', 'issues');
    expect(conflicts.map((item) => item.conflict_type)).toEqual(['duplicate_sku', 'duplicate_sku', 'duplicate_sku', 'duplicate_sku']);
    const before = await inventoryCount(account);

    const resolve = (itemUid: string, body: Record<string, unknown>) =>
      t.api.post(`${BASE}import/jobs/${uid}/items/${itemUid}/resolve/`).set(account.auth).send(body);
    await resolve(conflicts[0].id, { resolution: 'merge' }).expect(400, { resolution: ['"merge" is not a valid choice.'] });
    // link (the default): the existing item gets the listing, no item is made.
    expect((await resolve(conflicts[0].id, {}).expect(200)).body).toMatchObject({ id: uid, items_conflicted: 3, items_imported: 4 });
    expect(await actions.listingOn(account, existing[0], 'discogs')).toMatchObject({
      status: 'listed',
      listing_id: String(listings[0].id),
    });
    expect(await inventoryCount(account)).toBe(before);
    // create: a new item anyway.
    await resolve(conflicts[1].id, { resolution: 'create' }).expect(200);
    expect(await inventoryCount(account)).toBe(before + 1);
    // skip.
    expect((await resolve(conflicts[2].id, { resolution: 'skip' }).expect(200)).body).toMatchObject({
      items_skipped: 1,
      items_conflicted: 1,
    });
    await resolve(failed[0].id, {}).expect(400);
    expect((await t.api.post(`${BASE}import/jobs/${uid}/skip-all-conflicts/`).set(account.auth).expect(200)).body).toMatchObject({
      items_conflicted: 0,
      items_skipped: 2,
    });
    const resolved = await items(account, uid);
    expect(resolved.find((item) => item.id === conflicts[0].id)).toMatchObject({
      status: 'imported',
      resolution: 'link',
      created_inventory_item_uid: existing[0],
    });
    expect(resolved.find((item) => item.id === conflicts[1].id)).toMatchObject({ status: 'imported', resolution: 'create' });
    expect(resolved.find((item) => item.id === conflicts[3].id)).toMatchObject({ status: 'skipped', resolution: 'skip' });

    images.recover(flaky);
    await t.api.post(`${BASE}import/jobs/${uid}/retry-failed/`).set(account.auth).expect(202);
    expect(await settled(account, uid)).toMatchObject({ status: 'completed', items_failed: 0, items_imported: 6, items_skipped: 2 });
    expect(await inventoryCount(account)).toBe(before + 2);

    // The same account again: every listing already linked is a duplicate_listing, and nothing is created.
    const again = (await t.api.post(`${BASE}discogs/import/`).set(account.auth).send({}).expect(202)).body.id as string;
    expect(await settled(account, again)).toMatchObject({ status: 'completed', items_imported: 0, items_conflicted: 8 });
    const second = await items(account, again);
    expect(second.filter((item) => item.conflict_type === 'duplicate_listing')).toHaveLength(6);
    expect(await inventoryCount(account)).toBe(before + 2);
    const duplicate = second.find((item) => item.conflict_type === 'duplicate_listing')!;
    await t.api
      .post(`${BASE}import/jobs/${again}/items/${duplicate.id}/resolve/`)
      .set(account.auth)
      .send({ resolution: 'create' })
      .expect(400);
    await t.api.post(`${BASE}import/start/`).set(account.auth).send({ job_uid: again, skip_conflicts: true }).expect(202);
    expect(await settled(account, again)).toMatchObject({ status: 'completed', items_conflicted: 0, items_skipped: 8 });
    expect(await inventoryCount(account)).toBe(before + 2);
  });

  it('refuses what it cannot do: another organization is a 404, a job of no live connection a 400, quick import without a connection a 400', async () => {
    const account = await seller();
    const stranger = await seller();
    const { accountUid } = await discogsSeller(account, 1);
    await t.api
      .post(`${BASE}import/jobs/create/`)
      .set(stranger.auth)
      .send({ seller_account_uid: accountUid, marketplace: 'discogs' })
      .expect(400);
    await t.api
      .post(`${BASE}import/jobs/create/`)
      .set(account.auth)
      .send({ seller_account_uid: accountUid, marketplace: 'ebay' })
      .expect(400);
    await t.api
      .post(`${BASE}import/jobs/create/`)
      .set(account.auth)
      .send({ seller_account_uid: accountUid, marketplace: 'amazon' })
      .expect(400);
    const created = (
      await t.api
        .post(`${BASE}import/jobs/create/`)
        .set(account.auth)
        .send({ seller_account_uid: accountUid, marketplace: 'discogs' })
        .expect(201)
    ).body;
    await t.api.get(`${BASE}import/jobs/${created.id}/`).set(stranger.auth).expect(404);
    await t.api.post(`${BASE}import/start/`).set(stranger.auth).send({ job_uid: created.id }).expect(400);
    await t.api.post(`${BASE}etsy/import/`).set(account.auth).send({}).expect(400);
    await t.api.post(`${BASE}redbubble/import/`).set(account.auth).send({}).expect(404);
    const listed = (await t.api.get(`${BASE}import/jobs/?marketplace=discogs`).set(account.auth).expect(200)).body as Job[];
    expect(listed.map((entry) => entry.id)).toEqual([created.id]);
    expect((await t.api.get(`${BASE}import/jobs/?status=completed`).set(account.auth).expect(200)).body).toEqual([]);
  });

  it('eBay: a quick import over two pages (a 429 between them) maps the item specifics and Goldmine grades; delist works at once', async () => {
    const account = await seller();
    await connectEbay(t, ebay, account);
    const ids: string[] = [];
    for (let index = 0; index < 130; index += 1) {
      ids.push(
        ebay.seedImportListing({
          sku: `EB-${index}`,
          title: `Blue Train ${index}`,
          price: index === 9 ? '0.00' : '24.50',
          currency: index === 10 ? 'EUR' : 'USD',
          condition: 'LIKE_NEW',
          conditionDescription: 'Media: Near Mint (NM or M-). Sleeve: Very Good (VG).',
          description: 'Original pressing.',
          aspects: {
            Artist: ['John Coltrane'],
            'Record Label': ['Blue Note'],
            Format: ['Record'],
            'Release Year': ['1958'],
            'Catalog Number': ['BLP 1577'],
          },
          imageUrls: [images.picture(`e-${index}`)],
          upc: ['602537544004'],
        }),
      );
    }
    ebay.failInventoryPageAt(100);
    const uid = (await t.api.post(`${BASE}ebay/import/`).set(account.auth).send({}).expect(202)).body.id as string;
    const done = await settled(account, uid);
    expect(done).toMatchObject({ status: 'completed', total_listings_found: 130, items_imported: 128, items_failed: 2 });
    expect((await items(account, uid, '&status=failed', 'issues')).map((item) => item.error_code).sort()).toEqual([
      'invalid_price',
      'unsupported_currency',
    ]);
    const imported = (await items(account, uid, '&status=imported')).find((item) => item.external_listing_id === ids[0])!;
    expect(imported.external_sku).toBe('EB-0');
    const itemUid = imported.created_inventory_item_uid!;
    const detail = (await t.api.get(`/api/v1/inventory/${itemUid}/`).set(account.auth).expect(200)).body;
    expect(detail).toMatchObject({ status: 'listed', condition_item: 'nm', condition_container: 'vg', price_total_usd: '24.50' });
    const product = (await t.api.get(`/api/v1/products/${detail.product.uid}/`).set(account.auth).expect(200)).body;
    expect(product).toMatchObject({ catalog_number: 'BLP 1577', year: '1958', upc: '602537544004', formats: ['Vinyl'] });
    await actions.delist(account, itemUid, 'ebay').expect(200);
    expect(await actions.settled(account, itemUid, 'ebay')).toMatchObject({ status: 'delisted' });
  });

  it('Etsy: a quick import over two pages (a 429 between them) reads the grades from the free text; delist works at once', async () => {
    const account = await seller();
    etsySellers += 1;
    const etsySeller = { userId: 84_600_000 + etsySellers, shopId: 31_500_000 + etsySellers, shopName: `Crates${etsySellers}` };
    const started = (await t.api.post(`${ACCOUNTS}etsy/connect/`).set(account.auth).send({}).expect(200)).body;
    etsy.consentAs(etsySeller);
    await followConsent(t, account, started.authorization_url as string);
    const ids = etsy.addImportListings(
      etsySeller,
      Array.from({ length: 120 }, (_, index) => ({
        title: index === 4 ? '' : `Kind Of Blue LP ${index}`,
        description: 'Classic.\n\nCondition: Media Near Mint (NM), Sleeve VG+',
        price: 30 + index,
        sku: `ET-${index}`,
        tags: ['vinyl', 'jazz'],
        imageUrls: [images.picture(`t-${index}`)],
      })),
    );
    etsy.failListingsPageAt(100);
    const uid = (await t.api.post(`${BASE}etsy/import/`).set(account.auth).send({}).expect(202)).body.id as string;
    expect(await settled(account, uid)).toMatchObject({
      status: 'completed',
      total_listings_found: 120,
      items_imported: 119,
      items_failed: 1,
    });
    const imported = (await items(account, uid, '&status=imported')).find((item) => item.external_listing_id === String(ids[0]))!;
    const itemUid = imported.created_inventory_item_uid!;
    const detail = (await t.api.get(`/api/v1/inventory/${itemUid}/`).set(account.auth).expect(200)).body;
    expect(detail).toMatchObject({ status: 'listed', condition_item: 'nm', condition_container: 'vg_plus', price_total_usd: '30.00' });
    expect(detail.assets).toHaveLength(1);
    await actions.delist(account, itemUid, 'etsy').expect(200);
    expect(await actions.settled(account, itemUid, 'etsy')).toMatchObject({ status: 'delisted' });
    expect(etsy.listings.get(ids[0])?.state).toBe('inactive');
  });

  it('Shopify: a quick import over pages (a 429 between them) reads the facts and tags; several copies become several items', async () => {
    const account = await seller();
    const shop = SHOPS[shops++]!.domain;
    const started = (await t.api.post(`${ACCOUNTS}shopify/connect/`).set(account.auth).send({ shop }).expect(200)).body;
    await followConsent(t, account, started.authorization_url as string);
    const products = Array.from({ length: 110 }, (_, index) =>
      shopify.addImportProduct(shop, {
        title: `A Love Supreme ${index}`,
        sku: `SH-${index}`,
        price: '41.00',
        tags: ['Vinyl', 'Media: VG+', 'Sleeve: VG'],
        descriptionHtml: '<p>Gatefold.</p><ul><li>Label: Impulse!</li><li>Catalog number: A-77</li><li>Released: 1965</li></ul>',
        vendor: 'John Coltrane',
        productType: 'Vinyl',
        barcode: '011105015525',
        totalInventory: index === 2 ? 3 : 1,
        imageUrls: [images.picture(`s-${index}`)],
      }),
    );
    shopify.failImportPageAt(50);
    const uid = (await t.api.post(`${BASE}shopify/import/`).set(account.auth).send({}).expect(202)).body.id as string;
    expect(await settled(account, uid)).toMatchObject({
      status: 'completed',
      total_listings_found: 110,
      items_imported: 110,
      items_failed: 0,
    });
    expect(await inventoryCount(account)).toBe(112);
    const imported = (await items(account, uid, '&status=imported')).find((item) => item.external_listing_id === products[0].id)!;
    const itemUid = imported.created_inventory_item_uid!;
    const detail = (await t.api.get(`/api/v1/inventory/${itemUid}/`).set(account.auth).expect(200)).body;
    expect(detail).toMatchObject({ status: 'listed', condition_item: 'vg_plus', condition_container: 'vg', price_total_usd: '41.00' });
    const product = (await t.api.get(`/api/v1/products/${detail.product.uid}/`).set(account.auth).expect(200)).body;
    expect(product).toMatchObject({ catalog_number: 'A-77', year: '1965', upc: '011105015525' });
    await actions.delist(account, itemUid, 'shopify').expect(200);
    expect(await actions.settled(account, itemUid, 'shopify')).toMatchObject({ status: 'delisted' });
    expect(shopify.products.get(products[0].id)?.status).toBe('ARCHIVED');
  });

  it('a job resumed after the worker is stopped mid-way finishes with every listing imported once', async () => {
    const account = await seller();
    const { accountUid } = await discogsSeller(account, 400);
    const uid = (
      await t.api
        .post(`${BASE}import/jobs/create/`)
        .set(account.auth)
        .send({ seller_account_uid: accountUid, marketplace: 'discogs' })
        .expect(201)
    ).body.id as string;
    await t.api.post(`${BASE}import/start/`).set(account.auth).send({ job_uid: uid }).expect(202);
    await until(account, uid, (current) => current.items_imported >= 20);
    await t.restart({ kill: true });
    const done = await settled(account, uid);
    expect(done).toMatchObject({ status: 'completed', total_listings_found: 400, items_imported: 400, items_failed: 0 });
    const { rows } = await t.sql(
      `SELECT count(*)::int AS items, count(DISTINCT l.listing_id)::int AS listings
         FROM inventory_items i JOIN organizations o ON o.id = i.organization_id
         JOIN inventory_item_listings l ON l.inventory_item_id = i.id
        WHERE o.uid = $1`,
      [account.organization.uid],
    );
    expect(rows[0]).toEqual({ items: 400, listings: 400 });
  });
});
