import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

describe('Wire conventions (e2e)', () => {
  let t: TestApp;
  let account: Account;
  beforeAll(async () => {
    t = await createTestApp();
    account = await registerAccount(t.api);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('echoes a given X-Request-Id and makes one otherwise', async () => {
    const given = await t.api.get('/api/health/').set('X-Request-Id', 'trace-123').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-123');
    const made = await t.api.get('/api/health/').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await t.api.get('/api/health/').set('X-Request-Id', 'a b<script>').expect(200);
    expect(hostile.headers['x-request-id']).not.toBe('a b<script>');
    const onError = await t.api.get('/api/v1/user/me/').set('X-Request-Id', 'err-1').expect(401);
    expect(onError.headers['x-request-id']).toBe('err-1');
  });

  it('answers documented paths with and without the trailing slash', async () => {
    await t.api.get('/api/v1/user/me/').set(account.auth).expect(200);
    await t.api.get('/api/v1/user/me').set(account.auth).expect(200);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await t.api.get('/api/v1/no-such-thing/').set(account.auth).expect(404);
    expect(response.body).toEqual({ detail: 'Not found.' });
    expect(response.headers['content-type']).toMatch(/application\/json/);
  });

  it('answers an identifier longer than any uid as not found, and a malformed path as a 400, in the documented shapes', async () => {
    for (const path of ['/api/v1/inventory/', '/api/v1/products/']) {
      const long = await t.api
        .get(`${path}inv_${'a'.repeat(5000)}/`)
        .set(account.auth)
        .expect(404);
      expect(long.body).toEqual({ detail: 'Not found.' });
      expect(long.headers['x-request-id']).toEqual(expect.any(String));
    }
    const malformed = await t.api.get('/api/v1/products/%E0%A4%A/').set(account.auth).expect(400);
    expect(malformed.body).toEqual({ detail: 'Malformed URL: a path segment is not valid percent-encoding.' });
  });

  it('answers malformed JSON with a 400 JSON body', async () => {
    const response = await t.api.post('/api/auth/login/').set('Content-Type', 'application/json').send('{"email": "a@b.c", ').expect(400);
    expect(response.body.detail).toMatch(/^JSON parse error - /);
  });

  it('refuses absurdly nested JSON with a 400, not a crash', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const response = await t.api.post('/api/v1/api-keys/').set(account.auth).set('Content-Type', 'application/json').send(deep).expect(400);
    expect(response.body.detail).toMatch(/nesting deeper than/);
    await t.api.get('/api/health/').expect(200);
  });

  it('refuses a lone UTF-16 surrogate on the field, not with a 500', async () => {
    const response = await t.api
      .post('/api/auth/register/email/')
      .set('Content-Type', 'application/json')
      .send('{"email": "\\ud800@example.com", "password": "long enough"}')
      .expect(400);
    expect(response.body).toEqual({ email: ['Invalid unicode: unpaired surrogate.'] });
  });

  it('refuses a body that is not a JSON object', async () => {
    const response = await t.api.post('/api/v1/api-keys/').set(account.auth).send([1, 2]).expect(400);
    expect(response.body).toEqual({ non_field_errors: ['Invalid data. Expected a dictionary.'] });
  });

  it('ignores unknown and read-only body fields instead of writing them', async () => {
    const created = await t.api
      .post('/api/v1/api-keys/')
      .set(account.auth)
      .send({ name: 'Clean', uid: 'key_chosen', prefix: 'ik_mine', organization_id: 1, is_admin: true })
      .expect(201);
    expect(created.body.uid).not.toBe('key_chosen');
    expect(created.body.prefix).not.toBe('ik_mine');
  });

  it('never shows internal numeric ids', async () => {
    const me = await t.api.get('/api/v1/user/me/').set(account.auth).expect(200);
    expect(JSON.stringify(me.body)).not.toMatch(/"id"\s*:/);
  });

  it('serves the Swagger UI and the OpenAPI document publicly', async () => {
    const ui = await fetch(`${t.api.baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    const document = (await (await fetch(`${t.api.baseUrl}/api/docs-json`)).json()) as {
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['api_key', 'bearer']);
  });
});
