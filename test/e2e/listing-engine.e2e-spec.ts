import { setTimeout as delay } from 'node:timers/promises';
import sharp from 'sharp';
import { type FakeDiscogs, startFakeDiscogs } from '../support/fake-discogs.js';
import { type FakeEbay, startFakeEbay } from '../support/fake-ebay.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const EBAY_APP = { clientId: 'Instica-App-PRD-1a2b3c', clientSecret: 'PRD-secret-4d5e6f', ruName: 'Instica-InsticaA-App-PR-abcdef' };
const ACCOUNTS = '/api/v1/marketplace/accounts/';
const KIND_OF_BLUE = { id: 249504, artist: 'Miles Davis', title: 'Kind Of Blue', catno: 'CL 1355', barcodes: [] };
const ADDRESS = {
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

interface Listing {
  uid: string;
  status: string;
  platform: { slug: string };
  listing_id: string | null;
  listing_price_usd: string | null;
  marketplace_url: string | null;
  marketplace_details: Record<string, unknown>;
  last_error_code: { uid: string; slug: string; message: string; description: string } | null;
}

describe('Listing engine: list and delist on a platform (e2e)', () => {
  let t: TestApp;
  let discogs: FakeDiscogs;
  let ebay: FakeEbay;
  let sellers = 0;

  beforeAll(async () => {
    [discogs, ebay] = await Promise.all([startFakeDiscogs(), startFakeEbay(EBAY_APP)]);
    discogs.addRelease(KIND_OF_BLUE);
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
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await discogs?.close();
    await ebay?.close();
  });

  /** A seller with a primary address (unless told otherwise) and, each, their own Discogs account (its own rate limit). */
  async function seller(options: { address?: boolean; discogs?: boolean } = {}): Promise<Account & { discogsUser: number }> {
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

  async function connectEbay(account: Account): Promise<void> {
    const { state } = (await t.api.post(`${ACCOUNTS}ebay/connect/`).set(account.auth).send({}).expect(200)).body as { state: string };
    const code = ebay.issueCode({ userId: `ebay-${account.user.uid}`, username: `ebay_${account.user.uid}` });
    await t.api
      .get(`${ACCOUNTS}ebay/login/callback/?${new URLSearchParams({ code, state }).toString()}`)
      .set('Accept', 'application/json')
      .expect(200);
  }

  /** Kind Of Blue (catalog number CL 1355), graded VG+/VG, at `price` (none when null). */
  async function item(account: Account, price: string | null = '34.99'): Promise<string> {
    const product = await t.api
      .post('/api/v1/products/')
      .set(account.auth)
      .send({ title: 'Kind Of Blue', type: 'physical', catalog_number: 'CL 1355', artist_name: 'Miles Davis', formats: ['Vinyl'] })
      .expect(201);
    const created = await t.api
      .post('/api/v1/inventory/')
      .set(account.auth)
      .send({
        product_uid: product.body.uid,
        condition_item: 'vg_plus',
        condition_container: 'vg',
        status: 'ready-to-sell',
        ...(price === null ? {} : { price_total_usd: price }),
      })
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
  async function settled(account: Account, uid: string, slug: string, deadlineMs = SETTLE_DEADLINE_MS): Promise<Listing> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const listing = await listingOn(account, uid, slug);
      if (listing && !WORKING.includes(listing.status)) return listing;
      if (Date.now() > deadline) throw new Error(`The ${slug} listing of ${uid} is still ${listing?.status ?? 'missing'}.`);
      await delay(POLL_INTERVAL_MS);
    }
  }

  const discogsCallsFor = (user: number) =>
    discogs.requests.filter((request) => request.authorization === `Discogs token=token-${user}`).map((r) => `${r.method} ${r.path}`);

  it('lists on Discogs as a draft by default: answered at once, then the draft with its Discogs listing', async () => {
    const shop = await seller();
    const uid = await item(shop);
    const answer = await list(shop, uid, 'discogs').expect(200);
    expect(answer.body).toEqual({
      platform: 'discogs',
      listing_uid: expect.stringMatching(/^lst_/),
      status: 'in_progress',
      message: 'Listing submitted to Discogs.',
    });
    const listing = await settled(shop, uid, 'discogs');
    expect(listing).toMatchObject({
      uid: answer.body.listing_uid,
      status: 'draft',
      listing_id: expect.stringMatching(/^\d+$/),
      listing_price_usd: '34.99',
      last_error_code: null,
    });
    expect(listing.marketplace_details).toMatchObject({ release_id: KIND_OF_BLUE.id, status: 'Draft' });
    expect(discogs.listings.get(Number(listing.listing_id))).toMatchObject({ status: 'Draft', external_id: uid, price: 34.99 });
    expect(discogsCallsFor(shop.discogsUser)).toEqual(['GET /oauth/identity', 'GET /database/search', 'POST /marketplace/listings']);
  });

  it('lists live, then delists; the audit log shows every status change', async () => {
    const shop = await seller();
    const uid = await item(shop);
    await list(shop, uid, 'discogs', { is_draft: false }).expect(200);
    const listed = await settled(shop, uid, 'discogs');
    expect(listed).toMatchObject({
      status: 'listed',
      listing_id: expect.stringMatching(/^\d+$/),
      marketplace_url: `https://www.discogs.com/sell/item/${listed.listing_id}`,
      listing_price_usd: '34.99',
    });
    expect(discogs.listings.get(Number(listed.listing_id))?.status).toBe('For Sale');

    const refused = await list(shop, uid, 'discogs', { is_draft: false }).expect(400);
    expect(refused.body).toEqual({
      non_field_errors: ['The item already has a live listing on this platform.'],
      blocking_code: 'already_listed',
    });

    const answer = await delist(shop, uid, 'discogs').expect(200);
    expect(answer.body).toMatchObject({ listing_uid: listed.uid, status: 'delisting' });
    expect(await settled(shop, uid, 'discogs')).toMatchObject({ status: 'delisted', last_error_code: null });
    expect(discogs.listings.has(Number(listed.listing_id))).toBe(false);

    const logs = (await t.api.get(`/api/v1/inventory/${uid}/audit-logs/`).set(shop.auth).expect(200)).body.results as Array<{
      action: string;
      listing_uid: string;
      platform_slug: string;
      metadata: { status_before: string | null; status_after: string };
    }>;
    const changes = logs
      .filter((log) => log.listing_uid === listed.uid)
      .reverse()
      .map((log) => [log.action, log.platform_slug, log.metadata.status_before, log.metadata.status_after]);
    expect(changes).toEqual([
      ['list', 'discogs', null, 'in_progress'],
      ['list', 'discogs', 'in_progress', 'listed'],
      ['delist', 'discogs', 'listed', 'delisting'],
      ['delist', 'discogs', 'delisting', 'delisted'],
    ]);
  });

  it('lists live on eBay, the picture uploaded as its stored bytes, the expiring token renewed and stored sealed', async () => {
    const shop = await seller({ discogs: false });
    await connectEbay(shop);
    const uid = await item(shop);
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    await t.api
      .post(`/api/v1/inventory/${uid}/assets/`)
      .set(shop.auth)
      .attach('file', photo, { filename: 'front.jpg', contentType: 'image/jpeg' })
      .field('type', 'photo')
      .expect(201);
    const imagesBefore = ebay.images.size;
    // The access token about to expire: the job renews it first and stores the renewed credentials sealed.
    const accountOf = async () =>
      (
        await t.sql(
          `SELECT credentials, token_expires_at FROM marketplace_accounts
            WHERE organization_id = (SELECT organization_id FROM users WHERE uid = $1)`,
          [shop.user.uid],
        )
      ).rows[0] as { credentials: string; token_expires_at: Date };
    await t.sql(
      `UPDATE marketplace_accounts SET token_expires_at = now() + interval '1 minute'
        WHERE organization_id = (SELECT organization_id FROM users WHERE uid = $1)`,
      [shop.user.uid],
    );
    const sealedBefore = (await accountOf()).credentials;

    await list(shop, uid, 'ebay', { is_draft: false }).expect(200);
    const listing = await settled(shop, uid, 'ebay');
    expect(listing).toMatchObject({ status: 'listed', listing_price_usd: '34.99', last_error_code: null });
    expect(listing.marketplace_url).toBe(`https://www.ebay.com/itm/${listing.listing_id}`);
    expect(ebay.images.size).toBe(imagesBefore + 1);
    const uploaded = [...ebay.images.values()].at(-1)!;
    expect(uploaded.contentType).toBe('image/jpeg');
    expect(Buffer.compare(uploaded.data, photo)).toBe(0);
    expect(ebay.inventoryItems.get(uid)).toBeDefined();
    expect(ebay.tokenRequests.at(-1)!.form.grant_type).toBe('refresh_token');
    const renewed = await accountOf();
    expect(renewed.credentials).toMatch(/^v1:/);
    expect(renewed.credentials).not.toBe(sealedBefore);
    expect(new Date(renewed.token_expires_at).getTime()).toBeGreaterThan(Date.now() + 3_600_000);
  });

  it('records listing_failed with price_not_set for an item without a price, and calls no platform; a deleted or unknown item is a 404', async () => {
    const shop = await seller();
    const uid = await item(shop, null);
    const before = discogsCallsFor(shop.discogsUser).length;
    const answer = await list(shop, uid, 'discogs').expect(200);
    expect(answer.body).toMatchObject({ platform: 'discogs', status: 'listing_failed', message: 'Set a price before listing.' });
    expect(await listingOn(shop, uid, 'discogs')).toMatchObject({
      uid: answer.body.listing_uid,
      status: 'listing_failed',
      last_error_code: {
        uid: expect.stringMatching(/^err_/),
        slug: 'price_not_set',
        message: 'Price not set',
        description: 'Set a price before listing.',
      },
    });
    expect(discogsCallsFor(shop.discogsUser)).toHaveLength(before);
    await list(shop, 'inv_doesnotexist', 'discogs').expect(404);
    await t.api.delete(`/api/v1/inventory/${uid}/`).set(shop.auth).expect(204);
    await list(shop, uid, 'discogs').expect(404);
  });

  it('refuses a platform not connected (not_connected), an organization without a primary address, an unknown platform', async () => {
    const shop = await seller({ discogs: false });
    const uid = await item(shop);
    expect((await list(shop, uid, 'discogs').expect(400)).body).toEqual({
      non_field_errors: ['Connect your account on this platform before listing.'],
      blocking_code: 'not_connected',
    });
    await list(shop, uid, 'myspace').expect(404);
    expect((await list(shop, uid, 'redbubble').expect(400)).body.listing_url[0]).toMatch(/browser extension/);

    const homeless = await seller({ address: false });
    const other = await item(homeless);
    const refused = await list(homeless, other, 'discogs').expect(400);
    expect(refused.body.non_field_errors[0]).toMatch(/primary address/);
    expect(await listingOn(homeless, other, 'discogs')).toBeUndefined();
    // Another organization's item is a 404 whatever the caller's own setup lacks.
    expect((await list(homeless, uid, 'discogs').expect(404)).body).toEqual({ detail: 'Not found.' });
    await delist(homeless, uid, 'discogs').expect(404);
  });

  it('answers 402 when the trial has expired, before anything else', async () => {
    const shop = await seller();
    const uid = await item(shop);
    await t.sql(
      `UPDATE subscriptions SET trial_ends_at = now() - interval '1 minute'
        WHERE organization_id = (SELECT organization_id FROM users WHERE uid = $1)`,
      [shop.user.uid],
    );
    expect((await list(shop, uid, 'discogs').expect(402)).body).toEqual({ detail: 'An active subscription is required for this action.' });
    await delist(shop, uid, 'discogs').expect(402);
  });

  it("records listing_failed with the platform's message when the platform refuses the listing", async () => {
    const shop = await seller();
    const uid = await item(shop);
    discogs.failNext(422, 1, 'Invalid release_id: release does not exist.');
    await list(shop, uid, 'discogs').expect(200);
    expect(await settled(shop, uid, 'discogs')).toMatchObject({
      status: 'listing_failed',
      last_error_code: { slug: 'marketplace_rejected', message: expect.stringContaining('Invalid release_id: release does not exist.') },
    });
  });

  it('publishes a draft made earlier: the same Discogs listing goes For Sale', async () => {
    const shop = await seller();
    const uid = await item(shop);
    await list(shop, uid, 'discogs').expect(200);
    const draft = await settled(shop, uid, 'discogs');
    expect(draft.status).toBe('draft');
    await list(shop, uid, 'discogs', { is_draft: false }).expect(200);
    expect(await settled(shop, uid, 'discogs')).toMatchObject({ uid: draft.uid, status: 'listed', listing_id: draft.listing_id });
    expect(discogs.listings.get(Number(draft.listing_id))?.status).toBe('For Sale');
    expect(discogsCallsFor(shop.discogsUser).filter((call) => call === 'POST /marketplace/listings')).toHaveLength(1);
  });

  it('marks the connection expired and the listing failed when the platform refuses the credentials', async () => {
    const shop = await seller();
    const uid = await item(shop);
    discogs.failNext(401, 1, 'You must authenticate to access this resource.');
    await list(shop, uid, 'discogs').expect(200);
    expect(await settled(shop, uid, 'discogs')).toMatchObject({
      status: 'listing_failed',
      last_error_code: { slug: 'connection_expired', description: 'Reconnect your Discogs account, then retry.' },
    });
    const [account] = (await t.api.get(ACCOUNTS).set(shop.auth).expect(200)).body as Array<{ status: string; last_error: string }>;
    expect(account.status).toBe('expired');
    expect(account.last_error).toContain('You must authenticate');
    expect((await list(shop, uid, 'discogs').expect(400)).body.blocking_code).toBe('not_connected');
  });

  it('retries after a 429 and then lists', async () => {
    const shop = await seller();
    const uid = await item(shop);
    discogs.failNext(429);
    await list(shop, uid, 'discogs', { is_draft: false }).expect(200);
    expect(await settled(shop, uid, 'discogs')).toMatchObject({ status: 'listed', last_error_code: null });
    // The search answered 429 and was asked again by the retried job; one listing was made.
    expect(discogsCallsFor(shop.discogsUser).slice(1)).toEqual([
      'GET /database/search',
      'GET /database/search',
      'POST /marketplace/listings',
    ]);
  });

  it('fails as marketplace_unavailable once the platform kept failing for every attempt', async () => {
    const shop = await seller();
    const uid = await item(shop);
    discogs.failNext(503, 5, 'Service Unavailable');
    await list(shop, uid, 'discogs').expect(200);
    // Five attempts with the backoff doubling from 2 s: about 30 s.
    expect(await settled(shop, uid, 'discogs', 60_000)).toMatchObject({
      status: 'listing_failed',
      last_error_code: { slug: 'marketplace_unavailable', description: 'Discogs did not answer after several tries; retry later.' },
    });
    expect(discogsCallsFor(shop.discogsUser).slice(1)).toEqual(Array.from({ length: 5 }, () => 'GET /database/search'));
  }, 90_000);

  it('acts once for the same Idempotency-Key sent twice', async () => {
    const shop = await seller();
    const uid = await item(shop);
    const send = () => list(shop, uid, 'discogs', { is_draft: false }).set('Idempotency-Key', `list-${uid}`).expect(200);
    const first = await send();
    await settled(shop, uid, 'discogs');
    const again = await send();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await settled(shop, uid, 'discogs')).toMatchObject({ status: 'listed' });
    expect(discogsCallsFor(shop.discogsUser).filter((call) => call === 'POST /marketplace/listings')).toHaveLength(1);
  });
});
