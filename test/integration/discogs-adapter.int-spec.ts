import { loadConfig } from '../../src/config/app-config.js';
import { DiscogsAdapter } from '../../src/modules/marketplace/adapters/discogs/discogs.adapter.js';
import { DiscogsClient } from '../../src/modules/marketplace/adapters/discogs/discogs.client.js';
import type { ListingDraft, RemoteListing, RemoteOrder } from '../../src/modules/marketplace/adapters/marketplace-adapter.js';
import { MarketplaceError } from '../../src/modules/marketplace/adapters/marketplace-error.js';
import { type FakeDiscogs, startFakeDiscogs } from '../support/fake-discogs.js';
import { sellerSession } from '../support/seller-session.js';
import { callPacer } from '../support/call-pacer.js';

const APP = { consumerKey: 'InsticaConsumerKey', consumerSecret: 'InsticaConsumerSecret' };
const SELLER = { id: 1234567, username: 'vinyl_vault' };
const KIND_OF_BLUE = { id: 249504, artist: 'Miles Davis', title: 'Kind Of Blue', catno: 'CL 1355', barcodes: ['0 7464-64035-2 0'] };

function draft(fields: Partial<ListingDraft> = {}): ListingDraft {
  return {
    itemUid: 'inv_7Hq2mX9',
    title: 'Miles Davis - Kind Of Blue',
    description: 'Six-eye label, light hairlines, plays clean.',
    priceUsd: '34.99',
    quantity: 1,
    conditionItem: 'vg_plus',
    conditionContainer: 'vg',
    productType: 'physical',
    format: 'Vinyl',
    artist: 'Miles Davis',
    label: 'Columbia',
    catalogNumber: 'CL 1355',
    barcode: null,
    releaseYear: '1959',
    pictures: [{ data: Buffer.from('jpeg bytes'), contentType: 'image/jpeg', fileName: 'front.jpg' }],
    isDraft: true,
    settings: {},
    ...fields,
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

async function failure(promise: Promise<unknown>): Promise<MarketplaceError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MarketplaceError);
  return error as MarketplaceError;
}

describe('DiscogsAdapter against a fake Discogs (integration)', () => {
  let discogs: FakeDiscogs;
  let adapter: DiscogsAdapter;
  const personal = () => sellerSession({ externalUserId: String(SELLER.id), credentials: { personalToken: 'personal-token-1' } });

  beforeAll(async () => {
    discogs = await startFakeDiscogs(APP);
    discogs.addPersonalToken('personal-token-1', SELLER);
    discogs.addAccessToken('oauth-token-1', 'oauth-secret-1', SELLER);
    discogs.addRelease(KIND_OF_BLUE);
    discogs.addRelease({ id: 1000001, artist: 'John Coltrane', title: 'Blue Train', catno: 'BLP 1577' });
    const config = loadConfig({
      DISCOGS_API_URL: discogs.url,
      DISCOGS_CONSUMER_KEY: APP.consumerKey,
      DISCOGS_CONSUMER_SECRET: APP.consumerSecret,
      PUBLIC_URL: 'https://shop.example.com',
    });
    adapter = new DiscogsAdapter(new DiscogsClient(config, callPacer()), config);
  });
  afterAll(async () => {
    await discogs?.close();
  });
  beforeEach(() => {
    discogs.requests.length = 0;
  });

  it('creates a draft on the release its catalog number finds, with the Discogs condition strings; no pictures are sent', async () => {
    const created = await adapter.createListing(personal(), draft());
    expect(created).toEqual({
      listingId: expect.stringMatching(/^\d+$/),
      listingUrl: `https://www.discogs.com/sell/item/${created.listingId}`,
      state: 'draft',
      priceUsd: '34.99',
      details: { release_id: KIND_OF_BLUE.id, condition: 'Very Good Plus (VG+)', sleeve_condition: 'Very Good (VG)', status: 'Draft' },
    });
    expect(discogs.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /database/search',
      'POST /marketplace/listings',
    ]);
    expect(discogs.requests[0].query).toMatchObject({ type: 'release', catno: 'CL 1355', artist: 'Miles Davis' });
    expect(discogs.requests[1].body).toEqual({
      release_id: KIND_OF_BLUE.id,
      condition: 'Very Good Plus (VG+)',
      sleeve_condition: 'Very Good (VG)',
      price: 34.99,
      status: 'Draft',
      comments: 'Six-eye label, light hairlines, plays clean.',
      external_id: 'inv_7Hq2mX9',
    });
    expect(discogs.listings.get(Number(created.listingId))).toMatchObject({ status: 'Draft', sellerId: SELLER.id });
  });

  it("creates a live listing on the seller's release_id, with allow_offers, location, weight and format quantity", async () => {
    const created = await adapter.createListing(
      personal(),
      draft({
        isDraft: false,
        catalogNumber: null,
        conditionContainer: 'generic',
        settings: { release_id: '1000001', allow_offers: true, location: 'Crate 12', weight: 230, format_quantity: 1 },
      }),
    );
    expect(created.state).toBe('listed');
    expect(discogs.requests.map((request) => request.path)).toEqual(['/marketplace/listings']);
    expect(discogs.listings.get(Number(created.listingId))).toMatchObject({
      release_id: 1000001,
      status: 'For Sale',
      sleeve_condition: 'Generic',
      allow_offers: true,
      location: 'Crate 12',
      weight: 230,
      format_quantity: 1,
    });
  });

  it('rejects a draft no release matches, naming what was searched, and lists nothing', async () => {
    const before = discogs.listings.size;
    const error = await failure(adapter.createListing(personal(), draft({ catalogNumber: 'NOPE 1', barcode: '123456789012' })));
    expect(error.kind).toBe('rejected');
    expect(error.message).toBe(
      'No Discogs release matches catalog number NOPE 1 / barcode 123456789012: set marketplace_details.release_id.',
    );
    expect(discogs.listings.size).toBe(before);
  });

  it('publishes a draft, changes its price keeping its status, and delists it twice without error', async () => {
    const session = personal();
    const created = await adapter.createListing(session, draft());
    const id = Number(created.listingId);

    await adapter.updatePrice(session, { listingId: created.listingId, details: created.details }, '29.50');
    expect(discogs.listings.get(id)).toMatchObject({ price: 29.5, status: 'Draft', condition: 'Very Good Plus (VG+)' });
    expect(discogs.requests.at(-1)!.body).toEqual({
      release_id: KIND_OF_BLUE.id,
      condition: 'Very Good Plus (VG+)',
      sleeve_condition: 'Very Good (VG)',
      price: 29.5,
      status: 'Draft',
    });

    const published = await adapter.publishListing(
      session,
      { listingId: created.listingId, details: created.details },
      draft({ priceUsd: '29.50' }),
    );
    expect(published).toMatchObject({ listingId: created.listingId, state: 'listed', details: { status: 'For Sale' } });
    expect(discogs.requests.at(-1)).toMatchObject({ method: 'POST', path: `/marketplace/listings/${id}` });
    expect(discogs.listings.get(id)).toMatchObject({ status: 'For Sale', release_id: KIND_OF_BLUE.id, price: 29.5 });

    await adapter.updatePrice(session, { listingId: created.listingId, details: published.details }, '27.00');
    expect(discogs.listings.get(id)).toMatchObject({ price: 27, status: 'For Sale' });

    await adapter.delist(session, { listingId: created.listingId, details: published.details });
    expect(discogs.listings.has(id)).toBe(false);
    await adapter.delist(session, { listingId: created.listingId, details: published.details });
    expect(discogs.requests.slice(-2).map((request) => `${request.method} ${request.path}`)).toEqual([
      `DELETE /marketplace/listings/${id}`,
      `DELETE /marketplace/listings/${id}`,
    ]);
  });

  it("reads the seller's whole For Sale inventory, 100 a page, to the last page", async () => {
    const seller = { id: 777, username: 'crate_shop' };
    discogs.addPersonalToken('crate-token', seller);
    for (let n = 0; n < 205; n += 1) {
      discogs.addListing(seller, { release_id: KIND_OF_BLUE.id, price: 10 + n / 100, external_id: n === 0 ? 'inv_first' : null });
    }
    discogs.addListing(seller, { release_id: KIND_OF_BLUE.id, status: 'Draft' });
    discogs.addListing(SELLER, { release_id: KIND_OF_BLUE.id });

    const listings = await collect(adapter.fetchActiveListings(sellerSession({ credentials: { personalToken: 'crate-token' } })));
    expect(listings).toHaveLength(205);
    expect(new Set(listings.map((listing) => listing.listingId)).size).toBe(205);
    expect(listings[0]).toEqual<RemoteListing>({
      listingId: expect.stringMatching(/^\d+$/),
      externalId: 'inv_first',
      title: 'Miles Davis - Kind Of Blue',
      priceUsd: '10.00',
      listingUrl: expect.stringMatching(/^https:\/\/www\.discogs\.com\/sell\/item\/\d+$/),
      state: 'listed',
      quantity: 1,
      conditionItem: 'vg_plus',
      details: { release_id: KIND_OF_BLUE.id, condition: 'Very Good Plus (VG+)', status: 'For Sale', currency: 'USD' },
    });
    const pages = discogs.requests.filter((request) => request.path === '/users/crate_shop/inventory');
    expect(pages.map((request) => request.query)).toEqual(
      [1, 2, 3].map((page) => expect.objectContaining({ status: 'For Sale', per_page: '100', page: String(page) })),
    );
  });

  it('reads the orders active since a date, newest first across pages, and stops at older ones', async () => {
    const seller = { id: 888, username: 'order_shop' };
    discogs.addPersonalToken('order-token', seller);
    const listing = discogs.addListing(seller, { release_id: KIND_OF_BLUE.id, price: 30 });
    for (let n = 0; n < 120; n += 1) {
      const at = new Date(Date.UTC(2026, 10, 1) + n * 3_600_000).toISOString();
      discogs.addOrder(seller, {
        id: `888-${n + 1}`,
        created: at,
        last_activity: at,
        items: [{ listingId: listing.id, releaseId: KIND_OF_BLUE.id, price: 30 }],
      });
    }
    const since = new Date(Date.UTC(2026, 10, 1) + 10 * 3_600_000);
    const orders = await collect(adapter.fetchOrders(sellerSession({ credentials: { personalToken: 'order-token' } }), since));
    expect(orders).toHaveLength(110);
    expect(orders[0]).toEqual<RemoteOrder>({
      orderId: '888-120',
      createdAt: new Date(Date.UTC(2026, 10, 1) + 119 * 3_600_000),
      status: 'Payment Received',
      state: 'paid',
      buyerName: 'crate_digger',
      buyerEmail: null,
      totalUsd: '35.00',
      shippingUsd: '5.00',
      feesUsd: '1.00',
      platformFeeUsd: null,
      shippingAddress: expect.objectContaining({ name: 'crate_digger', street1: '1 Main St', city: 'Springfield' }),
      lines: [
        { listingId: String(listing.id), externalId: null, sku: null, title: 'Miles Davis - Kind Of Blue', quantity: 1, priceUsd: '30.00' },
      ],
      details: expect.objectContaining({ currency: 'USD', shipping_method: 'Standard' }),
    });
    expect(orders.at(-1)!.orderId).toBe('888-11');
    const pages = discogs.requests.filter((request) => request.path === '/marketplace/orders');
    expect(pages.map((request) => request.query)).toEqual(
      [1, 2].map((page) => expect.objectContaining({ sort: 'last_activity', sort_order: 'desc', page: String(page), per_page: '100' })),
    );
  });

  it('marks an order shipped with one order message carrying the tracking number; a retry only messages again', async () => {
    discogs.addOrder(SELLER, { id: '1234567-42' });
    const shipment = { carrier: 'usps', trackingNumber: '9400111899223856928499', shippedAt: new Date('2026-12-02T15:00:00Z') };
    await adapter.markShipped(personal(), { orderId: '1234567-42', details: {} }, shipment);
    const order = discogs.orders.get('1234567-42')!;
    expect(order.status).toBe('Shipped');
    const message = 'Your order was shipped on 2026-12-02 with USPS. Tracking number: 9400111899223856928499';
    expect(order.messages).toEqual([{ message, status: 'Shipped' }]);
    expect(discogs.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /marketplace/orders/1234567-42',
      'POST /marketplace/orders/1234567-42/messages',
    ]);

    await adapter.markShipped(personal(), { orderId: '1234567-42', details: {} }, shipment);
    expect(order.messages.at(-1)).toEqual({ message, status: undefined });
    expect(discogs.requests.at(-1)!.body).toEqual({ message });
  });

  it("turns Discogs' failures into MarketplaceErrors: 429 rate_limited, 5xx unavailable, 422 rejected with its message, 401 unauthorized", async () => {
    discogs.failNext(429);
    const throttled = await failure(adapter.createListing(personal(), draft({ settings: { release_id: KIND_OF_BLUE.id } })));
    expect(throttled).toMatchObject({
      kind: 'rate_limited',
      httpStatus: 429,
      retryAfterSeconds: 1,
      message: 'You are making requests too quickly.',
    });

    discogs.failNext(503);
    expect((await failure(adapter.delist(personal(), { listingId: '1', details: {} }))).kind).toBe('unavailable');

    const refused = await failure(adapter.createListing(personal(), draft({ settings: { release_id: 424242 } })));
    expect(refused).toMatchObject({ kind: 'rejected', httpStatus: 422, message: 'Invalid release_id: release not found.' });

    const revoked = sellerSession({ credentials: { personalToken: 'revoked-token' } });
    const unauthorized = await failure(collect(adapter.fetchActiveListings(revoked)));
    expect(unauthorized).toMatchObject({ kind: 'unauthorized', message: 'You must authenticate to access this resource.' });
    expect(revoked.saves).toEqual([]);

    expect((await failure(adapter.createListing(personal(), draft({ conditionItem: null })))).message).toMatch(/media condition/);
    expect((await failure(adapter.updatePrice(personal(), { listingId: '1', details: {} }, '5.00'))).kind).toBe('rejected');
  });

  it('signs calls with a personal token or with the OAuth PLAINTEXT header, and sends a User-Agent', async () => {
    await collect(adapter.fetchOrders(personal(), new Date()));
    expect(discogs.requests[0].authorization).toBe('Discogs token=personal-token-1');
    expect(discogs.requests[0].userAgent).toMatch(/^Instica\//);

    discogs.requests.length = 0;
    const oauth = sellerSession({ credentials: { token: 'oauth-token-1', tokenSecret: 'oauth-secret-1' } });
    const created = await adapter.createListing(oauth, draft({ settings: { release_id: KIND_OF_BLUE.id } }));
    expect(discogs.listings.get(Number(created.listingId))!.sellerId).toBe(SELLER.id);
    const header = discogs.requests[0].authorization!;
    expect(header).toMatch(/^OAuth /);
    expect(header).toContain(`oauth_consumer_key="${APP.consumerKey}"`);
    expect(header).toContain('oauth_token="oauth-token-1"');
    expect(header).toContain('oauth_signature_method="PLAINTEXT"');
    expect(header).toContain(`oauth_signature="${APP.consumerSecret}&oauth-secret-1"`);
    expect(header).toMatch(/oauth_nonce="[0-9a-f]{32}"/);
    expect(header).toMatch(/oauth_timestamp="\d+"/);

    const wrongSecret = sellerSession({ credentials: { token: 'oauth-token-1', tokenSecret: 'not-the-secret' } });
    expect((await failure(adapter.delist(wrongSecret, { listingId: created.listingId, details: {} }))).kind).toBe('unauthorized');

    const withoutKeysConfig = loadConfig({ DISCOGS_API_URL: discogs.url });
    const withoutKeys = new DiscogsAdapter(new DiscogsClient(withoutKeysConfig, callPacer()), withoutKeysConfig);
    const unconfigured = await failure(withoutKeys.delist(oauth, { listingId: created.listingId, details: {} }));
    expect(unconfigured).toMatchObject({ kind: 'unavailable' });
    expect(unconfigured.message).toMatch(/DISCOGS_CONSUMER_KEY/);
    expect((await failure(withoutKeys.delist(sellerSession({ credentials: {} }), { listingId: '1', details: {} }))).kind).toBe(
      'unauthorized',
    );
  });
});
