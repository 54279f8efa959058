import { createHash, randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/app-config.js';
import { EtsyAdapter } from '../../src/modules/marketplace/adapters/etsy/etsy.adapter.js';
import type { ListingDraft, RemoteListing, RemoteOrder } from '../../src/modules/marketplace/adapters/marketplace-adapter.js';
import { MarketplaceError } from '../../src/modules/marketplace/adapters/marketplace-error.js';
import { ETSY_SELLER_TAXONOMY, type EtsySeller, type FakeEtsy, startFakeEtsy } from '../support/fake-etsy.js';
import { type RecordedSellerSession, sellerSession } from '../support/seller-session.js';
import { callPacer } from '../support/call-pacer.js';

const APP = { keystring: '1aa2bb33c44d55eeeeee6fff', sharedSecret: 'ab12cd34ef' };

/**
 * The Etsy adapter, constructed directly, against the fake Etsy over real HTTP: what it sends for every port
 * operation, how it renews (rotating) tokens, and how Etsy's failures come back as MarketplaceErrors.
 */
describe('EtsyAdapter against Etsy Open API v3 (fake)', () => {
  let etsy: FakeEtsy;
  let adapter: EtsyAdapter;
  let sellers = 0;

  beforeAll(async () => {
    etsy = await startFakeEtsy(APP);
    adapter = new EtsyAdapter(
      loadConfig({
        ETSY_API_KEY: APP.keystring,
        ETSY_SHARED_SECRET: APP.sharedSecret,
        ETSY_API_URL: etsy.url,
        ETSY_WEB_URL: 'https://www.etsy.com',
      }),
      callPacer(),
    );
  });
  afterAll(async () => {
    await etsy?.close();
  });

  /** A connected seller of their own (a shop of their own), with a token valid for the next hour. */
  const connected = (): { seller: EtsySeller; session: RecordedSellerSession } => {
    sellers += 1;
    const seller = { userId: 5000 + sellers, shopId: 7000 + sellers, shopName: `GrooveShop${sellers}` };
    const tokens = etsy.issueTokens(seller);
    const session = sellerSession({
      externalUserId: String(seller.userId),
      shopId: String(seller.shopId),
      credentials: { ...tokens },
      tokenExpiresAt: new Date(Date.now() + 3_600_000),
    });
    return { seller, session };
  };

  const picture = { data: randomBytes(2048), contentType: 'image/jpeg', fileName: 'front.jpg' };
  const draft = (overrides: Partial<ListingDraft> = {}): ListingDraft => ({
    itemUid: 'it_8f3k2m',
    title: 'Miles Davis - Kind Of Blue $$ (LP, 1959) ^ Columbia',
    description: 'Original six-eye pressing.',
    priceUsd: '34.99',
    quantity: 1,
    conditionItem: 'nm',
    conditionContainer: 'vg_plus',
    productType: 'physical',
    format: 'Vinyl',
    artist: 'Miles Davis',
    label: 'Columbia',
    catalogNumber: 'CL 1355',
    barcode: null,
    releaseYear: '1959',
    pictures: [picture],
    isDraft: true,
    settings: {},
    ...overrides,
  });

  const requestsFrom = (start: number) => etsy.requests.slice(start);
  const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
    const all: T[] = [];
    for await (const value of iterable) all.push(value);
    return all;
  };
  const failure = async (promise: Promise<unknown>): Promise<MarketplaceError> => {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(MarketplaceError);
    return error as MarketplaceError;
  };

  it('creates a draft: createDraftListing with the mapped fields, the inventory with our SKU, the picture as bytes, no activation', async () => {
    const { session, seller } = connected();
    const start = etsy.requests.length;
    const outcome = await adapter.createListing(session, draft());

    expect(outcome).toMatchObject({ state: 'draft', priceUsd: '34.99', listingUrl: `https://www.etsy.com/listing/${outcome.listingId}` });
    expect(outcome.details).toMatchObject({
      shop_id: String(seller.shopId),
      taxonomy_id: 343,
      shipping_profile_id: 9001,
      sku: 'it_8f3k2m',
    });
    const sent = requestsFrom(start);
    for (const request of sent) {
      expect(request.apiKey).toBe(`${APP.keystring}:${APP.sharedSecret}`);
      expect(request.authorization).toBe(`Bearer ${session.credentials.accessToken as string}`);
    }
    expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v3/application/seller-taxonomy/nodes',
      `GET /v3/application/shops/${seller.shopId}/shipping-profiles`,
      `GET /v3/application/shops/${seller.shopId}/readiness-state-definitions`,
      `POST /v3/application/shops/${seller.shopId}/listings`,
      `PUT /v3/application/listings/${outcome.listingId}/inventory`,
      `POST /v3/application/shops/${seller.shopId}/listings/${outcome.listingId}/images`,
    ]);
    const created = sent[3];
    expect(created.contentType).toBe('application/x-www-form-urlencoded');
    expect(created.body).toEqual({
      quantity: '1',
      title: 'Miles Davis - Kind Of Blue (LP, 1959) Columbia',
      description: 'Original six-eye pressing.\n\nCondition: Media Near Mint (NM), Sleeve Very Good Plus (VG+)',
      price: '34.99',
      who_made: 'someone_else',
      when_made: '1950s',
      taxonomy_id: '343',
      type: 'physical',
      is_supply: 'false',
      shipping_profile_id: '9001',
      readiness_state_id: '5150',
    });
    expect(sent[4].body).toEqual({
      products: [{ sku: 'it_8f3k2m', property_values: [], offerings: [{ price: 34.99, quantity: 1, is_enabled: true }] }],
      price_on_property: [],
      quantity_on_property: [],
      sku_on_property: [],
    });
    expect(sent[5].contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent[5].body).toEqual({
      image: { fileName: 'front.jpg', type: 'image/jpeg', size: 2048, sha256: createHash('sha256').update(picture.data).digest('hex') },
      rank: '1',
    });
    const listing = etsy.listings.get(Number(outcome.listingId))!;
    expect(listing.state).toBe('draft');
    expect(listing.inventory.products[0].sku).toBe('it_8f3k2m');
  });

  it('publishes the draft (state=active), and creates live in one go with the seller settings and the cached taxonomy', async () => {
    const { session, seller } = connected();
    const made = await adapter.createListing(session, draft());
    const published = await adapter.publishListing(session, { listingId: made.listingId, details: made.details }, draft());
    expect(published).toMatchObject({ listingId: made.listingId, state: 'listed', priceUsd: '34.99' });
    expect(etsy.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/v3/application/shops/${seller.shopId}/listings/${made.listingId}`,
      body: { state: 'active' },
    });
    expect(etsy.listings.get(Number(made.listingId))!.state).toBe('active');

    const start = etsy.requests.length;
    const live = await adapter.createListing(
      session,
      draft({
        isDraft: false,
        format: 'CD',
        releaseYear: null,
        settings: { when_made: '2000_2005', who_made: 'i_did', shipping_profile_id: '4242', readiness_state_id: 77, taxonomy_id: 1 },
      }),
    );
    expect(live.state).toBe('listed');
    const sent = requestsFrom(start);
    expect(sent.map((request) => request.method)).toEqual(['POST', 'PUT', 'POST', 'PATCH']);
    expect(sent[0].body).toMatchObject({
      when_made: '2000_2005',
      who_made: 'i_did',
      shipping_profile_id: '4242',
      readiness_state_id: '77',
      taxonomy_id: '1',
    });
    expect(etsy.listings.get(Number(live.listingId))!.state).toBe('active');

    const cd = await adapter.createListing(session, draft({ format: 'CD' }));
    expect(cd.details.taxonomy_id).toBe(342);
    expect(etsy.requests.filter((request) => request.path === '/v3/application/seller-taxonomy/nodes')).toHaveLength(1);
  });

  it('refuses before calling Etsy what Etsy would refuse: no year nor when_made, a taxonomy it does not have, a bad setting', async () => {
    const { session } = connected();
    const start = etsy.requests.length;
    const noYear = await failure(adapter.createListing(session, draft({ releaseYear: null })));
    expect(noYear.kind).toBe('rejected');
    expect(noYear.message).toMatch(/when the item was made/);
    const badSetting = await failure(adapter.createListing(session, draft({ settings: { when_made: 'yesterday' } })));
    expect(badSetting.message).toMatch(/when_made must be one of/);

    etsy.setTaxonomy([{ id: 1, level: 0, name: 'Accessories', parent_id: null, children: [] }]);
    const freshAdapter = new EtsyAdapter(
      loadConfig({ ETSY_API_KEY: APP.keystring, ETSY_SHARED_SECRET: APP.sharedSecret, ETSY_API_URL: etsy.url }),
      callPacer(),
    );
    const noTaxonomy = await failure(freshAdapter.createListing(session, draft()).finally(() => etsy.setTaxonomy(ETSY_SELLER_TAXONOMY)));
    expect(noTaxonomy).toMatchObject({
      kind: 'rejected',
      message: "Etsy's seller taxonomy has no Vinyl or Music category: set taxonomy_id in the Etsy settings.",
    });
    expect(requestsFrom(start).filter((request) => request.method !== 'GET')).toHaveLength(0);
  });

  it("passes Etsy's validation message on as a rejection, and leaves no half-made draft behind", async () => {
    const { session } = connected();
    const refused = await failure(adapter.createListing(session, draft({ priceUsd: '0.10' })));
    expect(refused).toMatchObject({ kind: 'rejected', httpStatus: 400, message: 'Price must be at least 0.20 USD' });

    const before = etsy.listings.size;
    const badPicture = await failure(adapter.createListing(session, draft({ pictures: [{ ...picture, contentType: 'image/tiff' }] })));
    expect(badPicture).toMatchObject({ kind: 'rejected', message: 'The image must be a JPEG, PNG or GIF' });
    expect(etsy.requests.at(-1)).toMatchObject({ method: 'DELETE' });
    expect(etsy.listings.size).toBe(before);
  });

  it('updates the price through the inventory it read first, keeping the SKU and quantity', async () => {
    const { session } = connected();
    const made = await adapter.createListing(session, draft({ isDraft: false }));
    const start = etsy.requests.length;
    await adapter.updatePrice(session, { listingId: made.listingId, details: made.details }, '29.50');
    const sent = requestsFrom(start);
    expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /v3/application/listings/${made.listingId}/inventory`,
      `PUT /v3/application/listings/${made.listingId}/inventory`,
    ]);
    expect(sent[1].body).toEqual({
      products: [{ sku: 'it_8f3k2m', property_values: [], offerings: [{ price: 29.5, quantity: 1, is_enabled: true }] }],
      price_on_property: [],
      quantity_on_property: [],
      sku_on_property: [],
    });
    expect(etsy.listings.get(Number(made.listingId))!.inventory.products[0].offerings[0].price).toEqual({
      amount: 2950,
      divisor: 100,
      currency_code: 'USD',
    });
  });

  it('delists with state=inactive; again, or a listing Etsy no longer has, is no error; a draft (never live) is deleted', async () => {
    const { session, seller } = connected();
    const made = await adapter.createListing(session, draft({ isDraft: false }));
    const reference = { listingId: made.listingId, details: made.details };
    await adapter.delist(session, reference);
    await adapter.delist(session, reference);
    expect(etsy.requests.slice(-2).map((request) => [request.method, request.path, request.body])).toEqual([
      ['PATCH', `/v3/application/shops/${seller.shopId}/listings/${made.listingId}`, { state: 'inactive' }],
      ['PATCH', `/v3/application/shops/${seller.shopId}/listings/${made.listingId}`, { state: 'inactive' }],
    ]);
    expect(etsy.listings.get(Number(made.listingId))!.state).toBe('inactive');
    await adapter.delist(session, { listingId: '999999999', details: {} });

    const draftOnly = await adapter.createListing(session, draft());
    await adapter.delist(session, { listingId: draftOnly.listingId, details: draftOnly.details });
    expect(etsy.requests.slice(-3).map((request) => `${request.method} ${request.path}`)).toEqual([
      `PATCH /v3/application/shops/${seller.shopId}/listings/${draftOnly.listingId}`,
      `GET /v3/application/listings/${draftOnly.listingId}`,
      `DELETE /v3/application/listings/${draftOnly.listingId}`,
    ]);
    expect(etsy.listings.has(Number(draftOnly.listingId))).toBe(false);
  });

  it('reads every active listing, 100 a page by offset, with our SKU as the external id', async () => {
    const { session, seller } = connected();
    etsy.addActiveListings(seller, 230);
    const start = etsy.requests.length;
    const listings: RemoteListing[] = await collect(adapter.fetchActiveListings(session));
    expect(listings).toHaveLength(230);
    expect(listings[0]).toMatchObject({ externalId: 'it_page1', title: 'Record 1', priceUsd: '10.00', state: 'listed', quantity: 1 });
    expect(listings[229]).toMatchObject({ externalId: 'it_page230', priceUsd: '239.00' });
    expect(requestsFrom(start).map((request) => request.query)).toEqual([
      { state: 'active', limit: '100', offset: '0' },
      { state: 'active', limit: '100', offset: '100' },
      { state: 'active', limit: '100', offset: '200' },
    ]);
  });

  it('reads the receipts changed since a date, paged, and posts tracking for one', async () => {
    const { session, seller } = connected();
    const since = new Date('2026-11-01T00:00:00Z');
    const at = Math.floor(since.getTime() / 1000);
    for (let index = 0; index < 120; index += 1) {
      etsy.addReceipt(seller.shopId!, {
        receipt_id: 900_000 + seller.userId * 1000 + index,
        status: 'paid',
        name: `Buyer ${index}`,
        buyer_email: `buyer${index}@example.com`,
        created_timestamp: at + index,
        updated_timestamp: at + index,
        grandtotal: { amount: 4299, divisor: 100, currency_code: 'USD' },
        total_shipping_cost: { amount: 800, divisor: 100, currency_code: 'USD' },
        is_shipped: false,
        transactions: [
          {
            transaction_id: index + 1,
            listing_id: 123,
            sku: 'it_8f3k2m',
            title: 'Kind Of Blue',
            quantity: 1,
            price: { amount: 3499, divisor: 100, currency_code: 'USD' },
          },
        ],
      });
    }
    etsy.addReceipt(seller.shopId!, {
      receipt_id: 1,
      status: 'completed',
      name: 'Old Buyer',
      buyer_email: 'old@example.com',
      created_timestamp: at - 86_400,
      updated_timestamp: at - 86_400,
      grandtotal: { amount: 1000, divisor: 100, currency_code: 'USD' },
      total_shipping_cost: { amount: 0, divisor: 100, currency_code: 'USD' },
      is_shipped: true,
      transactions: [],
    });
    const start = etsy.requests.length;
    const orders: RemoteOrder[] = await collect(adapter.fetchOrders(session, since));
    expect(orders).toHaveLength(120);
    expect(orders[0]).toMatchObject({
      status: 'paid',
      buyerName: 'Buyer 0',
      buyerEmail: 'buyer0@example.com',
      totalUsd: '42.99',
      shippingUsd: '8.00',
      createdAt: since,
      lines: [{ listingId: '123', externalId: 'it_8f3k2m', title: 'Kind Of Blue', quantity: 1, priceUsd: '34.99' }],
    });
    expect(requestsFrom(start).map((request) => request.query)).toEqual([
      { min_last_modified: String(at), limit: '100', offset: '0' },
      { min_last_modified: String(at), limit: '100', offset: '100' },
    ]);

    await adapter.markShipped(
      session,
      { orderId: orders[0].orderId, details: orders[0].details },
      {
        carrier: 'usps',
        trackingNumber: '9400111899223197428490',
        shippedAt: new Date(),
      },
    );
    expect(etsy.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/v3/application/shops/${seller.shopId}/receipts/${orders[0].orderId}/tracking`,
      body: { tracking_code: '9400111899223197428490', carrier_name: 'usps' },
    });
    expect(etsy.receipts.get(Number(orders[0].orderId))!.is_shipped).toBe(true);
  });

  it('renews a token about to expire first, saving the rotated pair before the new access token is used; the old refresh token is dead', async () => {
    const { session } = connected();
    session.tokenExpiresAt = new Date(Date.now() + 60_000);
    const oldRefresh = session.credentials.refreshToken as string;
    const requestsAtSave: number[] = [];
    const save = session.saveCredentials.bind(session);
    session.saveCredentials = (credentials, expiresAt) => {
      requestsAtSave.push(etsy.requests.length);
      return save(credentials, expiresAt);
    };
    const start = etsy.requests.length;
    await collect(adapter.fetchActiveListings(session));

    expect(session.saves).toHaveLength(1);
    const saved = session.saves[0];
    expect(saved.credentials.refreshToken).not.toBe(oldRefresh);
    expect(saved.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    expect(etsy.tokenRequests.at(-1)).toMatchObject({
      form: { grant_type: 'refresh_token', client_id: APP.keystring, refresh_token: oldRefresh },
      status: 200,
    });
    expect(requestsAtSave).toEqual([start]);
    expect(etsy.requests[start].authorization).toBe(`Bearer ${saved.credentials.accessToken as string}`);

    const reuse = await fetch(`${etsy.url}/v3/public/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: APP.keystring, refresh_token: oldRefresh }),
    });
    expect(reuse.status).toBe(400);
    expect(((await reuse.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('shares one renewal between concurrent calls of a session (a second refresh with the rotated token would be refused)', async () => {
    const { session } = connected();
    session.tokenExpiresAt = new Date(Date.now() + 1000);
    const refreshes = etsy.tokenRequests.length;
    await Promise.all([collect(adapter.fetchActiveListings(session)), collect(adapter.fetchOrders(session, new Date(0)))]);
    expect(etsy.tokenRequests.slice(refreshes)).toHaveLength(1);
    expect(session.saves).toHaveLength(1);
  });

  it('renews once on a 401 and repeats the call; a refused refresh is unauthorized', async () => {
    const { session } = connected();
    etsy.expireAccessTokens();
    const start = etsy.requests.length;
    await collect(adapter.fetchActiveListings(session));
    expect(session.saves).toHaveLength(1);
    expect(requestsFrom(start).map((request) => request.authorization)).toEqual([
      expect.not.stringContaining(session.credentials.accessToken as string),
      `Bearer ${session.credentials.accessToken as string}`,
    ]);

    const stale = connected().session;
    etsy.expireAccessTokens();
    stale.credentials = { ...stale.credentials, refreshToken: 'revoked.refresh-token' };
    const refused = await failure(collect(adapter.fetchActiveListings(stale)));
    expect(refused.kind).toBe('unauthorized');
    expect(refused.message).toMatch(/^Etsy refused to renew the access token: /);
    expect(stale.saves).toHaveLength(0);
  });

  it('reports a 429 as rate_limited with Retry-After, a 5xx as unavailable, a bad x-api-key as unauthorized', async () => {
    const { session } = connected();
    etsy.failNext(429);
    const limited = await failure(collect(adapter.fetchActiveListings(session)));
    expect(limited).toMatchObject({
      kind: 'rate_limited',
      httpStatus: 429,
      retryAfterSeconds: 2,
      message: 'You have exceeded your rate limit',
    });
    etsy.failNext(503, 'Service Unavailable');
    const down = await failure(adapter.updatePrice(session, { listingId: '1', details: {} }, '10.00'));
    expect(down).toMatchObject({ kind: 'unavailable', httpStatus: 503, message: 'Service Unavailable' });

    const wrongKey = new EtsyAdapter(
      loadConfig({ ETSY_API_KEY: APP.keystring, ETSY_SHARED_SECRET: 'not-the-secret', ETSY_API_URL: etsy.url }),
      callPacer(),
    );
    const refused = await failure(collect(wrongKey.fetchActiveListings(session)));
    expect(refused.kind).toBe('unauthorized');
    expect(refused.message).toMatch(/keystring:shared_secret/);
  });

  it('names its missing settings', () => {
    expect(new EtsyAdapter(loadConfig({}), callPacer()).missingSettings()).toEqual(['ETSY_API_KEY', 'ETSY_SHARED_SECRET']);
    expect(adapter.missingSettings()).toEqual([]);
  });
});
