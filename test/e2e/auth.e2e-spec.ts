import { createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

describe('Authentication (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('registers a user with their organization and a trial subscription', async () => {
    const response = await t.api
      .post('/api/auth/register/email/')
      .send({ email: 'Ann@Example.com', password: 'correct horse battery', first_name: 'Ann', organization_name: 'Groove Records' })
      .expect(201);
    expect(response.body.token).toEqual(expect.any(String));
    expect(response.body.user).toEqual({
      uid: expect.stringMatching(/^usr_[0-9A-Za-z]{16}$/),
      username: 'ann@example.com',
      email: 'ann@example.com',
      first_name: 'Ann',
      last_name: '',
    });
    expect(response.body.organization).toEqual({
      uid: expect.stringMatching(/^org_/),
      display_name: 'Groove Records',
      slug: 'groove-records',
      default_barcode_type: 'upc',
      logo_url: null,
    });

    const me = await t.api
      .get('/api/v1/user/me/')
      .set({ Authorization: `Bearer ${response.body.token}` })
      .expect(200);
    expect(me.body).toMatchObject({ email: 'ann@example.com', role: 'owner', organization: response.body.organization });
    expect(me.body.subscription).toMatchObject({ status: 'trialing', is_active: true, plan: { code: 'trial', is_pro: false } });
    expect(me.body.subscription.plan).toHaveProperty('photos_per_item_limit');
    expect(me.body.subscription.plan).toHaveProperty('max_items_per_batch');
  });

  it('refuses a duplicate email (any case), a malformed email and a short password, per field', async () => {
    await registerAccount(t.api, { email: 'dup@example.com' });
    const usersBefore = await t.sql('SELECT count(*)::int AS n FROM users');
    const duplicate = await t.api
      .post('/api/auth/register/email/')
      .send({ email: 'DUP@example.com', password: 'long enough pw' })
      .expect(400);
    expect(duplicate.body).toEqual({ email: ['A user with that email already exists.'] });

    const malformed = await t.api.post('/api/auth/register/email/').send({ email: 'not-an-email', password: 'short' }).expect(400);
    expect(malformed.body).toEqual({
      email: ['Enter a valid email address.'],
      password: ['Ensure this field has at least 8 characters.'],
    });

    const missing = await t.api.post('/api/auth/register/email/').send({}).expect(400);
    expect(missing.body).toEqual({ email: ['This field is required.'], password: ['This field is required.'] });
    const usersAfter = await t.sql('SELECT count(*)::int AS n FROM users');
    expect(usersAfter.rows[0].n).toBe(usersBefore.rows[0].n);
  });

  it('gives each registration its own organization with a unique slug', async () => {
    const a = await registerAccount(t.api, { organization_name: 'Same Name' });
    const b = await registerAccount(t.api, { organization_name: 'Same Name' });
    expect(a.organization.uid).not.toBe(b.organization.uid);
    expect(a.organization.slug).toBe('same-name');
    expect(b.organization.slug).toMatch(/^same-name-[0-9a-f]{6}$/);
  });

  it('logs in, validates the token, and logs out for good', async () => {
    const account = await registerAccount(t.api, { email: 'login@example.com' });
    const login = await t.api.post('/api/auth/login/').send({ email: 'LOGIN@example.com', password: 'correct horse battery' }).expect(200);
    expect(login.body.user.uid).toBe(account.user.uid);
    expect(login.body.token).not.toBe(account.token);
    const auth = { Authorization: `Bearer ${login.body.token}` };

    const valid = await t.api.post('/api/auth/validate/').set(auth).expect(200);
    expect(valid.body).toEqual({ valid: true, user: login.body.user });

    await t.api.post('/api/auth/logout/').set(auth).expect(204);
    const after = await t.api.post('/api/auth/validate/').set(auth).expect(401);
    expect(after.body).toEqual({ detail: 'Invalid token.' });
    await t.api.get('/api/v1/user/me/').set(account.auth).expect(200);
  });

  it('refuses wrong credentials with the documented non-field error', async () => {
    await registerAccount(t.api, { email: 'wrong@example.com' });
    for (const body of [
      { email: 'wrong@example.com', password: 'not the password' },
      { email: 'nobody@example.com', password: 'correct horse battery' },
    ]) {
      const response = await t.api.post('/api/auth/login/').send(body).expect(400);
      expect(response.body).toEqual({ non_field_errors: ['Unable to log in with provided credentials.'] });
    }
  });

  it('answers 401 with the documented details for missing and bad credentials', async () => {
    const missing = await t.api.get('/api/v1/user/me/').expect(401);
    expect(missing.body).toEqual({ detail: 'Authentication credentials were not provided.' });
    const badToken = await t.api.get('/api/v1/user/me/').set({ Authorization: 'Bearer nope' }).expect(401);
    expect(badToken.body).toEqual({ detail: 'Invalid token.' });
    const badKey = await t.api.get('/api/v1/user/me/').set({ 'X-API-Key': 'ik_nope.nope' }).expect(401);
    expect(badKey.body).toEqual({ detail: 'Invalid API key.' });
  });

  it('stores only hashes of passwords and tokens', async () => {
    const account = await registerAccount(t.api, { email: 'hash@example.com' });
    const user = await t.sql('SELECT password_hash FROM users WHERE email = $1', ['hash@example.com']);
    expect(user.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    const tokens = await t.sql('SELECT token_hash FROM auth_tokens WHERE token_hash = $1', [account.token]);
    expect(tokens.rowCount).toBe(0);
  });
});
