import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

describe('API keys (e2e)', () => {
  let t: TestApp;
  let owner: Account;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await registerAccount(t.api);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates a key shown once, which then authenticates every request', async () => {
    const created = await t.api.post('/api/v1/api-keys/').set(owner.auth).send({ name: 'Sync script' }).expect(201);
    expect(created.body).toEqual({
      uid: expect.stringMatching(/^key_/),
      name: 'Sync script',
      prefix: expect.stringMatching(/^ik_/),
      key: expect.stringMatching(/^ik_\w{8}\.\w{43}$/),
      created: expect.any(String),
      last_used_at: null,
    });
    expect(created.body.key.startsWith(`${created.body.prefix}.`)).toBe(true);

    const me = await t.api.get('/api/v1/user/me/').set({ 'X-API-Key': created.body.key }).expect(200);
    expect(me.body.uid).toBe(owner.user.uid);
    await t.api.post('/api/auth/validate/').set({ 'X-API-Key': created.body.key }).expect(200);

    const list = await t.api.get('/api/v1/api-keys/').set(owner.auth).expect(200);
    const listed = list.body.results.find((key: { uid: string }) => key.uid === created.body.uid);
    expect(listed).not.toHaveProperty('key');
    expect(listed.last_used_at).toEqual(expect.any(String));
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);

    const stored = await t.sql('SELECT key_hash FROM api_keys WHERE uid = $1', [created.body.uid]);
    expect(stored.rows[0].key_hash).not.toContain(created.body.key.split('.')[1]);
  });

  it('refuses a key with the right prefix but a wrong secret', async () => {
    const created = await t.api.post('/api/v1/api-keys/').set(owner.auth).send({ name: 'Tampered' }).expect(201);
    const forged = `${created.body.prefix}.${'x'.repeat(43)}`;
    const response = await t.api.get('/api/v1/user/me/').set({ 'X-API-Key': forged }).expect(401);
    expect(response.body).toEqual({ detail: 'Invalid API key.' });
  });

  it('deletes a key, after which it gets 401', async () => {
    const created = await t.api.post('/api/v1/api-keys/').set(owner.auth).send({ name: 'Temporary' }).expect(201);
    await t.api.delete(`/api/v1/api-keys/${created.body.uid}/`).set(owner.auth).expect(204);
    await t.api.get('/api/v1/user/me/').set({ 'X-API-Key': created.body.key }).expect(401);
    await t.api.delete(`/api/v1/api-keys/${created.body.uid}/`).set(owner.auth).expect(404);
  });

  it("answers 404 for another organization's key and never lists it", async () => {
    const other = await registerAccount(t.api);
    const theirs = await t.api.post('/api/v1/api-keys/').set(other.auth).send({ name: 'Theirs' }).expect(201);
    const response = await t.api.delete(`/api/v1/api-keys/${theirs.body.uid}/`).set(owner.auth).expect(404);
    expect(response.body).toEqual({ detail: 'Not found.' });
    const list = await t.api.get('/api/v1/api-keys/?page_size=100').set(owner.auth).expect(200);
    expect(list.body.results.map((key: { uid: string }) => key.uid)).not.toContain(theirs.body.uid);
    await t.api.get('/api/v1/user/me/').set({ 'X-API-Key': theirs.body.key }).expect(200);
  });

  it('validates the name per field and writes nothing', async () => {
    const before = await t.sql('SELECT count(*)::int AS n FROM api_keys');
    expect((await t.api.post('/api/v1/api-keys/').set(owner.auth).send({}).expect(400)).body).toEqual({
      name: ['This field is required.'],
    });
    expect((await t.api.post('/api/v1/api-keys/').set(owner.auth).send({ name: '' }).expect(400)).body).toEqual({
      name: ['This field may not be blank.'],
    });
    expect(
      (
        await t.api
          .post('/api/v1/api-keys/')
          .set(owner.auth)
          .send({ name: 'x'.repeat(101) })
          .expect(400)
      ).body,
    ).toEqual({
      name: ['Ensure this field has no more than 100 characters.'],
    });
    expect((await t.api.post('/api/v1/api-keys/').set(owner.auth).send({ name: 42 }).expect(400)).body).toEqual({
      name: ['Not a valid string.'],
    });
    const after = await t.sql('SELECT count(*)::int AS n FROM api_keys');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('paginates with absolute next/previous URLs and 404 past the last page', async () => {
    const seller = await registerAccount(t.api);
    for (const name of ['k1', 'k2', 'k3', 'k4', 'k5']) {
      await t.api.post('/api/v1/api-keys/').set(seller.auth).send({ name }).expect(201);
    }
    const first = await t.api.get('/api/v1/api-keys/?page_size=2&x=keep').set(seller.auth).expect(200);
    expect(first.body.count).toBe(5);
    expect(first.body.results.map((key: { name: string }) => key.name)).toEqual(['k5', 'k4']);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toBe(`${t.api.baseUrl}/api/v1/api-keys/?page=2&page_size=2&x=keep`);

    const last = await t.api.get('/api/v1/api-keys/?page=3&page_size=2&x=keep').set(seller.auth).expect(200);
    expect(last.body.results.map((key: { name: string }) => key.name)).toEqual(['k1']);
    expect(last.body.next).toBeNull();
    expect(last.body.previous).toBe(`${t.api.baseUrl}/api/v1/api-keys/?page=2&page_size=2&x=keep`);

    expect((await t.api.get('/api/v1/api-keys/?page=4&page_size=2').set(seller.auth).expect(404)).body).toEqual({
      detail: 'Invalid page.',
    });
    expect((await t.api.get('/api/v1/api-keys/?page=abc').set(seller.auth).expect(404)).body).toEqual({ detail: 'Invalid page.' });
    expect((await t.api.get('/api/v1/api-keys/?page=1&page=2').set(seller.auth).expect(400)).body).toEqual({
      page: ['Not a valid string.'],
    });
    const defaults = await t.api.get('/api/v1/api-keys/?page_size=1000').set(seller.auth).expect(200);
    expect(defaults.body.results).toHaveLength(5);
  });

  it('answers 402 to a paid action once the trial is over', async () => {
    const lapsed = await registerAccount(t.api);
    await t.sql(
      `UPDATE subscriptions SET trial_ends_at = now() - interval '1 day'
       WHERE organization_id = (SELECT id FROM organizations WHERE uid = $1)`,
      [lapsed.organization.uid],
    );
    const response = await t.api.post('/api/v1/api-keys/').set(lapsed.auth).send({ name: 'Too late' }).expect(402);
    expect(response.body).toEqual({ detail: 'An active subscription is required for this action.' });
    const me = await t.api.get('/api/v1/user/me/').set(lapsed.auth).expect(200);
    expect(me.body.subscription.is_active).toBe(false);
  });
});
