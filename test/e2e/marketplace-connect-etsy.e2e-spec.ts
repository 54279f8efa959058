import { createHash } from 'node:crypto';
import { type FakeEtsy, startFakeEtsy } from '../support/fake-etsy.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const ETSY_APP = { keystring: '1aa2bb33c44d55eeeeee6fff', sharedSecret: 'ab12cd34ef' };
const PUBLIC_URL = 'https://instica.example.com';
const ACCOUNTS = '/api/v1/marketplace/accounts/';
const REDIRECT_URI = `${PUBLIC_URL}${ACCOUNTS}etsy/login/callback/`;

describe('Marketplace accounts: connecting Etsy by OAuth with PKCE (e2e)', () => {
  let t: TestApp;
  let etsy: FakeEtsy;
  let seller: Account;

  beforeAll(async () => {
    etsy = await startFakeEtsy(ETSY_APP);
    t = await createTestApp({
      env: {
        PUBLIC_URL,
        ETSY_API_KEY: ETSY_APP.keystring,
        ETSY_SHARED_SECRET: ETSY_APP.sharedSecret,
        ETSY_API_URL: etsy.url,
        ETSY_WEB_URL: etsy.url,
      },
    });
    seller = await registerAccount(t.api);
  });
  afterAll(async () => {
    await t?.close();
    await etsy?.close();
  });

  const start = async () =>
    (await t.api.post(`${ACCOUNTS}etsy/connect/`).set(seller.auth).send({}).expect(200)).body as {
      authorization_url: string;
      state: string;
    };

  /** What the seller's browser does at Etsy's consent page: Etsy redirects it to our callback, whose path and query are returned. */
  const consent = async (authorizationUrl: string): Promise<string> => {
    const page = await fetch(authorizationUrl, { redirect: 'manual' });
    expect(page.status).toBe(302);
    const location = new URL(page.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    return `${location.pathname}${location.search}`;
  };

  const accountsOf = async (externalUserId: string) =>
    (await t.sql(`SELECT count(*)::int AS n FROM marketplace_accounts WHERE external_user_id = $1`, [externalUserId])).rows[0].n as number;

  it("starts at Etsy's consent page with the keystring, the callback, the scopes, the state and an S256 challenge", async () => {
    const started = await start();
    const url = new URL(started.authorization_url);
    expect(`${url.origin}${url.pathname}`).toBe(`${etsy.url}/oauth/connect`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: ETSY_APP.keystring,
      redirect_uri: REDIRECT_URI,
      scope: 'listings_r listings_w listings_d shops_r transactions_r transactions_w email_r',
      state: started.state,
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
    });
    const again = new URL((await start()).authorization_url);
    expect(again.searchParams.get('code_challenge')).not.toBe(url.searchParams.get('code_challenge'));

    const login = await t.api.get(`${ACCOUNTS}etsy/login/`).set(seller.auth).expect(302);
    expect(login.headers.location).toMatch(new RegExp(`^${etsy.url}/oauth/connect\\?response_type=code&client_id=`));
  });

  it('finishes at the callback: the code exchanged with its verifier, the seller and shop read with x-api-key, the tokens sealed', async () => {
    const started = await start();
    const challenge = new URL(started.authorization_url).searchParams.get('code_challenge');
    etsy.consentAs({ userId: 84512937, shopId: 31415926, shopName: 'GrooveVaultRecords' });
    const callback = await consent(started.authorization_url);
    const connected = await t.api.get(callback).set('Accept', 'application/json').expect(200);
    expect(connected.body).toMatchObject({
      platform: { slug: 'etsy' },
      external_user_id: '84512937',
      username: 'GrooveVaultRecords',
      shop_id: '31415926',
      status: 'active',
      last_error: null,
    });
    expect(connected.body.scopes).toEqual([
      'listings_r',
      'listings_w',
      'listings_d',
      'shops_r',
      'transactions_r',
      'transactions_w',
      'email_r',
    ]);

    const exchange = etsy.tokenRequests.at(-1)!;
    expect(exchange.status).toBe(200);
    expect(exchange.form).toMatchObject({
      grant_type: 'authorization_code',
      client_id: ETSY_APP.keystring,
      redirect_uri: REDIRECT_URI,
      code: new URL(callback, PUBLIC_URL).searchParams.get('code'),
    });
    expect(createHash('sha256').update(exchange.form.code_verifier).digest('base64url')).toBe(challenge);
    const lookups = etsy.requests.slice(-2);
    expect(lookups.map((request) => request.path)).toEqual(['/v3/application/users/me', '/v3/application/shops/31415926']);
    for (const request of lookups) expect(request.apiKey).toBe(`${ETSY_APP.keystring}:${ETSY_APP.sharedSecret}`);

    const { rows } = await t.sql(`SELECT credentials, token_expires_at, auth_method FROM marketplace_accounts WHERE uid = $1`, [
      connected.body.uid,
    ]);
    expect(rows[0].credentials).toMatch(/^v1:/);
    expect(rows[0].credentials).not.toContain('84512937.');
    expect(rows[0].auth_method).toBe('oauth2');
    const expiresIn = new Date(rows[0].token_expires_at).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(3_000_000);
    expect(expiresIn).toBeLessThanOrEqual(3_600_000);
  });

  it("refuses a code with another attempt's verifier (a code injected into another state), and stores nothing", async () => {
    const mine = await start();
    const other = await start();
    etsy.consentAs({ userId: 66600001, shopId: 66600002, shopName: 'InjectedShop' });
    const callback = new URL(await consent(mine.authorization_url), PUBLIC_URL);
    const refused = await t.api
      .get(`${callback.pathname}?${new URLSearchParams({ code: callback.searchParams.get('code')!, state: other.state }).toString()}`)
      .expect(400);
    expect(refused.body.detail).toBe('Etsy refused the authorization code: code_verifier is invalid.');
    expect(etsy.tokenRequests.at(-1)!.status).toBe(400);
    expect(await accountsOf('66600001')).toBe(0);
  });

  it('says so when the seller declined at Etsy, and stores nothing', async () => {
    const count = async () => (await t.sql(`SELECT count(*)::int AS n FROM marketplace_accounts`)).rows[0].n as number;
    const before = await count();
    const started = await start();
    etsy.declineNext();
    const declined = await t.api.get(await consent(started.authorization_url)).expect(400);
    expect(declined.body.detail).toBe('Etsy did not grant access: The user denied the request.');
    expect(await count()).toBe(before);
  });

  it('refuses an account without a shop, and stores nothing', async () => {
    const started = await start();
    etsy.consentAs({ userId: 77700001, shopId: null, shopName: '' });
    const refused = await t.api.get(await consent(started.authorization_url)).expect(400);
    expect(refused.body.detail).toBe('This Etsy account has no shop: open an Etsy shop, then connect again.');
    expect(await accountsOf('77700001')).toBe(0);
  });
});

describe('Marketplace accounts: Etsy without its settings (e2e)', () => {
  let unconfigured: TestApp;

  beforeAll(async () => {
    unconfigured = await createTestApp();
  });
  afterAll(async () => {
    await unconfigured?.close();
  });

  it('answers 503 naming the missing settings', async () => {
    const seller = await registerAccount(unconfigured.api);
    const refused = await unconfigured.api.post(`${ACCOUNTS}etsy/connect/`).set(seller.auth).send({}).expect(503);
    expect(refused.body.detail).toBe('Connecting Etsy is not configured on this server: set ETSY_API_KEY, ETSY_SHARED_SECRET.');
  });
});
