import { type FakeDiscogs, startFakeDiscogs } from '../support/fake-discogs.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const APP = { consumerKey: 'InsticaConsumerKey', consumerSecret: 'InsticaConsumerSecret' };
const PUBLIC_URL = 'https://instica.example.com';
const ACCOUNTS = '/api/v1/marketplace/accounts/';
const SELLER = { id: 2611, username: 'groove_records' };

/** The `key="value"` pairs of an OAuth header as sent (values still percent-encoded). */
function oauthFields(header: string | undefined): Record<string, string> {
  return Object.fromEntries([...(header ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
}

describe('Marketplace accounts: connecting Discogs by OAuth 1.0a (e2e)', () => {
  let t: TestApp;
  let discogs: FakeDiscogs;
  let seller: Account;

  beforeAll(async () => {
    discogs = await startFakeDiscogs(APP);
    t = await createTestApp({
      env: {
        PUBLIC_URL,
        DISCOGS_API_URL: discogs.url,
        DISCOGS_WEB_URL: discogs.url,
        DISCOGS_CONSUMER_KEY: APP.consumerKey,
        DISCOGS_CONSUMER_SECRET: APP.consumerSecret,
      },
    });
    seller = await registerAccount(t.api);
  });
  afterAll(async () => {
    await t?.close();
    await discogs?.close();
  });

  const start = async () =>
    (await t.api.post(`${ACCOUNTS}discogs/connect/`).set(seller.auth).send({}).expect(200)).body as {
      authorization_url: string;
      state: string;
    };

  /** The seller's browser at Discogs' authorize page: where it is sent back to, as a path of ours. */
  const authorize = async (authorizationUrl: string): Promise<string> => {
    const page = await fetch(authorizationUrl, { redirect: 'manual' });
    expect(page.status).toBe(302);
    const back = new URL(page.headers.get('location')!);
    expect(back.origin).toBe(PUBLIC_URL);
    return `${back.pathname}${back.search}`;
  };

  const accountsOf = async (externalUserId: string) =>
    (await t.sql(`SELECT count(*)::int AS n FROM marketplace_accounts WHERE external_user_id = $1`, [externalUserId])).rows[0].n as number;

  it('asks Discogs for a request token with the PLAINTEXT header and our callback carrying the state, then sends the seller to authorize', async () => {
    discogs.requests.length = 0;
    const started = await start();
    const url = new URL(started.authorization_url);
    expect(`${url.origin}${url.pathname}`).toBe(`${discogs.url}/oauth/authorize`);
    expect(url.searchParams.get('oauth_token')).toMatch(/^request-token-/);

    const call = discogs.requests.find((request) => request.path === '/oauth/request_token')!;
    expect(call.method).toBe('GET');
    expect(call.userAgent).toMatch(/^Instica\//);
    const fields = oauthFields(call.authorization);
    expect(fields).toMatchObject({
      oauth_consumer_key: APP.consumerKey,
      oauth_signature_method: 'PLAINTEXT',
      oauth_signature: `${APP.consumerSecret}&`,
    });
    expect(fields.oauth_nonce).toBeTruthy();
    expect(fields.oauth_timestamp).toMatch(/^\d+$/);
    expect(decodeURIComponent(fields.oauth_callback)).toBe(
      `${PUBLIC_URL}/api/v1/marketplace/accounts/discogs/login/callback/?state=${started.state}`,
    );

    const login = await t.api.get(`${ACCOUNTS}discogs/login/`).set(seller.auth).expect(302);
    expect(login.headers.location).toMatch(new RegExp(`^${discogs.url}/oauth/authorize\\?oauth_token=request-token-`));
  });

  it('finishes at the callback: the verifier exchanged for an access token, the seller read from /oauth/identity, the tokens sealed', async () => {
    const { authorization_url: authorizationUrl } = await start();
    const requestToken = new URL(authorizationUrl).searchParams.get('oauth_token')!;
    discogs.setAuthorizingUser(SELLER);
    const callback = await authorize(authorizationUrl);
    expect(callback).toMatch(/^\/api\/v1\/marketplace\/accounts\/discogs\/login\/callback\/\?state=.+&oauth_token=.+&oauth_verifier=.+/);

    const connected = await t.api.get(callback).set('Accept', 'application/json').expect(200);
    expect(connected.body).toMatchObject({
      platform: { slug: 'discogs' },
      external_user_id: String(SELLER.id),
      username: SELLER.username,
      status: 'active',
      scopes: [],
    });

    const exchange = discogs.requests.filter((request) => request.path === '/oauth/access_token').at(-1)!;
    expect(exchange.method).toBe('POST');
    expect(oauthFields(exchange.authorization)).toMatchObject({
      oauth_consumer_key: APP.consumerKey,
      oauth_token: requestToken,
      oauth_verifier: new URLSearchParams(callback.split('?')[1]).get('oauth_verifier'),
      oauth_signature_method: 'PLAINTEXT',
      oauth_signature: `${APP.consumerSecret}&${requestToken.replace('token', 'secret')}`,
    });
    const identity = discogs.requests.filter((request) => request.path === '/oauth/identity').at(-1)!;
    expect(identity.authorization).toMatch(/^OAuth .*oauth_token="access-token-/);

    const { rows } = await t.sql(`SELECT credentials, auth_method, token_expires_at FROM marketplace_accounts WHERE uid = $1`, [
      connected.body.uid,
    ]);
    expect(rows[0].credentials).toMatch(/^v1:/);
    expect(rows[0].credentials).not.toContain('access-token');
    expect(rows[0].auth_method).toBe('oauth1');
    expect(rows[0].token_expires_at).toBeNull();
    const listed = (await t.api.get(ACCOUNTS).set(seller.auth).expect(200)).body as Array<{ uid: string }>;
    expect(listed.map((account) => account.uid)).toContain(connected.body.uid);
  });

  it('says so when the seller declines at Discogs, and stores nothing', async () => {
    const { rows: before } = await t.sql(`SELECT count(*)::int AS n FROM marketplace_accounts`);
    discogs.setAuthorizingUser(null);
    const callback = await authorize((await start()).authorization_url);
    expect(callback).toMatch(/[?&]denied=/);
    const declined = await t.api.get(callback).expect(400);
    expect(declined.body.detail).toBe('Discogs did not grant access: the seller declined.');
    const { rows: after } = await t.sql(`SELECT count(*)::int AS n FROM marketplace_accounts`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses a request token this connection did not get, or a verifier Discogs does not accept, and stores nothing', async () => {
    const other = { id: 9090, username: 'not_stored' };
    discogs.setAuthorizingUser(other);
    const callback = new URL(await authorize((await start()).authorization_url), PUBLIC_URL);

    const forged = new URL(callback);
    forged.searchParams.set('oauth_token', 'request-token-forged');
    const wrongToken = await t.api.get(`${forged.pathname}${forged.search}`).expect(400);
    expect(wrongToken.body.detail).toBe('Discogs sent back a request token this connection did not ask for.');

    const { authorization_url: authorizationUrl } = await start();
    const retried = new URL(await authorize(authorizationUrl), PUBLIC_URL);
    retried.searchParams.set('oauth_verifier', 'not-the-verifier');
    const wrongVerifier = await t.api.get(`${retried.pathname}${retried.search}`).expect(400);
    expect(wrongVerifier.body.detail).toBe('Discogs refused the authorization: Invalid verifier.');
    expect(await accountsOf(String(other.id))).toBe(0);
  });

  it('answers 502 when Discogs fails to hand out a request token, storing no connection attempt', async () => {
    const { rows: before } = await t.sql(`SELECT count(*)::int AS n FROM marketplace_connect_states`);
    discogs.failNext(500);
    const failed = await t.api.post(`${ACCOUNTS}discogs/connect/`).set(seller.auth).send({}).expect(502);
    expect(failed.body.detail).toBe('The connection could not be started: Internal server error.');
    const { rows: after } = await t.sql(`SELECT count(*)::int AS n FROM marketplace_connect_states`);
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('Marketplace accounts: Discogs OAuth without the consumer key (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 503 naming the missing settings', async () => {
    const seller = await registerAccount(t.api);
    const refused = await t.api.post(`${ACCOUNTS}discogs/connect/`).set(seller.auth).send({}).expect(503);
    expect(refused.body.detail).toBe(
      'Connecting Discogs is not configured on this server: set DISCOGS_CONSUMER_KEY, DISCOGS_CONSUMER_SECRET.',
    );
  });
});
