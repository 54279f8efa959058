import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

interface ExportJob {
  uid: string;
  status: string;
  progress_percentage: number;
  file_url: string | null;
  file_name: string | null;
  file_size: number | null;
  row_count: number | null;
  error_message: string | null;
  [field: string]: unknown;
}

const POLL_LIMIT_MS = 30_000;

/** The job once it has finished (completed or failed), polling its detail endpoint. */
async function finished(t: TestApp, account: Account, uid: string): Promise<ExportJob> {
  const deadline = Date.now() + POLL_LIMIT_MS;
  for (;;) {
    const job = (await t.api.get(`/api/v1/exports/${uid}/`).set(account.auth).expect(200)).body as ExportJob;
    if (job.status === 'completed' || job.status === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`Export ${uid} still ${job.status} after ${POLL_LIMIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The path of an absolute URL of the app. */
const pathOf = (url: string) => new URL(url).pathname;

describe('Export jobs (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  let other: Account;
  beforeAll(async () => {
    t = await createTestApp();
    [seller, other] = await Promise.all([registerAccount(t.api), registerAccount(t.api)]);
    const add = (account: Account, body: Record<string, unknown>) =>
      t.api.post('/api/v1/inventory/').set(account.auth).send(body).expect(201);
    await add(seller, { product_title: 'Abbey Road', condition_item: 'vg_plus', price_total_usd: '34.99', status: 'ready-to-sell' });
    await add(seller, { product_title: 'Let It Be', condition_item: 'nm', price_total_usd: '20.00' });
    const gone = await add(seller, { product_title: 'Help!', condition_item: 'vg' });
    await t.api.delete(`/api/v1/inventory/${gone.body.uid}/`).set(seller.auth).expect(204);
    await add(other, { product_title: 'Someone Else', condition_item: 'g' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (account: Account, query = '') => t.api.post(`/api/v1/exports/inventory/csv/${query}`).set(account.auth);

  it("queues an inventory CSV export (202, pending) that completes with the organization's file", async () => {
    const created = await create(seller).expect(202);
    expect(created.body).toMatchObject({
      export_type: 'inventory_csv',
      status: 'pending',
      progress_percentage: 0,
      file_url: null,
      error_message: null,
      user_uid: seller.user.uid,
      filters: {},
      started_at: null,
      completed_at: null,
    });
    expect(created.body.uid).toMatch(/^exp_[0-9A-Za-z]{16}$/);

    const job = await finished(t, seller, created.body.uid);
    expect(job).toMatchObject({ status: 'completed', progress_percentage: 100, row_count: 2, error_message: null });
    expect(job.file_name).toMatch(/^inventory-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(job.file_url).toBe(`${new URL(job.file_url!).origin}/api/v1/exports/${job.uid}/download/`);
    expect(Date.parse(job.completed_at as string)).toBeGreaterThanOrEqual(Date.parse(job.started_at as string));

    const download = await t.api.get(pathOf(job.file_url!)).set(seller.auth).expect(200);
    expect(download.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${job.file_name}"`);
    expect(Number(download.headers['content-length'])).toBe(job.file_size);
    const rows = parse(download.text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((row) => row.product_title).sort()).toEqual(['Abbey Road', 'Let It Be']);

    // The file is the one the synchronous export writes now.
    const direct = await t.api.get('/api/v1/inventory/export/csv/').set(seller.auth).expect(200);
    expect(download.text).toBe(direct.text);
  });

  it('exports with the list filters, and refuses bad ones without creating a job', async () => {
    const created = await create(seller, '?status=ready-to-sell').expect(202);
    expect(created.body.filters).toEqual({ status: ['ready-to-sell'] });
    const job = await finished(t, seller, created.body.uid);
    expect(job.row_count).toBe(1);
    const download = await t.api.get(pathOf(job.file_url!)).set(seller.auth).expect(200);
    expect((parse(download.text, { columns: true, bom: true }) as Record<string, string>[]).map((row) => row.product_title)).toEqual([
      'Abbey Road',
    ]);

    const searched = await finished(t, seller, (await create(seller, '?search=let%20it').expect(202)).body.uid);
    expect(searched).toMatchObject({ status: 'completed', row_count: 1, filters: { search: 'let it' } });

    const before = (await t.api.get('/api/v1/exports/').set(seller.auth).expect(200)).body.count;
    const refused = await create(seller, '?status=lost').expect(400);
    expect(Object.keys(refused.body)).toEqual(['status']);
    expect((await t.api.get('/api/v1/exports/').set(seller.auth).expect(200)).body.count).toBe(before);
  });

  it("lists the organization's jobs newest first, and another organization sees none of them", async () => {
    const first = (await create(seller).expect(202)).body.uid;
    const second = (await create(seller).expect(202)).body.uid;
    const listed = await t.api.get('/api/v1/exports/').set(seller.auth).expect(200);
    expect(listed.body.results.slice(0, 2).map((job: ExportJob) => job.uid)).toEqual([second, first]);
    expect(listed.body.count).toBeGreaterThanOrEqual(2);

    expect((await t.api.get('/api/v1/exports/').set(other.auth).expect(200)).body).toMatchObject({ count: 0, results: [] });
    await t.api.get(`/api/v1/exports/${second}/`).set(other.auth).expect(404, { detail: 'Not found.' });
    await finished(t, seller, second);
    await t.api.get(`/api/v1/exports/${second}/download/`).set(other.auth).expect(404, { detail: 'Not found.' });
    await t.api.get('/api/v1/exports/exp_unknown/').set(seller.auth).expect(404, { detail: 'Not found.' });
    await t.api.get(`/api/v1/exports/${second}/download/`).expect(401);
  });

  it('answers 409 for the file of an export that is not completed', async () => {
    const { rows } = await t.sql(
      `INSERT INTO export_jobs (uid, organization_id, export_type, status)
       SELECT 'exp_pendingpendingpe', id, 'inventory_csv', 'pending' FROM organizations WHERE uid = $1 RETURNING uid`,
      [seller.organization.uid],
    );
    const response = await t.api.get(`/api/v1/exports/${rows[0].uid}/download/`).set(seller.auth).expect(409);
    expect(response.body.detail).toMatch(/still pending/);
  });
});

describe('Export jobs that fail (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'instica-exports-'));
    // A file where the private storage directory should be: every write of an export file fails.
    writeFileSync(join(dataDir, 'private'), 'not a directory');
    t = await createTestApp({ env: { DATA_DIR: dataDir } });
    seller = await registerAccount(t.api);
    await t.api.post('/api/v1/inventory/').set(seller.auth).send({ product_title: 'Abbey Road' }).expect(201);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records why, after its retries, where the owner sees it', async () => {
    const created = await t.api.post('/api/v1/exports/inventory/csv/').set(seller.auth).expect(202);
    const job = await finished(t, seller, created.body.uid);
    expect(job).toMatchObject({ status: 'failed', file_url: null, file_name: null, row_count: null });
    expect(job.error_message).toMatch(/^The export failed after 3 attempts: /);
    const response = await t.api.get(`/api/v1/exports/${job.uid}/download/`).set(seller.auth).expect(409);
    expect(response.body.detail).toMatch(/^The export failed/);
  });
});

describe('Export jobs on the embedded default (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  beforeAll(async () => {
    // In-process jobs, and a pool of one connection: the cursor holds it while the job records its progress.
    t = await createTestApp({ embedded: true });
    seller = await registerAccount(t.api);
    for (const title of ['Abbey Road', 'Let It Be', 'Revolver']) {
      await t.api.post('/api/v1/inventory/').set(seller.auth).send({ product_title: title }).expect(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes the export with the in-process queue, and the organization downloads it', async () => {
    const created = await t.api.post('/api/v1/exports/inventory/csv/').set(seller.auth).expect(202);
    const job = await finished(t, seller, created.body.uid);
    expect(job).toMatchObject({ status: 'completed', row_count: 3, progress_percentage: 100 });
    const download = await t.api.get(pathOf(job.file_url!)).set(seller.auth).expect(200);
    expect((parse(download.text, { columns: true, bom: true }) as Record<string, string>[]).map((row) => row.product_title)).toEqual([
      'Abbey Road',
      'Let It Be',
      'Revolver',
    ]);
  });
});
