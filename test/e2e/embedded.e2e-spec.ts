import { parse } from 'csv-parse/sync';
import { request } from 'node:http';
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

  it('exports and imports the inventory CSV from a cursor on its single connection, which a client leaving releases', async () => {
    const account = await registerAccount(t.api);
    const rows = Array.from({ length: 1500 }, (_, index) => `Record ${index},${index}.50,${'n'.repeat(2000)}`);
    const imported = await t.api
      .post('/api/v1/inventory/import/csv/')
      .set(account.auth)
      .attach('file', Buffer.from(`product_title,price_total_usd,notes\n${rows.join('\n')}\n`), 'inventory.csv')
      .expect(200);
    expect(imported.body).toEqual({ created_count: 1500, updated_count: 0, unchanged_count: 0, failed_count: 0, errors: [] });
    const exported = await t.api.get('/api/v1/inventory/export/csv/').set(account.auth).buffer(true).expect(200);
    const records = parse(exported.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(1500);
    expect(records[1499]).toMatchObject({ product_title: 'Record 1499', title: 'Record 1499', price_total_usd: '1499.50' });
    // Some 3 MB: the client leaves while the server is still writing. Were the cursor's connection (the only one) kept,
    // the requests after it would wait forever.
    for (let attempt = 0; attempt < 3; attempt++) await abandonDownload(`${t.api.baseUrl}/api/v1/inventory/export/csv/`, account.auth);
    const again = await t.api
      .post('/api/v1/inventory/import/csv/')
      .set(account.auth)
      .attach('file', Buffer.from(exported.text), 'inventory.csv')
      .expect(200);
    expect(again.body).toEqual({ created_count: 0, updated_count: 0, unchanged_count: 1500, failed_count: 0, errors: [] });
  });
});

/** Starts a download, reads its first bytes and goes away. */
function abandonDownload(url: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const download = request(url, { headers }, (response) => {
      response.once('data', () => {
        download.destroy();
        resolve();
      });
    });
    download.on('error', (error) => {
      if (!download.destroyed) reject(error);
    });
    download.end();
  });
}
