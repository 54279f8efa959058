import { createHmac } from 'node:crypto';
import { type FakeShopify, startFakeShopify } from '../support/fake-shopify.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const APP = { apiKey: 'a1b2c3d4e5f6shopifykey', apiSecret: 'shpss_0123456789abcdef' };
const SHOP = { domain: 'vinyl-vault.myshopify.com', id: 'gid://shopify/Shop/548380009', name: 'Vinyl Vault' };
const PUBLIC_URL = 'https://instica.example.com';
const ACCOUNTS = '/api/v1/marketplace/accounts/';
const CALLBACK = `${PUBLIC_URL}${ACCOUNTS}shopify/login/callback/`;

function shopifyEnv(fake: FakeShopify): Record<string, string> {
  return {
    SHOPIFY_API_KEY: APP.apiKey,
    SHOPIFY_API_SECRET: APP.apiSecret,
    SHOPIFY_SHOP_URL_TEMPLATE: fake.shopUrlTemplate,
    PUBLIC_URL,
  };
}

/** Where the fake shop's consent page sends the browser: the callback's path and query on the app under test. */
async function followConsent(authorizationUrl: string): Promise<URL> {
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  return new URL(consent.headers.get('location')!);
}

function resign(query: URLSearchParams, secret: string): void {
  query.delete('hmac');
  const sorted = [...query.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  query.set('hmac', createHmac('sha256', secret).update(new URLSearchParams(sorted).toString()).digest('hex'));
}

describe('Marketplace accounts: connecting a Shopify shop by OAuth (e2e)', () => {
  let t: TestApp;
  let shopify: FakeShopify;
  let seller: Account;

  beforeAll(async () => {
    shopify = await startFakeShopify(APP, [SHOP, { domain: 'other-shop.myshopify.com', id: 'gid://shopify/Shop/2', name: 'Other' }]);
    t = await createTestApp({ env: shopifyEnv(shopify) });
    seller = await registerAccount(t.api);
  });
  afterAll(async () => {
    await t?.close();
    await shopify?.close();
  });

  const start = async (shop = SHOP.domain) =>
    (await t.api.post(`${ACCOUNTS}shopify/connect/`).set(seller.auth).send({ shop }).expect(200)).body as {
      authorization_url: string;
      state: string;
    };
  const accountsNamed = async (externalUserId: string) =>
    (await t.sql(`SELECT count(*)::int AS n FROM marketplace_accounts WHERE external_user_id = $1`, [externalUserId])).rows[0].n as number;

  it("connects end to end: the shop's consent URL, its signed redirect back, the code exchanged, the shop read, an expiring token sealed", async () => {
    const started = await start();
    const consent = new URL(started.authorization_url);
    expect(`${consent.origin}${consent.pathname}`).toBe(`${shopify.url}/shops/${SHOP.domain}/admin/oauth/authorize`);
    expect(Object.fromEntries(consent.searchParams)).toEqual({
      client_id: APP.apiKey,
      scope:
        'read_products,write_products,read_orders,write_orders,read_fulfillments,write_fulfillments,' +
        'read_merchant_managed_fulfillment_orders,write_merchant_managed_fulfillment_orders',
      redirect_uri: CALLBACK,
      state: started.state,
      'grant_options[]': '',
    });

    const back = await followConsent(started.authorization_url);
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    const connected = await t.api.get(`${back.pathname}${back.search}`).set('Accept', 'application/json').expect(200);
    expect(connected.body).toMatchObject({
      platform: { slug: 'shopify' },
      external_user_id: SHOP.id,
      username: SHOP.name,
      shop_id: SHOP.domain,
      status: 'active',
    });
    expect(connected.body.scopes).toContain('write_products');
    expect(shopify.tokenRequests.at(-1)).toEqual({
      shop: SHOP.domain,
      body: { client_id: APP.apiKey, client_secret: APP.apiSecret, code: back.searchParams.get('code'), expiring: '1' },
    });
    expect(shopify.calls.at(-1)).toMatchObject({ operation: 'ConnectedShop', shop: SHOP.domain, version: '2025-10' });

    const { rows } = await t.sql(`SELECT credentials, token_expires_at FROM marketplace_accounts WHERE uid = $1`, [connected.body.uid]);
    expect(rows[0].credentials).toMatch(/^v1:/);
    expect(rows[0].credentials).not.toContain('shpat_');
    expect(new Date(rows[0].token_expires_at).getTime()).toBeGreaterThan(Date.now() + 3_000_000);
  });

  it('refuses a tampered hmac, another shop than the one started, a code Shopify refuses; and stores nothing', async () => {
    const tampered = await followConsent((await start()).authorization_url);
    tampered.searchParams.set('timestamp', String(Number(tampered.searchParams.get('timestamp')) + 1));
    const refused = await t.api.get(`${tampered.pathname}${tampered.search}`).expect(400);
    expect(refused.body.detail).toBe('The callback is not signed by Shopify (its hmac does not match): connect again.');

    const swapped = await followConsent((await start()).authorization_url);
    swapped.searchParams.set('shop', 'other-shop.myshopify.com');
    resign(swapped.searchParams, APP.apiSecret);
    expect((await t.api.get(`${swapped.pathname}${swapped.search}`).expect(400)).body.detail).toBe(
      `Shopify sent back another shop than ${SHOP.domain}: connect again.`,
    );

    const badCode = await followConsent((await start()).authorization_url);
    badCode.searchParams.set('code', 'not-a-code');
    resign(badCode.searchParams, APP.apiSecret);
    expect((await t.api.get(`${badCode.pathname}${badCode.search}`).expect(400)).body.detail).toBe(
      'Shopify refused the authorization code: The authorization code was not found or was already used.',
    );

    const before = shopify.tokenRequests.length;
    await t.api.get(`${tampered.pathname}${tampered.search}`).expect(400);
    expect(shopify.tokenRequests.length).toBe(before);
    expect(await accountsNamed('gid://shopify/Shop/2')).toBe(0);
  });

  it('refuses a missing shop, or one that is not a myshopify.com domain, before anything is sent', async () => {
    const missing = await t.api.post(`${ACCOUNTS}shopify/connect/`).set(seller.auth).send({}).expect(400);
    expect(missing.body.shop).toEqual(['Shopify needs the shop’s myshopify.com domain.']);
    for (const shop of ['vinyl-vault.com', 'evil.example.com/x.myshopify.com', 'https://vinyl-vault.myshopify.com']) {
      const bad = await t.api.post(`${ACCOUNTS}shopify/connect/`).set(seller.auth).send({ shop }).expect(400);
      expect(bad.body.shop).toEqual(['Enter the shop’s myshopify.com domain, like vinyl-vault.myshopify.com.']);
    }
  });
});

describe('Marketplace accounts: Shopify without its settings (e2e)', () => {
  let unconfigured: TestApp;
  beforeAll(async () => {
    unconfigured = await createTestApp();
  });
  afterAll(async () => {
    await unconfigured?.close();
  });

  it('answers 503 naming the missing settings', async () => {
    const seller = await registerAccount(unconfigured.api);
    const refused = await unconfigured.api.post(`${ACCOUNTS}shopify/connect/`).set(seller.auth).send({ shop: SHOP.domain }).expect(503);
    expect(refused.body.detail).toBe('Connecting Shopify is not configured on this server: set SHOPIFY_API_KEY, SHOPIFY_API_SECRET.');
  });
});
