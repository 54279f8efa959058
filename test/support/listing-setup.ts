import { setTimeout as delay } from 'node:timers/promises';
import sharp from 'sharp';
import { type FakeDiscogs, startFakeDiscogs } from './fake-discogs.js';
import { type FakeEbay, startFakeEbay } from './fake-ebay.js';
import type { FakeEtsy } from './fake-etsy.js';
import type { FakeShopify } from './fake-shopify.js';
import { type Account, createTestApp, registerAccount, type TestApp } from './test-app.js';

export const ACCOUNTS = '/api/v1/marketplace/accounts/';
export const EBAY_APP = { clientId: 'Instica-App-PRD-1a2b3c', clientSecret: 'PRD-secret-4d5e6f', ruName: 'Instica-InsticaA-App-PR-abcdef' };
export const ETSY_APP = { keystring: '1aa2bb33c44d55eeeeee6fff', sharedSecret: 'ab12cd34ef' };
export const SHOPIFY_APP = { apiKey: 'a1b2c3d4e5f6shopifykey', apiSecret: 'shpss_0123456789abcdef' };
export const KIND_OF_BLUE = { id: 249504, artist: 'Miles Davis', title: 'Kind Of Blue', catno: 'CL 1355', barcodes: [] };
export const ADDRESS = {
  name: 'Groove Records',
  street_number: '42',
  street_1: 'Main Street',
  city: 'Portland',
  state_province: 'OR',
  postal_code: '97201',
  country: 'us',
};
const WORKING = ['pending', 'in_progress', 'delisting'];
/** How long a listing job may take before the test gives up (a retry after a 429 waits the 2 s backoff). */
const SETTLE_DEADLINE_MS = 30_000;
const POLL_INTERVAL_MS = 100;

/** The app's settings for the fake platforms given (EBAY_APP, ETSY_APP and SHOPIFY_APP as the registered apps). */
export function marketplaceEnv(fakes: {
  discogs?: FakeDiscogs;
  ebay?: FakeEbay;
  etsy?: FakeEtsy;
  shopify?: FakeShopify;
}): Record<string, string> {
  const { discogs, ebay, etsy, shopify } = fakes;
  return {
    ...(discogs ? { DISCOGS_API_URL: discogs.url } : {}),
    ...(ebay
      ? {
          EBAY_CLIENT_ID: EBAY_APP.clientId,
          EBAY_CLIENT_SECRET: EBAY_APP.clientSecret,
          EBAY_RU_NAME: EBAY_APP.ruName,
          EBAY_AUTH_URL: 'https://auth.ebay.example',
          EBAY_API_URL: ebay.url,
          EBAY_IDENTITY_URL: ebay.url,
          EBAY_MEDIA_URL: ebay.url,
        }
      : {}),
    ...(etsy
      ? { ETSY_API_KEY: ETSY_APP.keystring, ETSY_SHARED_SECRET: ETSY_APP.sharedSecret, ETSY_API_URL: etsy.url, ETSY_WEB_URL: etsy.url }
      : {}),
    ...(shopify
      ? {
          SHOPIFY_API_KEY: SHOPIFY_APP.apiKey,
          SHOPIFY_API_SECRET: SHOPIFY_APP.apiSecret,
          SHOPIFY_SHOP_URL_TEMPLATE: shopify.shopUrlTemplate,
        }
      : {}),
  };
}

/** Connects the seller's eBay account through our OAuth flow (the fake's consent skipped): its eBay user id. */
export async function connectEbay(t: TestApp, ebay: FakeEbay, account: Account): Promise<string> {
  const { state } = (await t.api.post(`${ACCOUNTS}ebay/connect/`).set(account.auth).send({}).expect(200)).body as { state: string };
  const userId = `ebay-${account.user.uid}`;
  const code = ebay.issueCode({ userId, username: `ebay_${account.user.uid}` });
  await t.api
    .get(`${ACCOUNTS}ebay/login/callback/?${new URLSearchParams({ code, state }).toString()}`)
    .set('Accept', 'application/json')
    .expect(200);
  return userId;
}

/** The seller's browser at a platform's consent page (Etsy, Shopify): followed to our callback, which answers the connection. */
export async function followConsent(t: TestApp, account: Account, authorizationUrl: string): Promise<void> {
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  if (consent.status !== 302) throw new Error(`The consent page answered ${consent.status}, not a redirect to our callback.`);
  const back = new URL(consent.headers.get('location')!);
  await t.api.get(`${back.pathname}${back.search}`).set(account.auth).set('Accept', 'application/json').expect(200);
}

/**
 * Whether a call to a platform is the periodic order sync's (eBay orders, Etsy receipts, Discogs orders): it runs every
 * ORDER_SYNC_INTERVAL_S on the clock (a day in the test apps, so at midnight UTC), so it may call during any test that
 * runs then; a test counting a listing's calls leaves it out.
 */
export function isOrderSyncCall(path: string): boolean {
  return /^\/sell\/fulfillment\/v1\/order\b|^\/v3\/application\/shops\/\d+\/receipts\b|^\/marketplace\/orders\b/.test(path);
}

export interface Listing {
  uid: string;
  status: string;
  platform: { slug: string };
  listing_id: string | null;
  listing_price_usd: string | null;
  marketplace_url: string | null;
  marketplace_details: Record<string, unknown>;
  last_error_code: { uid: string; slug: string; message: string; description: string } | null;
  permissions: Record<string, boolean>;
  action_reasons: Record<string, string>;
}

/** Listing and delisting an item over HTTP, and reading its listings until a job is done, on the app `app()` returns. */
export function listingActions(app: () => TestApp) {
  const list = (account: Account, uid: string, slug: string, body: Record<string, unknown> = {}) =>
    app().api.post(`/api/v1/inventory/${uid}/platforms/${slug}/list/`).set(account.auth).send(body);
  const delist = (account: Account, uid: string, slug: string) =>
    app().api.post(`/api/v1/inventory/${uid}/platforms/${slug}/delist/`).set(account.auth).send({});

  async function listingOn(account: Account, uid: string, slug: string): Promise<Listing | undefined> {
    const listings = (await app().api.get(`/api/v1/inventory/${uid}/listings/`).set(account.auth).expect(200)).body as Listing[];
    return listings.find((listing) => listing.platform.slug === slug);
  }

  /** Polls the item's listing on the platform until `done` holds (bounded): for a job that leaves the status as it was. */
  async function until(
    account: Account,
    uid: string,
    slug: string,
    done: (listing: Listing) => boolean,
    what: string,
    deadlineMs = SETTLE_DEADLINE_MS,
  ): Promise<Listing> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const listing = await listingOn(account, uid, slug);
      if (listing && done(listing)) return listing;
      if (Date.now() > deadline) throw new Error(`The ${slug} listing of ${uid} is ${what}: ${JSON.stringify(listing)}.`);
      await delay(POLL_INTERVAL_MS);
    }
  }

  /** Polls the item's listings until the platform's listing is no longer being worked on (bounded). */
  const settled = (account: Account, uid: string, slug: string, deadlineMs = SETTLE_DEADLINE_MS) =>
    until(account, uid, slug, (listing) => !WORKING.includes(listing.status), 'still being worked on', deadlineMs);

  return { list, delist, listingOn, settled, until };
}

/** Kind Of Blue (catalog number CL 1355) by Miles Davis on vinyl, with the `more` fields: its uid. */
export async function kindOfBlue(t: TestApp, account: Account, more: Record<string, unknown> = {}): Promise<string> {
  const product = await t.api
    .post('/api/v1/products/')
    .set(account.auth)
    .send({ title: 'Kind Of Blue', type: 'physical', catalog_number: 'CL 1355', artist_name: 'Miles Davis', formats: ['Vinyl'], ...more })
    .expect(201);
  return product.body.uid as string;
}

/** An item of the product, graded VG+/VG, ready to sell at `price` (none when null): its uid. */
export async function readyItem(t: TestApp, account: Account, productUid: string, price: string | null): Promise<string> {
  const created = await t.api
    .post('/api/v1/inventory/')
    .set(account.auth)
    .send({
      product_uid: productUid,
      condition_item: 'vg_plus',
      condition_container: 'vg',
      status: 'ready-to-sell',
      ...(price === null ? {} : { price_total_usd: price }),
    })
    .expect(201);
  return created.body.uid as string;
}

/** A JPEG photo attached to the item (live listings on eBay and Etsy need one). */
export async function addPhoto(t: TestApp, account: Account, uid: string): Promise<void> {
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
    .jpeg()
    .toBuffer();
  await t.api
    .post(`/api/v1/inventory/${uid}/assets/`)
    .set(account.auth)
    .attach('file', photo, { filename: 'front.jpg', contentType: 'image/jpeg' })
    .field('type', 'photo')
    .expect(201);
}

export function listingSetup(t: TestApp) {
  /** A seller with a primary address. */
  async function seller(): Promise<Account> {
    const account = await registerAccount(t.api);
    await t.api.post('/api/v1/organization/addresses/').set(account.auth).send(ADDRESS).expect(201);
    return account;
  }

  /** Kind Of Blue (catalog number CL 1355, 1959), graded VG+/VG, at `price`, with a photo (live listings on eBay and Etsy need one). */
  async function item(account: Account, price = '34.99'): Promise<string> {
    const uid = await readyItem(t, account, await kindOfBlue(t, account, { year: '1959' }), price);
    await addPhoto(t, account, uid);
    return uid;
  }

  return { seller, item, ...listingActions(() => t) };
}

/**
 * A listing e2e file's stage: fake Discogs (with Kind Of Blue) and fake eBay, and the app configured for both, started
 * before the file's tests and closed after them; sellers, items and listing actions on it.
 */
export function discogsAndEbayStage() {
  const stage = {} as { t: TestApp; discogs: FakeDiscogs; ebay: FakeEbay };
  let sellers = 0;

  beforeAll(async () => {
    [stage.discogs, stage.ebay] = await Promise.all([startFakeDiscogs(), startFakeEbay(EBAY_APP)]);
    stage.discogs.addRelease(KIND_OF_BLUE);
    stage.t = await createTestApp({
      env: {
        ...marketplaceEnv(stage),
        // Every second, so that a test's lost job is found at once; only listings recorded long ago are queued again.
        LISTING_RECOVERY_INTERVAL_S: '1',
      },
    });
  });
  afterAll(async () => {
    await stage.t?.close();
    await stage.discogs?.close();
    await stage.ebay?.close();
  });

  /** A seller with a primary address (unless told otherwise) and, each, their own Discogs account (its own rate limit). */
  async function seller(options: { address?: boolean; discogs?: boolean } = {}): Promise<Account & { discogsUser: number }> {
    const { t, discogs } = stage;
    const account = await registerAccount(t.api);
    if (options.address ?? true) await t.api.post('/api/v1/organization/addresses/').set(account.auth).send(ADDRESS).expect(201);
    sellers += 1;
    const discogsUser = 7_000_000 + sellers;
    if (options.discogs ?? true) {
      const token = `token-${discogsUser}`;
      discogs.addPersonalToken(token, { id: discogsUser, username: `shop_${discogsUser}` });
      await t.api.post(ACCOUNTS).set(account.auth).send({ platform: 'discogs', personal_token: token }).expect(201);
    }
    return { ...account, discogsUser };
  }

  const connectSellerEbay = async (account: Account): Promise<void> => {
    await connectEbay(stage.t, stage.ebay, account);
  };

  /** Kind Of Blue (catalog number CL 1355), graded VG+/VG, at `price` (none when null). */
  async function item(account: Account, price: string | null = '34.99'): Promise<string> {
    return readyItem(stage.t, account, await kindOfBlue(stage.t, account), price);
  }

  /** An item with one photo (eBay publishes no offer without a picture). */
  async function photographed(account: Account, price: string | null = '34.99'): Promise<string> {
    const uid = await item(account, price);
    await addPhoto(stage.t, account, uid);
    return uid;
  }

  const discogsCallsFor = (user: number) =>
    stage.discogs.requests
      .filter((request) => request.authorization === `Discogs token=token-${user}` && !isOrderSyncCall(request.path))
      .map((request) => `${request.method} ${request.path}`);

  return { stage, seller, connectEbay: connectSellerEbay, item, photographed, discogsCallsFor, ...listingActions(() => stage.t) };
}
