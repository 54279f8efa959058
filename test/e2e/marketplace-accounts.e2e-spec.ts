import { type FakeDiscogs, startFakeDiscogs } from '../support/fake-discogs.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const ACCOUNTS = '/api/v1/marketplace/accounts/';

describe('Marketplace accounts: Discogs by personal access token (e2e)', () => {
  let t: TestApp;
  let discogs: FakeDiscogs;
  let seller: Account;
  let other: Account;

  beforeAll(async () => {
    discogs = await startFakeDiscogs();
    t = await createTestApp({ env: { DISCOGS_API_URL: discogs.url } });
    seller = await registerAccount(t.api);
    other = await registerAccount(t.api);
  });
  afterAll(async () => {
    await t?.close();
    await discogs?.close();
  });

  it('lists no accounts before any is connected', async () => {
    expect((await t.api.get(ACCOUNTS).set(seller.auth).expect(200)).body).toEqual([]);
  });

  it('connects with a token Discogs accepts, stores it encrypted, and lists the account without it', async () => {
    discogs.addPersonalToken('token-vinyl-vault', { id: 1234567, username: 'vinyl_vault' });
    const connected = await t.api
      .post(ACCOUNTS)
      .set(seller.auth)
      .send({ platform: 'discogs', personal_token: 'token-vinyl-vault' })
      .expect(201);
    expect(connected.body).toMatchObject({
      platform: { slug: 'discogs', name: 'Discogs' },
      external_user_id: '1234567',
      username: 'vinyl_vault',
      shop_id: null,
      status: 'active',
      scopes: [],
      last_sync_at: null,
      last_error: null,
    });
    expect(connected.body.uid).toMatch(/^sa_/);
    expect(JSON.stringify(connected.body)).not.toContain('token-vinyl-vault');
    const call = discogs.requests.at(-1)!;
    expect(call).toMatchObject({ method: 'GET', path: '/oauth/identity', authorization: 'Discogs token=token-vinyl-vault' });
    expect(call.userAgent).toMatch(/^Instica\//);

    const { rows } = await t.sql(`SELECT credentials FROM marketplace_accounts WHERE uid = $1`, [connected.body.uid]);
    expect(rows[0].credentials).toMatch(/^v1:/);
    expect(rows[0].credentials).not.toContain('token-vinyl-vault');

    const listed = await t.api.get(ACCOUNTS).set(seller.auth).expect(200);
    expect(listed.body).toEqual([connected.body]);
    expect((await t.api.get(ACCOUNTS).set(other.auth).expect(200)).body).toEqual([]);
  });

  it('connecting the same Discogs user again replaces the token on the same account', async () => {
    discogs.addPersonalToken('token-vinyl-vault-2', { id: 1234567, username: 'vinyl_vault' });
    const before = (await t.api.get(ACCOUNTS).set(seller.auth).expect(200)).body;
    const again = await t.api
      .post(ACCOUNTS)
      .set(seller.auth)
      .send({ platform: 'discogs', personal_token: 'token-vinyl-vault-2' })
      .expect(201);
    expect(again.body.uid).toBe(before[0].uid);
    expect((await t.api.get(ACCOUNTS).set(seller.auth).expect(200)).body).toHaveLength(1);
  });

  it('refuses a token Discogs does not accept with a 400 on personal_token, storing nothing', async () => {
    const refused = await t.api.post(ACCOUNTS).set(other.auth).send({ platform: 'discogs', personal_token: 'not-a-token' }).expect(400);
    expect(refused.body.personal_token[0]).toMatch(/^Discogs did not accept this token: You must authenticate/);
    expect((await t.api.get(ACCOUNTS).set(other.auth).expect(200)).body).toEqual([]);
  });

  it('answers 502 when Discogs fails or throttles, storing nothing', async () => {
    discogs.addPersonalToken('token-other', { id: 42, username: 'other_shop' });
    for (const status of [500, 429]) {
      discogs.failNext(status);
      const failed = await t.api.post(ACCOUNTS).set(other.auth).send({ platform: 'discogs', personal_token: 'token-other' }).expect(502);
      expect(failed.body.detail).toMatch(/^The marketplace could not check the credentials now: /);
    }
    expect((await t.api.get(ACCOUNTS).set(other.auth).expect(200)).body).toEqual([]);
  });

  it('validates the body: platform must take a token, the token must be given', async () => {
    const bad = await t.api.post(ACCOUNTS).set(other.auth).send({ platform: 'ebay', personal_token: '' }).expect(400);
    expect(bad.body).toEqual({ platform: ['"ebay" is not a valid choice.'], personal_token: [expect.any(String)] });
    await t.api.post(ACCOUNTS).set(other.auth).send({}).expect(400);
  });

  it("disconnects: credentials wiped, the account kept as revoked; another organization's account is a 404", async () => {
    const [account] = (await t.api.get(ACCOUNTS).set(seller.auth).expect(200)).body;
    await t.api.delete(`${ACCOUNTS}${account.uid}/`).set(other.auth).expect(404);
    await t.api.delete(`${ACCOUNTS}${account.uid}/`).set(seller.auth).expect(204);
    const [revoked] = (await t.api.get(ACCOUNTS).set(seller.auth).expect(200)).body;
    expect(revoked).toMatchObject({ uid: account.uid, status: 'revoked' });
    const { rows } = await t.sql(`SELECT credentials FROM marketplace_accounts WHERE uid = $1`, [account.uid]);
    expect(rows[0].credentials).toBeNull();
    await t.api.delete(`${ACCOUNTS}sa_doesnotexist/`).set(seller.auth).expect(404);
  });

  it('lets only owners and admins connect and disconnect', async () => {
    await t.sql(`UPDATE users SET role = 'member' WHERE uid = $1`, [other.user.uid]);
    const refused = await t.api.post(ACCOUNTS).set(other.auth).send({ platform: 'discogs', personal_token: 'token-other' }).expect(403);
    expect(refused.body).toEqual({ detail: 'You do not have permission to perform this action.' });
    await t.api.get(ACCOUNTS).set(other.auth).expect(200);
  });
});
