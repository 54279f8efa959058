import { setTimeout as delay } from 'node:timers/promises';
import sharp from 'sharp';
import { type Account, registerAccount, type TestApp } from './test-app.js';

export const ACCOUNTS = '/api/v1/marketplace/accounts/';
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

export interface Listing {
  uid: string;
  status: string;
  platform: { slug: string };
  listing_id: string | null;
  listing_price_usd: string | null;
  marketplace_url: string | null;
  marketplace_details: Record<string, unknown>;
  last_error_code: { uid: string; slug: string; message: string; description: string } | null;
}

/** The listing steps of the engine over HTTP, for one app under test. */
export function listingSetup(t: TestApp) {
  /** A seller with a primary address. */
  async function seller(): Promise<Account> {
    const account = await registerAccount(t.api);
    await t.api.post('/api/v1/organization/addresses/').set(account.auth).send(ADDRESS).expect(201);
    return account;
  }

  /** Kind Of Blue (catalog number CL 1355, 1959), graded VG+/VG, at `price`, with a photo (live listings on eBay and Etsy need one). */
  async function item(account: Account, price = '34.99'): Promise<string> {
    const product = await t.api
      .post('/api/v1/products/')
      .set(account.auth)
      .send({
        title: 'Kind Of Blue',
        type: 'physical',
        catalog_number: 'CL 1355',
        artist_name: 'Miles Davis',
        formats: ['Vinyl'],
        year: '1959',
      })
      .expect(201);
    const created = await t.api
      .post('/api/v1/inventory/')
      .set(account.auth)
      .send({
        product_uid: product.body.uid,
        condition_item: 'vg_plus',
        condition_container: 'vg',
        status: 'ready-to-sell',
        price_total_usd: price,
      })
      .expect(201);
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    await t.api
      .post(`/api/v1/inventory/${created.body.uid}/assets/`)
      .set(account.auth)
      .attach('file', photo, { filename: 'front.jpg', contentType: 'image/jpeg' })
      .field('type', 'photo')
      .expect(201);
    return created.body.uid as string;
  }

  const list = (account: Account, uid: string, slug: string, body: Record<string, unknown> = {}) =>
    t.api.post(`/api/v1/inventory/${uid}/platforms/${slug}/list/`).set(account.auth).send(body);
  const delist = (account: Account, uid: string, slug: string) =>
    t.api.post(`/api/v1/inventory/${uid}/platforms/${slug}/delist/`).set(account.auth).send({});

  async function listingOn(account: Account, uid: string, slug: string): Promise<Listing | undefined> {
    const listings = (await t.api.get(`/api/v1/inventory/${uid}/listings/`).set(account.auth).expect(200)).body as Listing[];
    return listings.find((listing) => listing.platform.slug === slug);
  }

  /** Polls the item's listings until the platform's listing is no longer being worked on (bounded). */
  async function settled(account: Account, uid: string, slug: string): Promise<Listing> {
    return until(account, uid, slug, (listing) => !WORKING.includes(listing.status), 'still being worked on');
  }

  /** Polls the item's listing on the platform until `done` holds (bounded): for a job that leaves the status as it was. */
  async function until(account: Account, uid: string, slug: string, done: (listing: Listing) => boolean, what: string): Promise<Listing> {
    const deadline = Date.now() + SETTLE_DEADLINE_MS;
    for (;;) {
      const listing = await listingOn(account, uid, slug);
      if (listing && done(listing)) return listing;
      if (Date.now() > deadline) throw new Error(`The ${slug} listing of ${uid} is ${what}: ${JSON.stringify(listing)}.`);
      await delay(POLL_INTERVAL_MS);
    }
  }

  return { seller, item, list, delist, listingOn, settled, until };
}
