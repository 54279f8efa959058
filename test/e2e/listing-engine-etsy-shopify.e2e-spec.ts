import { type FakeDiscogs, startFakeDiscogs } from '../support/fake-discogs.js';
import { type FakeEbay, startFakeEbay } from '../support/fake-ebay.js';
import { type FakeEtsy, startFakeEtsy } from '../support/fake-etsy.js';
import { type FakeShopify, startFakeShopify } from '../support/fake-shopify.js';
import { ACCOUNTS, connectEbay, followConsent, listingSetup, ETSY_APP, marketplaceEnv, SHOPIFY_APP } from '../support/listing-setup.js';
import { type Account, createTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC_URL = 'https://instica.example.com';
const EBAY_APP = { clientId: 'Instica-App-PRD-1a2b3c', clientSecret: 'PRD-secret-4d5e6f', ruName: 'Instica-InsticaA-App-PR-abcdef' };
const SHOPS = [1, 2, 3].map((n) => ({
  domain: `vinyl-vault-${n}.myshopify.com`,
  id: `gid://shopify/Shop/54838000${n}`,
  name: `Vinyl Vault ${n}`,
}));
const KIND_OF_BLUE = { id: 249504, artist: 'Miles Davis', title: 'Kind Of Blue', catno: 'CL 1355', barcodes: [] };

describe('Listing engine: Etsy and Shopify through the engine, drafts published, prices pushed (e2e)', () => {
  let t: TestApp;
  let ebay: FakeEbay;
  let etsy: FakeEtsy;
  let shopify: FakeShopify;
  let discogs: FakeDiscogs;
  let steps: ReturnType<typeof listingSetup>;
  let etsySellers = 0;
  let shops = 0;

  beforeAll(async () => {
    [ebay, etsy, shopify, discogs] = await Promise.all([
      startFakeEbay(EBAY_APP),
      startFakeEtsy(ETSY_APP),
      startFakeShopify(SHOPIFY_APP, SHOPS),
      startFakeDiscogs(),
    ]);
    discogs.addRelease(KIND_OF_BLUE);
    t = await createTestApp({
      env: {
        PUBLIC_URL,
        ...marketplaceEnv({ discogs, ebay, etsy, shopify }),
      },
    });
    steps = listingSetup(t);
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([ebay?.close(), etsy?.close(), shopify?.close(), discogs?.close()]);
  });

  async function connectEtsy(account: Account): Promise<void> {
    etsySellers += 1;
    const started = (await t.api.post(`${ACCOUNTS}etsy/connect/`).set(account.auth).send({}).expect(200)).body;
    etsy.consentAs({ userId: 84_500_000 + etsySellers, shopId: 31_400_000 + etsySellers, shopName: `GrooveVault${etsySellers}` });
    await followConsent(t, account, started.authorization_url as string);
  }

  async function connectShopify(account: Account): Promise<void> {
    const shop = SHOPS[shops++]!.domain;
    const started = (await t.api.post(`${ACCOUNTS}shopify/connect/`).set(account.auth).send({ shop }).expect(200)).body;
    await followConsent(t, account, started.authorization_url as string);
  }

  const patchPrice = (account: Account, uid: string, price: string) =>
    t.api.patch(`/api/v1/inventory/${uid}/`).set(account.auth).send({ price_total_usd: price }).expect(200);
  const repriced = (account: Account, uid: string, slug: string, price: string) =>
    steps.until(account, uid, slug, (listing) => listing.listing_price_usd === price, `not repriced to ${price}`);

  it('Etsy: a draft, published live with its URL, repriced when the item price changes, then delisted', async () => {
    const shop = await steps.seller();
    await connectEtsy(shop);
    const uid = await steps.item(shop);

    await steps.list(shop, uid, 'etsy').expect(200);
    const draft = await steps.settled(shop, uid, 'etsy');
    expect(draft).toMatchObject({ status: 'draft', listing_id: expect.stringMatching(/^\d+$/), last_error_code: null });
    expect(etsy.listings.get(Number(draft.listing_id))).toMatchObject({ state: 'draft', price: 34.99 });

    await steps.list(shop, uid, 'etsy', { is_draft: false }).expect(200);
    const listed = await steps.settled(shop, uid, 'etsy');
    expect(listed.last_error_code).toBeNull();
    expect(listed).toMatchObject({
      status: 'listed',
      listing_id: draft.listing_id,
      marketplace_url: expect.stringContaining(draft.listing_id!),
    });
    expect(etsy.listings.get(Number(draft.listing_id))?.state).toBe('active');

    await patchPrice(shop, uid, '39.50');
    expect(await repriced(shop, uid, 'etsy', '39.50')).toMatchObject({ status: 'listed', last_error_code: null });
    expect(etsy.listings.get(Number(draft.listing_id))?.price).toBe(39.5);

    await steps.delist(shop, uid, 'etsy').expect(200);
    expect(await steps.settled(shop, uid, 'etsy')).toMatchObject({ status: 'delisted', last_error_code: null });
    expect(etsy.listings.get(Number(draft.listing_id))?.state).not.toBe('active');
  });

  it('Shopify: a draft product, published live with its URL, repriced when the item price changes, then delisted', async () => {
    const shop = await steps.seller();
    await connectShopify(shop);
    const uid = await steps.item(shop);

    await steps.list(shop, uid, 'shopify').expect(200);
    const draft = await steps.settled(shop, uid, 'shopify');
    expect(draft).toMatchObject({
      status: 'draft',
      listing_id: expect.stringMatching(/^gid:\/\/shopify\/Product\//),
      last_error_code: null,
    });
    expect(shopify.products.get(draft.listing_id!)).toMatchObject({
      status: 'DRAFT',
      variants: [expect.objectContaining({ price: '34.99' })],
    });

    await steps.list(shop, uid, 'shopify', { is_draft: false }).expect(200);
    const listed = await steps.settled(shop, uid, 'shopify');
    expect(listed.last_error_code).toBeNull();
    expect(listed).toMatchObject({ status: 'listed', listing_id: draft.listing_id, marketplace_url: expect.stringMatching(/^https:\/\//) });
    expect(shopify.products.get(draft.listing_id!)?.status).toBe('ACTIVE');

    await patchPrice(shop, uid, '39.50');
    expect(await repriced(shop, uid, 'shopify', '39.50')).toMatchObject({ status: 'listed', last_error_code: null });
    expect(shopify.products.get(draft.listing_id!)?.variants[0]?.price).toBe('39.50');

    await steps.delist(shop, uid, 'shopify').expect(200);
    expect(await steps.settled(shop, uid, 'shopify')).toMatchObject({ status: 'delisted', last_error_code: null });
    expect(shopify.products.get(draft.listing_id!)?.status).not.toBe('ACTIVE');
  });

  it('eBay: a draft published live; the bulk price change pushed to eBay and Discogs, written in the audit log', async () => {
    const shop = await steps.seller();
    await connectEbay(t, ebay, shop);
    const token = `token-price-${shop.user.uid}`;
    discogs.addPersonalToken(token, { id: 7_900_001, username: 'shop_price' });
    await t.api.post(ACCOUNTS).set(shop.auth).send({ platform: 'discogs', personal_token: token }).expect(201);
    const uid = await steps.item(shop);

    await steps.list(shop, uid, 'ebay').expect(200);
    const draft = await steps.settled(shop, uid, 'ebay');
    expect(draft).toMatchObject({ status: 'draft', last_error_code: null });
    await steps.list(shop, uid, 'ebay', { is_draft: false }).expect(200);
    const listed = await steps.settled(shop, uid, 'ebay');
    expect(listed.last_error_code).toBeNull();
    expect(listed).toMatchObject({ status: 'listed', marketplace_url: expect.stringMatching(/^https:\/\//), listing_price_usd: '34.99' });
    await steps.list(shop, uid, 'discogs', { is_draft: false }).expect(200);
    const onDiscogs = await steps.settled(shop, uid, 'discogs');
    expect(onDiscogs.status).toBe('listed');

    await t.api
      .post('/api/v1/inventory/bulk/price/')
      .set(shop.auth)
      .send({ items: [uid], mode: 'set', value: '42.00' })
      .expect(200);
    await repriced(shop, uid, 'ebay', '42.00');
    await repriced(shop, uid, 'discogs', '42.00');
    const offer = [...ebay.offers.values()].find((candidate) => candidate.sku === uid || String(candidate.sku).includes(uid));
    expect(offer).toMatchObject({ pricingSummary: { price: { value: '42.00' } } });
    expect(discogs.listings.get(Number(onDiscogs.listing_id))?.price).toBe(42);

    const logs = (await t.api.get(`/api/v1/inventory/${uid}/audit-logs/`).set(shop.auth).expect(200)).body.results as Array<{
      platform_slug: string | null;
      message: string;
    }>;
    const pushed = logs.filter((log) => log.message.includes('Price updated to $42.00.')).map((log) => log.platform_slug);
    expect(pushed.sort()).toEqual(['discogs', 'ebay']);
  });

  it('a listing priced on its own keeps its price; an unchanged price pushes nothing', async () => {
    const shop = await steps.seller();
    await connectShopify(shop);
    const uid = await steps.item(shop);
    await steps.list(shop, uid, 'shopify', { is_draft: false }).expect(200);
    const listed = await steps.settled(shop, uid, 'shopify');
    await t.sql(`UPDATE inventory_item_listings SET listing_price_usd = 55.00 WHERE uid = $1`, [listed.uid]);
    const before = shopify.calls.length;

    await patchPrice(shop, uid, '34.99');
    await patchPrice(shop, uid, '36.00');
    // A second item's repricing, pushed after the first's would have been: once it lands, the first was not queued.
    const other = await steps.item(shop);
    await steps.list(shop, other, 'shopify', { is_draft: false }).expect(200);
    await steps.settled(shop, other, 'shopify');
    await patchPrice(shop, other, '20.00');
    await repriced(shop, other, 'shopify', '20.00');

    expect(await steps.listingOn(shop, uid, 'shopify')).toMatchObject({ status: 'listed', listing_price_usd: '55.00' });
    expect(shopify.products.get(listed.listing_id!)?.variants[0]?.price).toBe('34.99');
    expect(
      shopify.calls
        .slice(before)
        .filter((call) => call.operation === 'ProductVariantsBulkUpdate' || String(call.operation).includes('Variants')),
    ).toHaveLength(1);
  });

  it('a price eBay refuses is recorded on the listing, which stays listed at its old price; a 429 is retried until it lands', async () => {
    const shop = await steps.seller();
    await connectEbay(t, ebay, shop);
    const uid = await steps.item(shop);
    await steps.list(shop, uid, 'ebay', { is_draft: false }).expect(200);
    expect(await steps.settled(shop, uid, 'ebay')).toMatchObject({ status: 'listed', listing_price_usd: '34.99' });

    ebay.failNext({
      status: 400,
      errors: [{ errorId: 25007, domain: 'API_INVENTORY', category: 'REQUEST', message: 'The price is too low.' }],
    });
    await patchPrice(shop, uid, '0.50');
    const refused = await steps.until(shop, uid, 'ebay', (listing) => listing.last_error_code !== null, 'without an error');
    expect(refused).toMatchObject({
      status: 'listed',
      listing_price_usd: '34.99',
      last_error_code: { slug: 'marketplace_rejected', message: expect.stringContaining('The price is too low.') },
    });

    ebay.failNext({ status: 429, retryAfter: '1' });
    await patchPrice(shop, uid, '36.00');
    expect(await repriced(shop, uid, 'ebay', '36.00')).toMatchObject({ status: 'listed', last_error_code: null });
  });
});
