import { withAdmin } from '../support/databases.js';
import { createTestApp, registerAccount, testServices, type TestApp } from '../support/test-app.js';

describe('Health (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports the database and the Bull queue up', async () => {
    const response = await t.api.get('/api/health/').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up', queue: { driver: 'bull', status: 'up' } });
  });

  it('answers 503 when the database is unreachable', async () => {
    const { databaseUrl } = testServices();
    await withAdmin(databaseUrl, async (client) => {
      await client.query(`ALTER DATABASE "${t.databaseName}" ALLOW_CONNECTIONS false`);
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [t.databaseName]);
    });
    try {
      const response = await t.api.get('/api/health/').expect(503);
      expect(response.body).toEqual({ status: 'error', database: 'down', queue: { driver: 'bull', status: 'up' } });
    } finally {
      await withAdmin(databaseUrl, (client) => client.query(`ALTER DATABASE "${t.databaseName}" ALLOW_CONNECTIONS true`));
    }
  });
});

describe('General throttle (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { THROTTLE_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('throttles each caller separately with RateLimit headers, Retry-After and the documented body', async () => {
    const throttled = await registerAccount(t.api);
    for (let remaining = 2; remaining >= 0; remaining -= 1) {
      const ok = await t.api.get('/api/v1/user/me/').set(throttled.auth).expect(200);
      expect(ok.headers['ratelimit-limit']).toBe('3');
      expect(ok.headers['ratelimit-remaining']).toBe(String(remaining));
    }
    const refused = await t.api.get('/api/v1/user/me/').set(throttled.auth).expect(429);
    expect(refused.body.detail).toMatch(/^Request was throttled\. Expected available in \d+ seconds\.$/);
    const seconds = Number(refused.body.detail.match(/(\d+) seconds/)[1]);
    expect(refused.headers['retry-after']).toBe(String(seconds));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);

    const other = await registerAccount(t.api);
    await t.api.get('/api/v1/user/me/').set(other.auth).expect(200);
  });
});
