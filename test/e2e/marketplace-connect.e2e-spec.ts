import { type FakeEbay, startFakeEbay } from '../support/fake-ebay.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const EBAY_APP = { clientId: 'Instica-App-PRD-1a2b3c', clientSecret: 'PRD-secret-4d5e6f', ruName: 'Instica-InsticaA-App-PR-abcdef' };
const EBAY_AUTH_URL = 'https://auth.ebay.example';
const ACCOUNTS = '/api/v1/marketplace/accounts/';

function ebayEnv(fake: FakeEbay): Record<string, string> {
  return {
    EBAY_CLIENT_ID: EBAY_APP.clientId,
    EBAY_CLIENT_SECRET: EBAY_APP.clientSecret,
    EBAY_RU_NAME: EBAY_APP.ruName,
    EBAY_AUTH_URL,
    EBAY_API_URL: fake.url,
    EBAY_IDENTITY_URL: fake.url,
  };
}

/** The query of the callback eBay would redirect the seller's browser to. */
function callbackPath(query: Record<string, string>): string {
  return `${ACCOUNTS}ebay/login/callback/?${new URLSearchParams(query).toString()}`;
}

describe('Marketplace accounts: connecting eBay by OAuth (e2e)', () => {
  let t: TestApp;
  let ebay: FakeEbay;
  let seller: Account;

  beforeAll(async () => {
    ebay = await startFakeEbay(EBAY_APP);
    t = await createTestApp({ env: ebayEnv(ebay) });
    seller = await registerAccount(t.api);
  });
  afterAll(async () => {
    await t?.close();
    await ebay?.close();
  });

  const start = async (account: Account = seller) =>
    (await t.api.post(`${ACCOUNTS}ebay/connect/`).set(account.auth).send({}).expect(200)).body as {
      authorization_url: string;
      state: string;
    };

  it("starts with eBay's consent URL: the app's client id, the RuName as redirect_uri, the scopes and the signed state", async () => {
    const started = await start();
    const url = new URL(started.authorization_url);
    expect(`${url.origin}${url.pathname}`).toBe(`${EBAY_AUTH_URL}/oauth2/authorize`);
    expect(url.searchParams.get('client_id')).toBe(EBAY_APP.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(EBAY_APP.ruName);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')?.split(' ')).toContain('https://api.ebay.com/oauth/api_scope/sell.inventory');
    expect(url.searchParams.get('state')).toBe(started.state);

    const login = await t.api.get(`${ACCOUNTS}ebay/login/`).set(seller.auth).expect(302);
    expect(login.headers.location).toMatch(new RegExp(`^${EBAY_AUTH_URL}/oauth2/authorize\\?client_id=`));
  });

  it('finishes at the callback: the code exchanged with the app keys, the seller read from the Identity API, the tokens sealed', async () => {
    const { state } = await start();
    const code = ebay.issueCode({ userId: 'nY2kD8xQ', username: 'vinyl_vault_ebay' });
    const connected = await t.api.get(callbackPath({ code, state })).set('Accept', 'application/json').expect(200);
    expect(connected.body).toMatchObject({
      platform: { slug: 'ebay' },
      external_user_id: 'nY2kD8xQ',
      username: 'vinyl_vault_ebay',
      status: 'active',
      last_error: null,
    });
    expect(connected.body.scopes).toContain('https://api.ebay.com/oauth/api_scope/sell.inventory');
    const exchange = ebay.tokenRequests.at(-1)!;
    expect(exchange.authorization).toBe(`Basic ${Buffer.from(`${EBAY_APP.clientId}:${EBAY_APP.clientSecret}`).toString('base64')}`);
    expect(exchange.form).toMatchObject({ grant_type: 'authorization_code', code, redirect_uri: EBAY_APP.ruName });

    const { rows } = await t.sql(`SELECT credentials, token_expires_at, auth_method FROM marketplace_accounts WHERE uid = $1`, [
      connected.body.uid,
    ]);
    expect(rows[0].credentials).toMatch(/^v1:/);
    expect(rows[0].credentials).not.toContain('user-token');
    expect(rows[0].auth_method).toBe('oauth2');
    expect(new Date(rows[0].token_expires_at).getTime()).toBeGreaterThan(Date.now() + 3_600_000);
    const listed = (await t.api.get(ACCOUNTS).set(seller.auth).expect(200)).body as Array<{ uid: string }>;
    expect(listed.map((account) => account.uid)).toContain(connected.body.uid);
  });

  it('shows a short page to a browser that does not ask for JSON', async () => {
    const { state } = await start();
    const code = ebay.issueCode({ userId: 'nY2kD8xQ', username: 'vinyl_vault_ebay' });
    const page = await t.api.get(callbackPath({ code, state })).set('Accept', 'text/html').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Your eBay account is connected.');
  });

  it('takes a state once: the same callback again is a 400 and stores nothing new', async () => {
    const { state } = await start();
    const code = ebay.issueCode({ userId: 'once-user', username: 'once' });
    await t.api.get(callbackPath({ code, state })).set('Accept', 'application/json').expect(200);
    const again = await t.api.get(callbackPath({ code: ebay.issueCode({ userId: 'twice-user', username: 'twice' }), state })).expect(400);
    expect(again.body.state[0]).toMatch(/expired or was already used/);
    const { rows } = await t.sql(`SELECT count(*)::int AS n FROM marketplace_accounts WHERE external_user_id = 'twice-user'`);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a forged, a missing or an expired state, and stores nothing', async () => {
    const { state } = await start();
    const [header, payload, signature] = state.split('.');
    const forged = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const code = ebay.issueCode({ userId: 'forged-user', username: 'forged' });
    expect((await t.api.get(callbackPath({ code, state: forged })).expect(400)).body.state).toEqual([
      'The state is not one this server issued.',
    ]);
    expect((await t.api.get(callbackPath({ code })).expect(400)).body.state[0]).toMatch(/no state/);
    await t.sql(`UPDATE marketplace_connect_states SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    expect((await t.api.get(callbackPath({ code, state })).expect(400)).body.state[0]).toMatch(/expired or was already used/);
    const { rows } = await t.sql(`SELECT count(*)::int AS n FROM marketplace_accounts WHERE external_user_id = 'forged-user'`);
    expect(rows[0].n).toBe(0);
  });

  it('says so when the seller declined, or when eBay refuses the code', async () => {
    const declined = await t.api
      .get(callbackPath({ state: (await start()).state, error: 'access_denied', error_description: 'The user declined' }))
      .expect(400);
    expect(declined.body.detail).toBe('eBay did not grant access: The user declined.');
    const refused = await t.api.get(callbackPath({ state: (await start()).state, code: 'not-a-code' })).expect(400);
    expect(refused.body.detail).toMatch(/^eBay refused the authorization code: /);
  });

  it('is for owners and admins; an unknown platform is a 404, one without OAuth here a 503', async () => {
    const member = await registerAccount(t.api);
    await t.sql(`UPDATE users SET role = 'member' WHERE uid = $1`, [member.user.uid]);
    await t.api.post(`${ACCOUNTS}ebay/connect/`).set(member.auth).send({}).expect(403);
    await t.api.post(`${ACCOUNTS}myspace/connect/`).set(seller.auth).send({}).expect(404);
    const redbubble = await t.api.post(`${ACCOUNTS}redbubble/connect/`).set(seller.auth).send({}).expect(503);
    expect(redbubble.body.detail).toBe('Connecting Redbubble by OAuth is not available on this server.');
  });
});

describe('Marketplace accounts: the OAuth callback with CONNECT_SUCCESS_URL, and without eBay settings (e2e)', () => {
  let ebay: FakeEbay;
  let redirecting: TestApp;
  let unconfigured: TestApp;

  beforeAll(async () => {
    ebay = await startFakeEbay(EBAY_APP);
    [redirecting, unconfigured] = await Promise.all([
      createTestApp({ env: { ...ebayEnv(ebay), CONNECT_SUCCESS_URL: 'https://app.example.com/settings/connected?from=oauth' } }),
      createTestApp(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([redirecting?.close(), unconfigured?.close()]);
    await ebay?.close();
  });

  it('sends the browser to CONNECT_SUCCESS_URL with the platform and the account', async () => {
    const seller = await registerAccount(redirecting.api);
    const { state } = (await redirecting.api.post(`${ACCOUNTS}ebay/connect/`).set(seller.auth).send({}).expect(200)).body;
    const code = ebay.issueCode({ userId: 'redirected', username: 'redirected_shop' });
    const done = await redirecting.api.get(callbackPath({ code, state })).expect(302);
    const location = new URL(done.headers.location as string);
    expect(`${location.origin}${location.pathname}`).toBe('https://app.example.com/settings/connected');
    expect(location.searchParams.get('from')).toBe('oauth');
    expect(location.searchParams.get('platform')).toBe('ebay');
    expect(location.searchParams.get('account')).toMatch(/^sa_/);
  });

  it('answers 503 naming the missing settings when eBay is not configured', async () => {
    const seller = await registerAccount(unconfigured.api);
    const refused = await unconfigured.api.post(`${ACCOUNTS}ebay/connect/`).set(seller.auth).send({}).expect(503);
    expect(refused.body.detail).toBe(
      'Connecting eBay is not configured on this server: set EBAY_CLIENT_ID, EBAY_CLIENT_SECRET, EBAY_RU_NAME.',
    );
  });
});
