import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { Agent, request as httpRequest } from 'node:http';
import { assertMatchesContract } from '../support/contract.js';
import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

const COLUMNS = [
  'uid',
  'title',
  'product_uid',
  'product_title',
  'name',
  'status',
  'condition_item',
  'condition_container',
  'condition_container_manually_set',
  'condition_comments',
  'condition_seller_description',
  'price_total_usd',
  'price_item_usd',
  'price_shipping_usd',
  'price_expected_usd',
  'price_purchased_item',
  'price_for_purchases_shipping',
  'listing_current_price',
  'manual_description',
  'manual_sku',
  'notes',
  'location',
  'inventory_item_type_uid',
  'created',
  'updated',
];

/** Small enough to go past in a test, large enough for a few thousand short rows. */
const MAX_IMPORT_BYTES = 1024 * 1024;
const EXPORT = '/api/v1/inventory/export/csv/';
const IMPORT = '/api/v1/inventory/import/csv/';

type Row = Record<string, string>;

interface ImportResult {
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  failed_count: number;
  errors: Array<{ row: number; field: string; message: string }>;
}

describe('Inventory CSV export and import (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  let other: Account;
  let productUid: string;
  let itemTypeUid: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { CSV_IMPORT_MAX_BYTES: String(MAX_IMPORT_BYTES) } });
    [seller, other] = await Promise.all([registerAccount(t.api), registerAccount(t.api)]);
    const product = await t.api
      .post('/api/v1/products/')
      .set(seller.auth)
      .send({ title: 'Abbey Road', type: 'physical', artist_name: 'The Beatles' })
      .expect(201);
    productUid = product.body.uid;
    const types = await t.api.get('/api/v1/inventory/types/').set(seller.auth).expect(200);
    itemTypeUid = types.body[0].uid;
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (account: Account, body: Record<string, unknown>) =>
    t.api.post('/api/v1/inventory/').set(account.auth).send(body).expect(201);
  const exportCsv = async (account: Account, query = '') => {
    const response = await t.api.get(`${EXPORT}${query}`).set(account.auth).buffer(true).expect(200);
    return { response, rows: parseCsv(response.text) };
  };
  const importCsv = (account: Account, csv: string | Buffer, fileName = 'inventory.csv') =>
    t.api.post(IMPORT).set(account.auth).attach('file', Buffer.from(csv), fileName);
  const importOk = async (account: Account, csv: string | Buffer): Promise<ImportResult> =>
    (await importCsv(account, csv).expect(200)).body;
  const item = async (account: Account, uid: string) => (await t.api.get(`/api/v1/inventory/${uid}/`).set(account.auth).expect(200)).body;
  const auditCount = async (account: Account) =>
    Number(
      (
        await t.sql(
          `SELECT count(*) AS count FROM inventory_audit_logs l JOIN organizations o ON o.id = l.organization_id WHERE o.uid = $1`,
          [account.organization.uid],
        )
      ).rows[0].count,
    );
  const itemCount = async (account: Account) =>
    Number(
      (
        await t.sql(`SELECT count(*) AS count FROM inventory_items i JOIN organizations o ON o.id = i.organization_id WHERE o.uid = $1`, [
          account.organization.uid,
        ])
      ).rows[0].count,
    );

  describe('export', () => {
    let listed: Record<string, unknown>;
    let plain: Record<string, unknown>;
    let deleted: Record<string, unknown>;
    let foreign: Record<string, unknown>;
    let exporter: Account;
    beforeAll(async () => {
      exporter = await registerAccount(t.api);
      const own = await t.api.post('/api/v1/products/').set(exporter.auth).send({ title: 'Kind of Blue', type: 'physical' }).expect(201);
      listed = (
        await create(exporter, {
          product_uid: own.body.uid,
          condition_item: 'VG+',
          condition_container: 'vg',
          price_total_usd: '34.99',
          price_shipping_usd: '5',
          price_purchased_item: '12.00',
          status: 'ready-to-sell',
          notes: 'Ring wear, "light"\nsecond line, with a comma',
          location: 'Crate 12',
          manual_sku: 'KOB-1',
          inventory_item_type_uid: itemTypeUid,
        })
      ).body;
      plain = (await create(exporter, { product_title: 'Blue Train', name: 'Blue Train (mono)' })).body;
      deleted = (await create(exporter, { product_title: 'Deleted record' })).body;
      await t.api
        .delete(`/api/v1/inventory/${String(deleted.uid)}/`)
        .set(exporter.auth)
        .expect(204);
      foreign = (await create(other, { product_title: 'Not yours' })).body;
    });

    it('streams every live item as a CSV attachment with a header row and the values the API shows', async () => {
      const { response, rows } = await exportCsv(exporter);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="inventory-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(response.text.startsWith('\uFEFFuid,title,')).toBe(true);
      expect(response.text).toContain('\r\n');
      expect(rows.header).toEqual(COLUMNS);
      expect(rows.data.map((row) => row.uid)).toEqual([listed.uid, plain.uid]);
      expect(rows.data[0]).toEqual({
        uid: listed.uid,
        title: 'Kind of Blue - VG+',
        product_uid: (listed.product as { uid: string }).uid,
        product_title: 'Kind of Blue',
        name: '',
        status: 'ready-to-sell',
        condition_item: 'vg_plus',
        condition_container: 'vg',
        condition_container_manually_set: 'true',
        condition_comments: '',
        condition_seller_description: '',
        price_total_usd: '34.99',
        price_item_usd: '',
        price_shipping_usd: '5.00',
        price_expected_usd: '',
        price_purchased_item: '12.00',
        price_for_purchases_shipping: '',
        listing_current_price: '',
        manual_description: '',
        manual_sku: 'KOB-1',
        notes: 'Ring wear, "light"\nsecond line, with a comma',
        location: 'Crate 12',
        inventory_item_type_uid: itemTypeUid,
        created: listed.created,
        updated: listed.updated,
      });
      expect(rows.data[1]).toMatchObject({
        title: 'Blue Train (mono)',
        name: 'Blue Train (mono)',
        product_title: 'Blue Train',
        status: 'draft',
        condition_container_manually_set: 'false',
        inventory_item_type_uid: '',
      });
      expect(response.text).not.toContain(String(deleted.uid));
      expect(response.text).not.toContain(String(foreign.uid));
    });

    it('filters as the list does: statuses comma-separated or repeated, and search; an invalid status is a 400 on it', async () => {
      expect((await exportCsv(exporter, '?status=ready-to-sell')).rows.data.map((row) => row.uid)).toEqual([listed.uid]);
      expect((await exportCsv(exporter, '?status=draft,ready-to-sell')).rows.data).toHaveLength(2);
      expect((await exportCsv(exporter, '?status=draft&status=received')).rows.data.map((row) => row.uid)).toEqual([plain.uid]);
      expect((await exportCsv(exporter, '?search=mono')).rows.data.map((row) => row.uid)).toEqual([plain.uid]);
      const none = await exportCsv(exporter, '?search=nothing-matches');
      expect(none.rows.header).toEqual(COLUMNS);
      expect(none.rows.data).toEqual([]);
      const invalid = await t.api.get(`${EXPORT}?status=draft,shipped`).set(exporter.auth).expect(400);
      expect(invalid.body).toEqual({ status: ['"shipped" is not a valid choice.'] });
    });

    it('needs credentials', async () => {
      await t.api.get(EXPORT).expect(401);
    });
  });

  describe('round trip', () => {
    it('escapes formula-looking cells against CSV injection, and imports them back unchanged', async () => {
      const account = await registerAccount(t.api);
      const formula = "=cmd|'/C calc'!A0";
      const names = [formula, '+1', '-2', '@SUM(A1)', "'=quoted", "'plain"];
      const uids: string[] = [];
      for (const name of names) uids.push((await create(account, { product_title: 'Injected', name })).body.uid);
      const { rows } = await exportCsv(account);
      expect(rows.data.map((row) => row.name)).toEqual([`'${formula}`, "'+1", "'-2", "'@SUM(A1)", "''=quoted", "'plain"]);
      expect(rows.data[0].title).toBe(`'${formula}`);
      const { response } = await exportCsv(account);
      expect(await importOk(account, response.text)).toEqual({
        created_count: 0,
        updated_count: 0,
        unchanged_count: names.length,
        failed_count: 0,
        errors: [],
      });
      for (const [index, uid] of uids.entries()) expect((await item(account, uid)).name).toBe(names[index]);
    });

    it('changes nothing when the export is imported unchanged: same updated timestamps, no audit entry', async () => {
      const account = await registerAccount(t.api);
      const product = await t.api.post('/api/v1/products/').set(account.auth).send({ title: 'Revolver', type: 'physical' }).expect(201);
      await create(account, { product_uid: product.body.uid, condition_item: 'nm', price_total_usd: '20', status: 'received' });
      await create(account, {
        product_uid: product.body.uid,
        condition_item: 'good',
        condition_container: 'generic',
        notes: 'Multi\nline',
      });
      await create(account, { product_title: 'Rubber Soul', inventory_item_type_uid: itemTypeUid, price_purchased_item: '1.5' });
      const before = await exportCsv(account);
      const audits = await auditCount(account);
      expect(await importOk(account, before.response.text)).toEqual({
        created_count: 0,
        updated_count: 0,
        unchanged_count: 3,
        failed_count: 0,
        errors: [],
      });
      const after = await exportCsv(account);
      expect(after.rows.data).toEqual(before.rows.data);
      expect(await auditCount(account)).toBe(audits);
    });
  });

  describe('import', () => {
    it('creates items: product_title creates one product per distinct title, product_uid links, each with its audit entry', async () => {
      const account = await registerAccount(t.api);
      const product = await t.api.post('/api/v1/products/').set(account.auth).send({ title: 'Help!', type: 'physical' }).expect(201);
      const csv = csvOf(
        ['product_title', 'product_uid', 'name', 'condition_item', 'price_total_usd', 'status', 'notes'],
        [
          ['Let It Be', '', '', 'VG+', '19.9', 'received', ''],
          ['Let It Be', '', 'Second copy', 'nm', '', '', 'note'],
          ['Ignored title', product.body.uid, '', 'good', '7.00', 'draft', ''],
          ['', '', 'Named only', '', '', '', ''],
        ],
      );
      expect(await importOk(account, csv)).toEqual({ created_count: 4, updated_count: 0, unchanged_count: 0, failed_count: 0, errors: [] });
      const list = await t.api.get('/api/v1/inventory/?ordering=created&page_size=10').set(account.auth).expect(200);
      const items = list.body.results as Array<Record<string, unknown> & { uid: string; product: { uid: string; title: string } }>;
      expect(items).toHaveLength(4);
      const [first, second, linked, named] = items;
      expect(first).toMatchObject({ title: 'Let It Be - VG+', condition_item: 'vg_plus', price_total_usd: '19.90', status: 'received' });
      expect(first.received_at).not.toBeNull();
      expect(second).toMatchObject({
        name: 'Second copy',
        condition_item: 'nm',
        condition_container: 'nm',
        status: 'draft',
        notes: 'note',
      });
      expect(second.product.uid).toBe(first.product.uid);
      expect(linked.product).toMatchObject({ uid: product.body.uid, title: 'Help!' });
      expect(named.product.title).toBe('Named only');
      const products = await t.api.get('/api/v1/products/?page_size=20').set(account.auth).expect(200);
      expect((products.body.results as Array<{ title: string }>).map((p) => p.title).sort()).toEqual(['Help!', 'Let It Be', 'Named only']);
      const audit = await t.api
        .get(`/api/v1/inventory/${String(first.uid)}/audit-logs/`)
        .set(account.auth)
        .expect(200);
      expect(audit.body.results).toEqual([
        expect.objectContaining({
          action: 'create',
          source: 'web',
          actor_uid: account.user.uid,
          inventory_item_title: 'Let It Be - VG+',
          status_after: 'received',
          message: 'Created with status Received.',
          metadata: { product_uid: first.product.uid, csv_line: 2 },
        }),
      ]);
    });

    it('updates the item of a uid with the changed cells only, ignoring read-only and unknown columns, with an audit entry', async () => {
      const account = await registerAccount(t.api);
      const created = (await create(account, { product_title: 'Abbey Road', price_total_usd: '30.00', notes: 'keep me', location: 'A1' }))
        .body;
      const { rows } = await exportCsv(account);
      const row: Row = { ...rows.data[0], price_total_usd: '32.5', title: 'ignored', created: '2001-01-01T00:00:00.000Z', notes: '' };
      const csv = csvOf([...COLUMNS, 'my_own_column'], [[...COLUMNS.map((column) => row[column]), 'whatever']]);
      expect(await importOk(account, csv)).toEqual({ created_count: 0, updated_count: 1, unchanged_count: 0, failed_count: 0, errors: [] });
      const after = await item(account, created.uid);
      expect(after).toMatchObject({
        price_total_usd: '32.50',
        notes: 'keep me',
        location: 'A1',
        title: 'Abbey Road',
        created: created.created,
      });
      expect(after.updated).not.toBe(created.updated);
      const audit = await t.api
        .get(`/api/v1/inventory/${String(created.uid)}/audit-logs/`)
        .set(account.auth)
        .expect(200);
      expect(audit.body.results[0]).toMatchObject({
        action: 'price_update',
        source: 'web',
        message: 'Price changed from $30.00 to $32.50.',
        metadata: { changes: { price_total_usd: { before: '30.00', after: '32.50' } }, csv_line: 2 },
      });
      expect(audit.body.count).toBe(2);
    });

    it('reports bad rows by their first line in the file, multi-line cells counted, while the good rows land', async () => {
      const account = await registerAccount(t.api);
      const mine = (await create(account, { product_title: 'Mine', price_total_usd: '1.00' })).body;
      const theirs = (await create(other, { product_title: 'Theirs', price_total_usd: '1.00' })).body;
      const gone = (await create(account, { product_title: 'Gone' })).body;
      await t.api
        .delete(`/api/v1/inventory/${String(gone.uid)}/`)
        .set(account.auth)
        .expect(204);
      const csv =
        'uid,product_title,name,price_total_usd,notes,condition_item\r\n' + // line 1
        ',Good one,,1.00,,\r\n' + // line 2
        ',Multi,,2.00,"first\nsecond\nthird",\r\n' + // lines 3-5
        ',Bad price,,abc,,\r\n' + // line 6
        `${String(theirs.uid)},,,9.00,,\r\n` + // line 7
        '\r\n' + // line 8, empty
        `inv_doesnotexist,,,9.00,,\r\n` + // line 9
        `${String(gone.uid)},,,9.00,,\r\n` + // line 10
        `${String(mine.uid)},,,5.00,,\r\n` + // line 11
        `${String(mine.uid)},,,6.00,,\r\n` + // line 12
        ',,,,,\r\n' + // line 13, a blank row
        ',Bad grade,,,"x\ny",excellent\r\n' + // lines 14-15
        ',Too,many,cells,,,\r\n' + // line 16
        ',,,3.00,,\r\n' + // line 17: no product
        ',Last good,,3.00,,\r\n'; // line 18
      const result = await importOk(account, csv);
      expect(result).toEqual({
        created_count: 3,
        updated_count: 1,
        unchanged_count: 0,
        failed_count: 8,
        errors: [
          { row: 6, field: 'price_total_usd', message: 'A valid number is required.' },
          { row: 7, field: 'uid', message: `Item "${String(theirs.uid)}" does not exist.` },
          { row: 9, field: 'uid', message: 'Item "inv_doesnotexist" does not exist.' },
          { row: 10, field: 'uid', message: `Item "${String(gone.uid)}" does not exist.` },
          { row: 12, field: 'uid', message: 'This item is already on line 11 of the file; each item may appear once.' },
          { row: 14, field: 'condition_item', message: '"excellent" is not a valid choice.' },
          { row: 16, field: 'non_field_errors', message: 'The row has 7 cells; the header row has 6.' },
          { row: 17, field: 'name', message: 'Give product_uid or product_title, or a name to create the product from.' },
        ],
      });
      expect((await item(account, mine.uid)).price_total_usd).toBe('5.00');
      expect((await item(other, theirs.uid)).price_total_usd).toBe('1.00');
      const titles = (await exportCsv(account)).rows.data.map((row) => row.product_title);
      expect(titles).toEqual(['Mine', 'Good one', 'Multi', 'Last good']);
    });

    it('validates rows as the API does: statuses set by the system are refused, and so are unknown products and item types', async () => {
      const account = await registerAccount(t.api);
      const csv = csvOf(
        ['product_uid', 'product_title', 'status', 'inventory_item_type_uid', 'condition_container_manually_set'],
        [
          ['', 'A', 'listed', '', ''],
          [productUid, '', '', '', ''],
          ['', 'B', '', 'type_nope', ''],
          ['', 'C', '', '', 'maybe'],
          ['', 'D', '', itemTypeUid, 'false'],
        ],
      );
      expect(await importOk(account, csv)).toEqual({
        created_count: 1,
        updated_count: 0,
        unchanged_count: 0,
        failed_count: 4,
        errors: [
          { row: 2, field: 'status', message: 'The status "listed" is set when the item is listed on a marketplace.' },
          { row: 3, field: 'product_uid', message: `Product "${productUid}" does not exist.` },
          { row: 4, field: 'inventory_item_type_uid', message: 'Item type "type_nope" does not exist.' },
          { row: 5, field: 'condition_container_manually_set', message: 'Must be a valid boolean.' },
        ],
      });
    });

    it('imports a few thousand rows in batches', async () => {
      const account = await registerAccount(t.api);
      const count = 3500;
      const rows = Array.from({ length: count }, (_, index) => [
        `Record ${index % 50}`,
        `${index}.99`,
        index % 2 ? 'vg' : 'nm',
        `Shelf ${index}`,
      ]);
      const result = await importOk(account, csvOf(['product_title', 'price_total_usd', 'condition_item', 'location'], rows));
      expect(result).toEqual({ created_count: count, updated_count: 0, unchanged_count: 0, failed_count: 0, errors: [] });
      const { response, rows: exported } = await exportCsv(account);
      expect(exported.data).toHaveLength(count);
      expect(exported.data.map((row) => row.location)).toEqual(rows.map((row) => row[3]));
      expect(new Set(exported.data.map((row) => row.product_uid)).size).toBe(50);
      expect(await auditCount(account)).toBe(count);
      expect(await importOk(account, response.text)).toMatchObject({ unchanged_count: count, updated_count: 0, failed_count: 0 });
    });
  });

  describe('files refused as a whole (400 on file, nothing changed)', () => {
    let account: Account;
    beforeAll(async () => {
      account = await registerAccount(t.api);
      await create(account, { product_title: 'Existing' });
    });

    const refused = async (send: () => Promise<{ body: unknown }>, expected: unknown) => {
      const [items, audits] = [await itemCount(account), await auditCount(account)];
      expect((await send()).body).toEqual(expected);
      expect([await itemCount(account), await auditCount(account)]).toEqual([items, audits]);
    };

    it('no file, text instead of a file, not multipart', async () => {
      await refused(() => t.api.post(IMPORT).set(account.auth).field('other', 'x').expect(400), { file: ['No file was submitted.'] });
      await refused(() => t.api.post(IMPORT).set(account.auth).field('file', 'uid,name').expect(400), {
        file: ['The submitted data was not a file. Check the encoding type on the form.'],
      });
      await refused(() => t.api.post(IMPORT).set(account.auth).send({ file: 'uid' }).expect(400), {
        non_field_errors: ['Expected multipart/form-data.'],
      });
    });

    it('a file that is not CSV text: binary (a PNG), null bytes, empty', async () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
      await refused(() => importCsv(account, png, 'image.png').expect(400), { file: ['The file is not a CSV text file (UTF-8).'] });
      await refused(() => importCsv(account, 'name\n\u0000\u0000\u0000').expect(400), {
        file: ['The file is not a CSV text file (UTF-8).'],
      });
      await refused(() => importCsv(account, Buffer.from([0xff, 0xfe, 0x41, 0x00])).expect(400), {
        file: ['The file is not a CSV text file (UTF-8).'],
      });
      await refused(() => importCsv(account, '').expect(400), { file: ['The submitted file is empty.'] });
    });

    it('no known column, a column twice, a broken header row', async () => {
      await refused(() => importCsv(account, 'foo,bar\n1,2\n').expect(400), {
        file: [`The header row names no known column; the columns are: ${COLUMNS.join(', ')}.`],
      });
      await refused(() => importCsv(account, 'name,Name\nA,B\n').expect(400), {
        file: ['The column "name" appears more than once in the header row.'],
      });
      const broken = await importCsv(account, '"name,notes\nA,B\n').expect(400);
      expect(broken.body.file[0]).toMatch(/^Not a valid CSV file: Quote Not Closed/);
    });

    it(`a file over CSV_IMPORT_MAX_BYTES (${MAX_IMPORT_BYTES} bytes here)`, async () => {
      const big = `product_title,notes\n${`A,${'x'.repeat(1000)}\n`.repeat(1100)}`;
      await refused(() => importCsv(account, big).expect(400), { file: ['The file is larger than 1 MB.'] });
    });
  });

  describe('an import stopped part way', () => {
    it('imports the rows before a line that breaks the CSV, and says so', async () => {
      const account = await registerAccount(t.api);
      const csv = 'product_title,notes\nFirst,\nSecond,"ok"\nThird,"bad"x\nFourth,\n';
      const response = await importCsv(account, csv).expect(400);
      expect(response.body).toEqual({
        file: [expect.stringMatching(/^Line 4: Invalid Closing Quote/)],
        created_count: 2,
        updated_count: 0,
        unchanged_count: 0,
        failed_count: 0,
        errors: [],
      });
      expect((await exportCsv(account)).rows.data.map((row) => row.product_title)).toEqual(['First', 'Second']);
    });

    it('stops a chunked upload (no Content-Length) at the size limit, after the batches before it', async () => {
      const account = await registerAccount(t.api);
      const row = `Chunked,${'n'.repeat(400)}\r\n`;
      const rows = Math.ceil((MAX_IMPORT_BYTES * 1.2) / row.length);
      // One connection, kept alive: the request after the upload must be answered on it, although the upload was not read to its end.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const response = await chunkedUpload(t, account, `product_title,notes\r\n${row.repeat(rows)}`, agent);
      const next = await send(t, account, agent);
      agent.destroy();
      expect(next).toBe(200);
      expect(response.status).toBe(400);
      const body = response.body as ImportResult & { file: string[] };
      expect(body.file).toEqual(['The file is larger than 1 MB.']);
      expect(body.created_count).toBeGreaterThan(1000);
      expect(body.created_count).toBeLessThan(rows);
      expect(await itemCount(account)).toBe(body.created_count);
    });
  });

  describe('streaming', () => {
    it('releases the database connection of a download the client abandons', async () => {
      const account = await registerAccount(t.api);
      // Some 20 MB of CSV: more than the socket buffers hold, so the server is still writing when the client goes.
      await t.sql(
        `INSERT INTO products (uid, organization_id, title, type) SELECT 'prod_csvbulk', id, 'Bulk', 'physical' FROM organizations WHERE uid = $1`,
        [account.organization.uid],
      );
      await t.sql(
        `INSERT INTO inventory_items (uid, organization_id, product_id, notes)
         SELECT 'inv_bulk' || n, p.organization_id, p.id, repeat('x', 4000) FROM products p, generate_series(1, 5000) n WHERE p.uid = 'prod_csvbulk'`,
      );
      // More abandoned downloads than the pool has connections (10): a leaked connection would make the last ones wait forever.
      for (let attempt = 0; attempt < 12; attempt++) expect(await abandonedDownload(t, account)).toBeGreaterThan(0);
      const { rows } = await exportCsv(account, '?search=nothing-matches');
      expect(rows.data).toEqual([]);
    });
  });
});

/** A CSV text: a header and rows, quoted where needed. */
function csvOf(header: string[], rows: string[][]): string {
  return stringify([header, ...rows]);
}

/** An export's header and rows (the BOM stripped), each row by column. */
function parseCsv(text: string): { header: string[]; data: Row[] } {
  const [header, ...records] = parse(text, { bom: true }) as string[][];
  return { header, data: records.map((record) => Object.fromEntries(header.map((column, index) => [column, record[index]]))) };
}

/** Starts an export, reads its first bytes and goes away; resolves with how many bytes it had read. */
function abandonedDownload(t: TestApp, account: Account): Promise<number> {
  const url = new URL(EXPORT, baseUrlOf(t));
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: account.auth }, (response) => {
      response.once('data', (chunk: Buffer) => {
        request.destroy();
        resolve(chunk.length);
      });
    });
    request.on('error', (error) => {
      if (!request.destroyed) reject(error);
    });
    request.end();
  });
}

/** A multipart upload sent chunked (no Content-Length), as `curl -F file=@-` does; its answer checked against the contract. */
function chunkedUpload(t: TestApp, account: Account, csv: string, agent: Agent): Promise<{ status: number; body: unknown }> {
  const boundary = 'csv-e2e-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      new URL(IMPORT, baseUrlOf(t)),
      {
        method: 'POST',
        agent,
        headers: { ...account.auth, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Transfer-Encoding': 'chunked' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const body: unknown = JSON.parse(text);
          assertMatchesContract('post', IMPORT, response.statusCode ?? 0, body, text, response.headers['content-type']);
          resolve({ status: response.statusCode ?? 0, body });
        });
      },
    );
    // The server may answer before it has read the whole body: what it did not read is of no interest.
    request.on('error', reject);
    const body = Buffer.from(head + csv + tail);
    for (let offset = 0; offset < body.length; offset += 64 * 1024) request.write(body.subarray(offset, offset + 64 * 1024));
    request.end();
  });
}

/** The status of a GET of the caller, sent through `agent`. */
function send(t: TestApp, account: Account, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL('/api/v1/user/me/', baseUrlOf(t)), { agent, headers: account.auth }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

function baseUrlOf(t: TestApp): string {
  return t.api.baseUrl;
}
