import 'reflect-metadata';
import { loadConfig } from '../../src/config/app-config.js';
import type { ListingDraft, RemoteListing, RemoteOrder } from '../../src/modules/marketplace/adapters/marketplace-adapter.js';
import { MarketplaceError } from '../../src/modules/marketplace/adapters/marketplace-error.js';
import { ShopifyAdapter } from '../../src/modules/marketplace/adapters/shopify/shopify.adapter.js';
import { ShopifyClient } from '../../src/modules/marketplace/adapters/shopify/shopify.client.js';
import { type FakeShopify, startFakeShopify } from '../support/fake-shopify.js';
import { type RecordedSellerSession, sellerSession } from '../support/seller-session.js';
import { callPacer } from '../support/call-pacer.js';

const APP = { apiKey: 'shopify-app-key', apiSecret: 'shpss_app-secret' };
const SHOP = { domain: 'vinyl-vault.myshopify.com', id: 'gid://shopify/Shop/548380009', name: 'Vinyl Vault' };
/** A JPEG's first bytes and then some: what matters is that these exact bytes reach the staged target. */
const PICTURE = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('kind-of-blue-front-cover')]);

function draft(fields: Partial<ListingDraft> = {}): ListingDraft {
  return {
    itemUid: 'inv_7Hq2LmZx',
    title: 'Miles Davis - Kind of Blue',
    description: 'Original 1959 six-eye pressing.',
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
    pictures: [{ data: PICTURE, contentType: 'image/jpeg', fileName: 'front.jpg' }],
    isDraft: false,
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
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MarketplaceError);
  return error as MarketplaceError;
}

describe('ShopifyAdapter against a fake Shopify (GraphQL Admin API over HTTP)', () => {
  let shopify: FakeShopify;
  let adapter: ShopifyAdapter;
  let session: RecordedSellerSession;

  beforeAll(async () => {
    shopify = await startFakeShopify(APP, [SHOP]);
    const config = loadConfig({
      SHOPIFY_API_KEY: APP.apiKey,
      SHOPIFY_API_SECRET: APP.apiSecret,
      SHOPIFY_SHOP_URL_TEMPLATE: shopify.shopUrlTemplate,
    });
    adapter = new ShopifyAdapter(config, new ShopifyClient(config, callPacer()));
  });
  afterAll(async () => {
    await shopify?.close();
  });
  beforeEach(() => {
    session = sellerSession({
      shopId: SHOP.domain,
      externalUserId: SHOP.id,
      credentials: { accessToken: shopify.issueToken(SHOP.domain).accessToken, scope: 'write_products' },
    });
  });

  const lastCall = (operation: string) => [...shopify.calls].reverse().find((call) => call.operation === operation)!;

  it('creates a live listing: the picture staged, its bytes POSTed as multipart with the target parameters, productSet with the resource URL', async () => {
    const outcome = await adapter.createListing(session, draft());

    const staging = lastCall('StagedUploadsCreate');
    expect(staging.token).toBe(session.credentials.accessToken);
    expect(staging.version).toBe('2025-10');
    expect(staging.variables.input).toEqual([
      { filename: 'front.jpg', mimeType: 'image/jpeg', resource: 'IMAGE', httpMethod: 'POST', fileSize: String(PICTURE.length) },
    ]);
    const upload = shopify.uploads.at(-1)!;
    expect(upload.file.equals(PICTURE)).toBe(true);
    expect(upload.contentType).toBe('image/jpeg');
    expect(upload.fields.map(([name]) => name)).toEqual(['Content-Type', 'success_action_status', 'acl', 'key', 'policy']);

    const set = lastCall('ProductSet');
    expect(set.variables.synchronous).toBe(true);
    expect(set.variables.input).toMatchObject({
      title: 'Miles Davis - Kind of Blue',
      vendor: 'Miles Davis',
      productType: 'Vinyl',
      status: 'ACTIVE',
      tags: ['Vinyl', 'Miles Davis', 'Media: VG+', 'Sleeve: VG'],
      variants: [{ price: '34.99', sku: 'inv_7Hq2LmZx' }],
    });
    expect(set.variables.input.descriptionHtml).toContain('<li>Media condition: VG+</li>');
    const product = shopify.products.get(outcome.listingId)!;
    expect(product.files).toEqual([
      {
        originalSource: expect.stringMatching(/^https:\/\/shopify-staged-uploads\.storage\.googleapis\.com\/tmp\//),
        bytes: PICTURE.length,
      },
    ]);
    expect(outcome).toEqual({
      listingId: product.id,
      listingUrl: `https://${SHOP.domain}/products/${product.handle}`,
      state: 'listed',
      priceUsd: '34.99',
      details: { variant_id: product.variants[0].id, handle: product.handle },
    });
  });

  it('creates a draft (status DRAFT), publishes it (productUpdate ACTIVE), changes its price on the variant', async () => {
    const created = await adapter.createListing(
      session,
      draft({ isDraft: true, itemUid: 'inv_Draft1', pictures: [], settings: { location_id: 'gid://shopify/Location/64' } }),
    );
    expect(created.state).toBe('draft');
    expect(lastCall('ProductSet').variables.input.variants[0]).toMatchObject({
      inventoryItem: { tracked: true },
      inventoryQuantities: [{ locationId: 'gid://shopify/Location/64', name: 'available', quantity: 1 }],
    });
    expect(shopify.products.get(created.listingId)!.status).toBe('DRAFT');

    const published = await adapter.publishListing(session, created, draft());
    expect(published).toMatchObject({ listingId: created.listingId, state: 'listed' });
    expect(lastCall('ProductUpdate').variables).toEqual({ product: { id: created.listingId, status: 'ACTIVE' } });

    await adapter.updatePrice(session, created, '29.5');
    expect(lastCall('ProductVariantsBulkUpdate').variables).toEqual({
      productId: created.listingId,
      variants: [{ id: created.details.variant_id, price: '29.50' }],
    });
    expect(shopify.products.get(created.listingId)!.variants[0].price).toBe('29.50');
  });

  it('delists by archiving, and delisting again (or a product deleted in the shop) is no error', async () => {
    const created = await adapter.createListing(session, draft({ itemUid: 'inv_Delist', pictures: [] }));
    await adapter.delist(session, created);
    expect(shopify.products.get(created.listingId)!.status).toBe('ARCHIVED');
    await adapter.delist(session, created);
    expect(shopify.products.get(created.listingId)!.status).toBe('ARCHIVED');
    await adapter.delist(session, { listingId: 'gid://shopify/Product/1', details: {} });
  });

  it('reads every active product, following the cursors to the end', async () => {
    for (let n = 0; n < 230; n += 1)
      shopify.addProduct({ title: `Record ${n}`, status: 'ACTIVE', tags: ['Media: NM'], sku: `inv_bulk${n}`, price: '10.0' });
    shopify.addProduct({ title: 'A draft', status: 'DRAFT', tags: [], sku: 'inv_notlisted', price: '5.00' });
    const before = shopify.calls.length;

    const listings: RemoteListing[] = await collect(adapter.fetchActiveListings(session));

    const pages = shopify.calls.slice(before);
    expect(pages.map((call) => call.operation)).toEqual(['ActiveProducts', 'ActiveProducts', 'ActiveProducts']);
    expect(pages[0].variables.cursor).toBeNull();
    expect(pages[1].variables.cursor).toEqual(expect.any(String));
    const active = [...shopify.products.values()].filter((product) => product.status === 'ACTIVE');
    expect(listings).toHaveLength(active.length);
    expect(listings.map((listing) => listing.externalId)).not.toContain('inv_notlisted');
    expect(listings.find((listing) => listing.externalId === 'inv_bulk7')).toMatchObject({
      title: 'Record 7',
      priceUsd: '10.00',
      state: 'listed',
      conditionItem: 'nm',
      listingUrl: `https://${SHOP.domain}/products/record-7`,
    });
  });

  it('reads the orders updated since a date, page after page, and ships one with tracking through its fulfillment orders', async () => {
    const since = new Date('2026-11-01T00:00:00Z');
    shopify.addOrder({
      name: '#1000',
      createdAt: '2026-10-01T10:00:00Z',
      updatedAt: '2026-10-02T10:00:00Z',
      email: 'old@example.com',
      customerName: 'Old Buyer',
      total: '12.00',
      shipping: '4.00',
      lines: [],
      fulfillmentOrders: [],
    });
    for (let n = 0; n < 120; n += 1) {
      shopify.addOrder({
        name: `#${1001 + n}`,
        createdAt: '2026-11-20T10:00:00Z',
        updatedAt: new Date(Date.parse('2026-11-20T10:00:00Z') + n * 60_000).toISOString(),
        email: 'buyer@example.com',
        customerName: 'Ada Buyer',
        total: '39.99',
        shipping: '5.0',
        lines: [{ title: 'Kind of Blue', quantity: 1, sku: `inv_sold${n}`, productId: 'gid://shopify/Product/77', price: '34.99' }],
        fulfillmentOrders: [{ id: `gid://shopify/FulfillmentOrder/${5000 + n}`, status: 'OPEN' }],
      });
    }
    const bigOrder = shopify.addOrder({
      name: '#2000',
      createdAt: '2026-11-30T10:00:00Z',
      updatedAt: '2026-11-30T10:00:00Z',
      email: null,
      customerName: null,
      total: '70.00',
      shipping: '0.00',
      lines: Array.from({ length: 7 }, (_, n) => ({
        title: `Single ${n}`,
        quantity: 1,
        sku: `inv_single${n}`,
        productId: null,
        price: '10.00',
      })),
      fulfillmentOrders: [],
    });
    const before = shopify.calls.length;
    const orders: RemoteOrder[] = await collect(adapter.fetchOrders(session, since));
    const calls = shopify.calls.slice(before);
    expect(calls.map((call) => call.operation)).toEqual(['Orders', 'Orders', 'Orders', 'Orders', 'Orders', 'OrderLineItems']);
    expect(calls.filter((call) => call.operation === 'Orders').map((call) => call.variables.query)).toEqual(
      Array(5).fill(`updated_at:>='2026-11-01T00:00:00.000Z'`),
    );
    expect(calls.at(-1)!.variables).toEqual({ id: bigOrder.id, cursor: expect.any(String) });
    expect(orders).toHaveLength(121);
    expect(orders.at(-1)!.lines.map((line) => line.externalId)).toEqual(Array.from({ length: 7 }, (_, n) => `inv_single${n}`));
    expect(orders[0]).toMatchObject({
      status: 'paid',
      buyerName: 'Ada Buyer',
      buyerEmail: 'buyer@example.com',
      totalUsd: '39.99',
      shippingUsd: '5.00',
      lines: [{ listingId: 'gid://shopify/Product/77', externalId: 'inv_sold0', quantity: 1, priceUsd: '34.99', title: 'Kind of Blue' }],
      details: { name: '#1001', currency: 'USD' },
    });

    await adapter.markShipped(session, orders[0], { carrier: 'usps', trackingNumber: '9400111899223100000000', shippedAt: new Date() });
    expect(lastCall('FulfillmentCreate').variables).toEqual({
      fulfillment: {
        lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/5000' }],
        trackingInfo: { company: 'USPS', number: '9400111899223100000000' },
        notifyCustomer: true,
      },
    });
    expect(shopify.orders.get(orders[0].orderId)!.fulfillments).toHaveLength(1);
    const beforeAgain = shopify.calls.length;
    await adapter.markShipped(session, orders[0], { carrier: 'usps', trackingNumber: '9400111899223100000000', shippedAt: new Date() });
    expect(shopify.calls.slice(beforeAgain).map((call) => call.operation)).toEqual(['FulfillmentOrders']);
  });

  it('turns THROTTLED into rate_limited with the wait the cost report implies, 429 with Retry-After, 5xx into unavailable', async () => {
    shopify.failNext({ throttled: true });
    const throttled = await failure(
      adapter.updatePrice(
        session,
        { listingId: 'gid://shopify/Product/1', details: { variant_id: 'gid://shopify/ProductVariant/2' } },
        '1.00',
      ),
    );
    expect(throttled).toMatchObject({ kind: 'rate_limited', message: 'Throttled', retryAfterSeconds: 5 });

    shopify.failNext({ status: 429 });
    expect(await failure(collect(adapter.fetchActiveListings(session)))).toMatchObject({
      kind: 'rate_limited',
      httpStatus: 429,
      retryAfterSeconds: 2,
    });

    shopify.failNext({ status: 503 });
    expect(await failure(adapter.createListing(session, draft({ pictures: [] })))).toMatchObject({ kind: 'unavailable', httpStatus: 503 });
  });

  it("turns userErrors into rejected with Shopify's message", async () => {
    const rejected = await failure(adapter.createListing(session, draft({ title: '  ', pictures: [] })));
    expect(rejected).toMatchObject({ kind: 'rejected', message: "input.title: Title can't be blank" });
    const unknownVariant = await failure(
      adapter.updatePrice(
        session,
        { listingId: [...shopify.products.keys()][0], details: { variant_id: 'gid://shopify/ProductVariant/404' } },
        '3.00',
      ),
    );
    expect(unknownVariant).toMatchObject({ kind: 'rejected', message: 'variants.0.id: Product variant does not exist' });
  });

  it('renews an expiring token before it expires and once after a 401, saving the new credentials first; a refused renewal is unauthorized', async () => {
    const issued = shopify.issueToken(SHOP.domain, { expiring: true });
    const expiring = sellerSession({
      shopId: SHOP.domain,
      credentials: {
        accessToken: issued.accessToken,
        scope: 'write_products',
        refreshToken: issued.refreshToken,
        refreshTokenExpiresAt: null,
      },
      tokenExpiresAt: new Date(Date.now() + 60_000),
    });
    await collect(adapter.fetchActiveListings(expiring));
    expect(shopify.tokenRequests.at(-1)!.body).toEqual({
      client_id: APP.apiKey,
      client_secret: APP.apiSecret,
      grant_type: 'refresh_token',
      refresh_token: issued.refreshToken,
    });
    expect(expiring.saves).toHaveLength(1);
    const renewed = expiring.saves[0].credentials as { accessToken: string; refreshToken: string };
    expect(renewed.accessToken).not.toBe(issued.accessToken);
    expect(renewed.refreshToken).not.toBe(issued.refreshToken);
    expect(expiring.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    expect(shopify.calls.at(-1)!.token).toBe(renewed.accessToken);

    shopify.revokeToken(renewed.accessToken);
    await adapter.delist(expiring, { listingId: 'gid://shopify/Product/1', details: {} });
    expect(expiring.saves).toHaveLength(2);
    expect(shopify.calls.at(-1)!.token).toBe((expiring.saves[1].credentials as { accessToken: string }).accessToken);

    shopify.revokeToken(expiring.credentials.accessToken as string);
    expiring.credentials = { ...expiring.credentials, refreshToken: 'shprt_not-a-token' };
    expect(await failure(collect(adapter.fetchActiveListings(expiring)))).toMatchObject({ kind: 'unauthorized' });

    shopify.revokeToken(session.credentials.accessToken as string);
    expect(await failure(collect(adapter.fetchActiveListings(session)))).toMatchObject({ kind: 'unauthorized', httpStatus: 401 });
    expect(session.saves).toHaveLength(0);
  });
});
