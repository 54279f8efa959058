import { requestFingerprint } from '../../src/infra/idempotency/idempotency.rules.js';
import { type FakeDiscogs, startFakeDiscogs } from '../support/fake-discogs.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const ACCOUNTS = '/api/v1/marketplace/accounts/';

/** Idempotency-Key on the POSTs that reach a marketplace (here: connecting Discogs with a personal token). */
describe('Idempotency-Key (e2e)', () => {
  let t: TestApp;
  let discogs: FakeDiscogs;
  let seller: Account;
  let other: Account;
  let tokens = 0;

  beforeAll(async () => {
    discogs = await startFakeDiscogs();
    t = await createTestApp({ env: { DISCOGS_API_URL: discogs.url } });
    [seller, other] = await Promise.all([registerAccount(t.api), registerAccount(t.api)]);
  });
  afterAll(async () => {
    await t?.close();
    await discogs?.close();
  });

  function newToken(): string {
    tokens += 1;
    const token = `token-${tokens}`;
    discogs.addPersonalToken(token, { id: 9000 + tokens, username: `seller_${tokens}` });
    return token;
  }
  const identityCalls = () => discogs.requests.filter((call) => call.path === '/oauth/identity').length;
  const connect = (account: Account, key: string | null, body: Record<string, unknown>) => {
    const request = t.api.post(ACCOUNTS).set(account.auth);
    return (key === null ? request : request.set('Idempotency-Key', key)).send(body);
  };

  it('answers a retry with the same key and body with the first answer, and calls Discogs once', async () => {
    const body = { platform: 'discogs', personal_token: newToken() };
    const first = await connect(seller, 'a1b2c3d4-0001', body).expect(201);
    const calls = identityCalls();
    const again = await connect(seller, 'a1b2c3d4-0001', { personal_token: body.personal_token, platform: 'discogs' }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(identityCalls()).toBe(calls);
  });

  it('refuses the same key with another body (422), and keeps the first answer for the first body', async () => {
    const body = { platform: 'discogs', personal_token: newToken() };
    const first = await connect(seller, 'key-0002', body).expect(201);
    const refused = await connect(seller, 'key-0002', { platform: 'discogs', personal_token: newToken() }).expect(422);
    expect(refused.body).toEqual({ detail: 'This Idempotency-Key was used with another request.' });
    expect((await connect(seller, 'key-0002', body).expect(201)).body).toEqual(first.body);
  });

  it("scopes keys to the organization: another organization's same key is a request of its own", async () => {
    const body = { platform: 'discogs', personal_token: newToken() };
    const mine = await connect(seller, 'shared-key', body).expect(201);
    const calls = identityCalls();
    const theirs = await connect(other, 'shared-key', body).expect(201);
    expect(identityCalls()).toBe(calls + 1);
    expect(theirs.body.uid).not.toBe(mine.body.uid);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('frees the key of a request that failed, so that the retry runs', async () => {
    discogs.addPersonalToken('late-token', { id: 777, username: 'late' });
    const refused = await connect(seller, 'key-0004', { platform: 'discogs', personal_token: 'unknown-token' }).expect(400);
    expect(refused.headers['idempotent-replayed']).toBeUndefined();
    await connect(seller, 'key-0004', { platform: 'discogs', personal_token: 'late-token' }).expect(201);
  });

  it('runs the request again once the key has expired', async () => {
    const body = { platform: 'discogs', personal_token: newToken() };
    await connect(seller, 'key-0005', body).expect(201);
    await t.sql(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'key-0005'`);
    const calls = identityCalls();
    const again = await connect(seller, 'key-0005', body).expect(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(identityCalls()).toBe(calls + 1);
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const body = { platform: 'discogs', personal_token: newToken() };
    await t.sql(
      `INSERT INTO idempotency_keys (organization_id, key, fingerprint, expires_at)
       SELECT id, 'key-0006', $2, now() + interval '1 day' FROM organizations WHERE uid = $1`,
      [seller.organization.uid, requestFingerprint('POST', ACCOUNTS, body)],
    );
    const busy = await connect(seller, 'key-0006', body).expect(409);
    expect(busy.body).toEqual({ detail: 'A request with this Idempotency-Key is still running.' });
  });

  it('refuses a malformed key with a 400 and does nothing', async () => {
    const calls = identityCalls();
    const refused = await connect(seller, 'has spaces', { platform: 'discogs', personal_token: newToken() }).expect(400);
    expect(refused.body).toEqual({ 'Idempotency-Key': ['Enter a key of 1 to 255 printable characters without spaces, such as a UUID.'] });
    await connect(seller, 'k'.repeat(256), { platform: 'discogs', personal_token: newToken() }).expect(400);
    expect(identityCalls()).toBe(calls);
  });

  it('works as before without a key', async () => {
    const body = { platform: 'discogs', personal_token: newToken() };
    await connect(seller, null, body).expect(201);
    await connect(seller, null, body).expect(201);
  });
});
