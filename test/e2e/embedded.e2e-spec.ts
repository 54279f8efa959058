import { createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

describe('Embedded default: PGlite and in-process jobs, no services configured (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ embedded: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('migrates at start-up and serves health, registration and the caller', async () => {
    const health = await t.api.get('/api/health/').expect(200);
    expect(health.body).toEqual({ status: 'ok', database: 'up', queue: { driver: 'inline', status: 'up' } });
    const account = await registerAccount(t.api);
    const me = await t.api.get('/api/v1/user/me/').set(account.auth).expect(200);
    expect(me.body.subscription.plan.code).toBe('trial');
  });

  it('keeps concurrent requests apart on its single connection', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        t.api.post('/api/auth/register/email/').send({ email: `c${index}@example.com`, password: index % 2 ? 'short' : 'long enough pw' }),
      ),
    );
    expect(results.map((response) => response.status)).toEqual([201, 400, 201, 400, 201, 400]);
  });
});
