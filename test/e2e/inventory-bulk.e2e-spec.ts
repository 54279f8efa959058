import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

interface BulkResult {
  success_count: number;
  failure_count: number;
  total_count: number;
  errors: Array<{ uid: string; error: string }>;
  updated_uids: string[];
}

interface AuditLog {
  action: string;
  source: string;
  message: string;
  status_before: string | null;
  status_after: string | null;
  metadata: Record<string, unknown>;
  request_id: string | null;
  inventory_item_title: string;
}

const NOT_FOUND = 'Not found.';
const BULK_STATUSES = ['draft', 'purchased', 'received', 'ready-to-sell', 'cancelled'];

describe('Inventory bulk operations (e2e)', () => {
  let t: TestApp;
  let dataDir: string;
  /** On the pro plan (100 items a request), as the seed's config example. */
  let seller: Account;
  /** Another organization, whose items must behave as unknown. */
  let other: Account;
  /** A new organization: on the trial plan (25 items a request). */
  let trial: Account;
  const products = new Map<string, string>();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'instica-bulk-e2e-'));
    t = await createTestApp({ env: { DATA_DIR: dataDir } });
    [seller, other, trial] = await Promise.all([registerAccount(t.api), registerAccount(t.api), registerAccount(t.api)]);
    await t.sql(
      `UPDATE subscriptions SET plan_id = (SELECT id FROM plans WHERE code = 'pro')
        WHERE organization_id = (SELECT id FROM organizations WHERE uid = $1)`,
      [seller.organization.uid],
    );
    for (const account of [seller, other]) {
      const product = await t.api.post('/api/v1/products/').set(account.auth).send({ title: 'Abbey Road', type: 'physical' }).expect(201);
      products.set(account.user.uid, product.body.uid);
    }
  });
  afterAll(async () => {
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const newItem = async (fields: Record<string, unknown> = {}, account = seller): Promise<string> =>
    (
      await t.api
        .post('/api/v1/inventory/')
        .set(account.auth)
        .send({ product_uid: products.get(account.user.uid), ...fields })
        .expect(201)
    ).body.uid;
  /** One after the other: concurrent creates of items of one product can deadlock in the product summary triggers. */
  const newItems = async (count: number, fields: Record<string, unknown> = {}): Promise<string[]> => {
    const uids: string[] = [];
    for (let index = 0; index < count; index += 1) uids.push(await newItem(fields));
    return uids;
  };
  const bulk = (operation: string, body: unknown, account = seller) =>
    t.api
      .post(`/api/v1/inventory/bulk/${operation}/`)
      .set(account.auth)
      .send(body as object);
  const ok = async (operation: string, body: unknown, account = seller): Promise<BulkResult> =>
    (await bulk(operation, body, account).expect(200)).body;
  const detail = async (uid: string, account = seller) => (await t.api.get(`/api/v1/inventory/${uid}/`).set(account.auth).expect(200)).body;
  const auditLogs = async (uid: string): Promise<AuditLog[]> =>
    (await t.api.get(`/api/v1/inventory/${uid}/audit-logs/`).set(seller.auth).expect(200)).body.results;
  const listed = async (search: string): Promise<Array<{ uid: string; status: string }>> =>
    (
      await t.api
        .get(`/api/v1/inventory/?search=${encodeURIComponent(search)}&page_size=100`)
        .set(seller.auth)
        .expect(200)
    ).body.results;
  /** The files stored for an item (originals and thumbnails), as the disk has them. */
  const storedFiles = (item: string): string[] => {
    const root = join(dataDir, 'media', 'inventory', item);
    if (!existsSync(root)) return [];
    return readdirSync(root).flatMap((directory) => readdirSync(join(root, directory)).map((file) => `${directory}/${file}`));
  };
  const succeeded = (uids: string[]): BulkResult => ({
    success_count: uids.length,
    failure_count: 0,
    total_count: uids.length,
    errors: [],
    updated_uids: uids,
  });

  describe('config', () => {
    it("answers the plan's limits as the seed shows them", async () => {
      const response = await t.api.get('/api/v1/inventory/bulk/config/').set(seller.auth).expect(200);
      expect(response.body).toEqual({ max_items_per_batch: 100, is_pro: true, allowed_bulk_statuses: BULK_STATUSES });
      const onTrial = await t.api.get('/api/v1/inventory/bulk/config').set(trial.auth).expect(200);
      expect(onTrial.body).toEqual({ max_items_per_batch: 25, is_pro: false, allowed_bulk_statuses: BULK_STATUSES });
      await t.api.get('/api/v1/inventory/bulk/config/').expect(401);
    });

    it('allows 100 items and no pro features without a subscription', async () => {
      const unsubscribed = await registerAccount(t.api);
      await t.sql(`DELETE FROM subscriptions WHERE organization_id = (SELECT id FROM organizations WHERE uid = $1)`, [
        unsubscribed.organization.uid,
      ]);
      const response = await t.api.get('/api/v1/inventory/bulk/config/').set(unsubscribed.auth).expect(200);
      expect(response.body).toEqual({ max_items_per_batch: 100, is_pro: false, allowed_bulk_statuses: BULK_STATUSES });
      const hundred = Array.from({ length: 100 }, (_, index) => `inv_missing${index}`);
      expect((await ok('status', { items: hundred, status: 'draft' }, unsubscribed)).failure_count).toBe(100);
    });

    it("enforces a plan's lower limit, naming it", async () => {
      const uids = (count: number) => Array.from({ length: count }, (_, index) => `inv_trial${index}`);
      const refused = await bulk('price', { items: uids(26), value: '10' }, trial).expect(400);
      expect(refused.body).toEqual({ items: ['Your plan allows at most 25 items per bulk request; this one has 26.'] });
      const fits = await ok('price', { items: uids(25), value: '10' }, trial);
      expect(fits).toMatchObject({ success_count: 0, failure_count: 25, total_count: 25 });
      // The limit counts distinct items.
      expect((await ok('price', { items: [...uids(25), ...uids(5)], value: '10' }, trial)).total_count).toBe(25);
    });
  });

  describe('price', () => {
    it("runs the seed's example: +10 % on three items, each rounded half-up to cents", async () => {
      const items = [
        await newItem({ price_total_usd: '19.99' }),
        await newItem({ price_total_usd: '1.15' }),
        await newItem({ price_total_usd: '34.99' }),
      ];
      const result = await ok('price', { items, value: '10', mode: 'percentage' });
      expect(result).toEqual(succeeded(items));
      // 21.989 -> 21.99; 1.265 -> 1.27 (binary floats make it 1.2649999... -> 1.26); 38.489 -> 38.49.
      expect(await Promise.all(items.map(async (uid) => (await detail(uid)).price_total_usd))).toEqual(['21.99', '1.27', '38.49']);
      const [entry] = await auditLogs(items[0]);
      expect(entry).toMatchObject({
        action: 'price_update',
        source: 'web',
        message: 'Price changed from $19.99 to $21.99.',
        metadata: { changes: { price_total_usd: { before: '19.99', after: '21.99' } }, bulk: 'price', mode: 'percentage', value: '10' },
      });
    });

    it('sets a price (the default mode), from a decimal string or a JSON number, on items with or without one', async () => {
      const [priced, unpriced] = [await newItem({ price_total_usd: '19.99' }), await newItem()];
      expect(await ok('price', { items: [priced, unpriced], value: '25' })).toEqual(succeeded([priced, unpriced]));
      expect((await detail(priced)).price_total_usd).toBe('25.00');
      expect((await detail(unpriced)).price_total_usd).toBe('25.00');
      await ok('price', { items: [priced], value: 12.5, mode: 'set' });
      expect((await detail(priced)).price_total_usd).toBe('12.50');
    });

    it('increases and decreases by an exact amount', async () => {
      const item = await newItem({ price_total_usd: '0.20' });
      await ok('price', { items: [item], value: '0.10', mode: 'increase' });
      expect((await detail(item)).price_total_usd).toBe('0.30');
      await ok('price', { items: [item], value: 0.29, mode: 'decrease' });
      expect((await detail(item)).price_total_usd).toBe('0.01');
    });

    it('lowers by a negative percentage', async () => {
      const item = await newItem({ price_total_usd: '10.05' });
      await ok('price', { items: [item], value: '-50', mode: 'percentage' });
      expect((await detail(item)).price_total_usd).toBe('5.03'); // 5.025, half-up
    });

    it('fails alone an item whose new price would be below 0.01, or that has no price to change', async () => {
      const [cheap, unpriced, fine] = [
        await newItem({ price_total_usd: '0.05' }),
        await newItem(),
        await newItem({ price_total_usd: '5.00' }),
      ];
      const result = await ok('price', { items: [cheap, unpriced, fine], value: '0.05', mode: 'decrease' });
      expect(result).toEqual({
        success_count: 1,
        failure_count: 2,
        total_count: 3,
        errors: [
          { uid: cheap, error: 'The new price would be 0.00; a price must be at least 0.01.' },
          { uid: unpriced, error: 'This item has no price to change: set one first (mode "set").' },
        ],
        updated_uids: [fine],
      });
      expect((await detail(cheap)).price_total_usd).toBe('0.05');
      expect((await detail(unpriced)).price_total_usd).toBeNull();
      expect((await detail(fine)).price_total_usd).toBe('4.95');
      expect((await auditLogs(cheap)).map((entry) => entry.action)).toEqual(['create']);
      const percentage = await ok('price', { items: [unpriced], value: '10', mode: 'percentage' });
      expect(percentage.errors).toEqual([{ uid: unpriced, error: 'This item has no price to change: set one first (mode "set").' }]);
    });

    it('counts an unchanged price as a success without an audit entry', async () => {
      const item = await newItem({ price_total_usd: '34.99' });
      expect(await ok('price', { items: [item], value: '0', mode: 'percentage' })).toEqual(succeeded([item]));
      expect(await ok('price', { items: [item], value: '34.99' })).toEqual(succeeded([item]));
      expect((await auditLogs(item)).map((entry) => entry.action)).toEqual(['create']);
    });

    it('refuses a bad value or mode with a 400 on that field, changing nothing', async () => {
      const item = await newItem({ price_total_usd: '34.99' });
      const refusals: Array<[unknown, string[]]> = [
        [{ items: [item] }, ['This field is required.']],
        [{ items: [item], value: null }, ['This field may not be null.']],
        [{ items: [item], value: 'ten' }, ['A valid number is required.']],
        [{ items: [item], value: true }, ['A valid number is required.']],
        [{ items: [item], value: ['10'] }, ['A valid number is required.']],
        [{ items: [item], value: { amount: 10 } }, ['A valid number is required.']],
        [{ items: [item], value: '1e3' }, ['A valid number is required.']],
        [{ items: [item], value: '1.005' }, ['Ensure that there are no more than 2 decimal places.']],
        [{ items: [item], value: 0.1 + 0.2 }, ['Ensure that there are no more than 2 decimal places.']],
        [{ items: [item], value: '123456789' }, ['Ensure that there are no more than 10 digits in total.']],
        [{ items: [item], value: '-5' }, ['Ensure this value is greater than or equal to 0.']],
        [{ items: [item], value: '-5', mode: 'decrease' }, ['Ensure this value is greater than or equal to 0.']],
      ];
      for (const [body, messages] of refusals) {
        expect((await bulk('price', body).expect(400)).body).toEqual({ value: messages });
      }
      expect((await bulk('price', { items: [item], value: '10', mode: 'double' }).expect(400)).body).toEqual({
        mode: ['"double" is not a valid choice.'],
      });
      expect((await bulk('price', { items: [item], value: '10', mode: null }).expect(400)).body).toEqual({
        mode: ['This field may not be null.'],
      });
      expect((await detail(item)).price_total_usd).toBe('34.99');
    });
  });

  describe('status', () => {
    it("runs the seed's example, recording the first-time dates as a single update does", async () => {
      const items = await newItems(2);
      expect(await ok('status', { items, status: 'ready-to-sell' })).toEqual(succeeded(items));
      expect((await detail(items[0])).status).toBe('ready-to-sell');
      const [entry] = await auditLogs(items[1]);
      expect(entry).toMatchObject({
        action: 'status_change',
        message: 'Status changed from Draft to Ready to Sell.',
        status_before: 'draft',
        status_after: 'ready-to-sell',
        metadata: { changes: { status: { before: 'draft', after: 'ready-to-sell' } }, bulk: 'status' },
      });
      await ok('status', { items: [items[0]], status: 'received' });
      const [{ received_at: first }] = (await t.sql(`SELECT received_at FROM inventory_items WHERE uid = $1`, [items[0]])).rows;
      expect(first).toBeInstanceOf(Date);
      await ok('status', { items: [items[0]], status: 'draft' });
      await ok('status', { items: [items[0]], status: 'received' });
      const [{ received_at: again }] = (await t.sql(`SELECT received_at FROM inventory_items WHERE uid = $1`, [items[0]])).rows;
      expect(again).toEqual(first);
    });

    it('fails alone an item whose status may not change that way (sold, listed)', async () => {
      const [sold, listed, draft, same] = await newItems(4);
      await t.sql(`UPDATE inventory_items SET status = 'sold' WHERE uid = $1`, [sold]);
      await t.sql(`UPDATE inventory_items SET status = 'listed' WHERE uid = $1`, [listed]);
      await t.sql(`UPDATE inventory_items SET status = 'cancelled' WHERE uid = $1`, [same]);
      const result = await ok('status', { items: [sold, listed, draft, same], status: 'cancelled' });
      expect(result).toEqual({
        success_count: 2,
        failure_count: 2,
        total_count: 4,
        errors: [
          { uid: sold, error: 'A sold item keeps its status.' },
          { uid: listed, error: 'A listed item changes status when it is delisted: delist it first.' },
        ],
        updated_uids: [draft, same],
      });
      expect((await detail(sold)).status).toBe('sold');
      expect((await detail(draft)).status).toBe('cancelled');
      expect((await auditLogs(same)).map((entry) => entry.action)).toEqual(['create']);
    });

    it('refuses a status it does not set with a 400 on status', async () => {
      const item = await newItem();
      for (const status of ['sold', 'listed', 'archived', 7]) {
        expect((await bulk('status', { items: [item], status }).expect(400)).body).toEqual({
          status: [`"${status}" is not a valid choice.`],
        });
      }
      expect((await bulk('status', { items: [item] }).expect(400)).body).toEqual({ status: ['This field is required.'] });
      expect((await detail(item)).status).toBe('draft');
    });
  });

  describe('fields', () => {
    it('normalises a grade as a single update does and mirrors it into a container not set by hand', async () => {
      const mirroring = await newItem({ condition_item: 'vg' });
      const byHand = await newItem({ condition_item: 'vg', condition_container: 'generic' });
      const result = await ok('fields', {
        items: [mirroring, byHand],
        updates: { condition_item: 'Near Mint (NM or M-)', location: 'Crate 12' },
      });
      expect(result).toEqual(succeeded([mirroring, byHand]));
      expect(await detail(mirroring)).toMatchObject({
        condition_item: 'nm',
        condition_container: 'nm',
        condition_container_manually_set: false,
        location: 'Crate 12',
        title: 'Abbey Road - NM',
      });
      expect(await detail(byHand)).toMatchObject({
        condition_item: 'nm',
        condition_container: 'generic',
        condition_container_manually_set: true,
      });
      const [entry] = await auditLogs(mirroring);
      expect(entry).toMatchObject({
        action: 'update',
        message: 'Updated location, condition_item, condition_container.',
        inventory_item_title: 'Abbey Road - NM',
        metadata: {
          bulk: 'fields',
          changes: {
            condition_item: { before: 'vg', after: 'nm' },
            condition_container: { before: 'vg', after: 'nm' },
            location: { before: null, after: 'Crate 12' },
          },
        },
      });
    });

    it('sets a container grade by hand, notes and both prices, and clears a field with null', async () => {
      const item = await newItem({ condition_item: 'vg', notes: 'old', price_total_usd: '10.00' });
      await ok('fields', {
        items: [item],
        updates: { condition_container: 'VG+', notes: null, price_total_usd: 34.99, price_shipping_usd: '5.00' },
      });
      expect(await detail(item)).toMatchObject({
        condition_item: 'vg',
        condition_container: 'vg_plus',
        condition_container_manually_set: true,
        notes: null,
        price_total_usd: '34.99',
        price_shipping_usd: '5.00',
      });
      await ok('fields', { items: [item], updates: { price_total_usd: '39.99' } });
      const [entry] = await auditLogs(item);
      expect(entry).toMatchObject({ action: 'price_update', message: 'Price changed from $34.99 to $39.99.' });
      expect(await ok('fields', { items: [item], updates: { price_total_usd: '39.99' } })).toEqual(succeeded([item]));
      expect((await auditLogs(item)).length).toBe(3);
    });

    it('refuses an unknown key or an invalid value with a 400 naming it, changing nothing', async () => {
      const item = await newItem({ notes: 'kept' });
      const allowed =
        'the fields a bulk update can change are condition_item, condition_container, notes, location, price_total_usd, price_shipping_usd.';
      const refusals: Array<[unknown, unknown]> = [
        [{ notes: 'x', foo: 1 }, { updates: [`Unknown field "foo": ${allowed}`] }],
        [{ status: 'sold', name: 'x' }, { updates: [`Unknown fields "status", "name": ${allowed}`] }],
        [{}, { updates: [`Give at least one field: ${allowed}`] }],
        ['notes', { updates: ['Expected a dictionary of items.'] }],
        [[{ notes: 'x' }], { updates: ['Expected a dictionary of items.'] }],
        [null, { updates: ['This field may not be null.'] }],
        [undefined, { updates: ['This field is required.'] }],
        [{ condition_item: 'superb' }, { updates: { condition_item: ['"superb" is not a valid choice.'] } }],
        [{ condition_container: 'Mint Minus' }, { updates: { condition_container: ['"Mint Minus" is not a valid choice.'] } }],
        [
          { price_total_usd: '1.999', price_shipping_usd: 'free', location: 'x'.repeat(201) },
          {
            updates: {
              price_total_usd: ['Ensure that there are no more than 2 decimal places.'],
              price_shipping_usd: ['A valid number is required.'],
              location: ['Ensure this field has no more than 200 characters.'],
            },
          },
        ],
        [{ notes: 5 }, { updates: { notes: ['Not a valid string.'] } }],
      ];
      for (const [updates, errors] of refusals) {
        expect((await bulk('fields', { items: [item], updates }).expect(400)).body).toEqual(errors);
      }
      expect((await detail(item)).notes).toBe('kept');
    });
  });

  describe('items', () => {
    it("changes only the caller's own items: unknown and other organizations' uids fail as not found", async () => {
      const [mine, alsoMine] = await newItems(2, { price_total_usd: '10.00' });
      const theirs = await newItem({ price_total_usd: '10.00' }, other);
      const result = await ok('price', { items: [mine, 'inv_doesnotexist', theirs, alsoMine, mine], value: '20' });
      expect(result).toEqual({
        success_count: 2,
        failure_count: 2,
        total_count: 4,
        errors: [
          { uid: 'inv_doesnotexist', error: NOT_FOUND },
          { uid: theirs, error: NOT_FOUND },
        ],
        updated_uids: [mine, alsoMine],
      });
      expect((await detail(mine)).price_total_usd).toBe('20.00');
      expect((await detail(theirs, other)).price_total_usd).toBe('10.00');
      expect((await t.api.get(`/api/v1/inventory/${theirs}/audit-logs/`).set(other.auth).expect(200)).body.count).toBe(1);
      // A uid sent twice is changed and audited once.
      expect((await auditLogs(mine)).map((entry) => entry.action)).toEqual(['price_update', 'create']);
      for (const [operation, body] of [
        ['status', { status: 'cancelled' }],
        ['fields', { updates: { notes: 'theirs' } }],
        ['delete', { hard_delete: true }],
        ['restore', {}],
      ] as const) {
        expect((await ok(operation, { items: [theirs], ...body })).errors).toEqual([{ uid: theirs, error: NOT_FOUND }]);
      }
      expect(await detail(theirs, other)).toMatchObject({ status: 'draft', notes: null, price_total_usd: '10.00' });
    });

    it('refuses items missing, empty, over 100, or not a list of uids, with a 400 on items', async () => {
      const item = await newItem({ price_total_usd: '10.00' });
      const refusals: Array<[unknown, string]> = [
        [undefined, 'This field is required.'],
        [null, 'This field may not be null.'],
        [[], 'This list may not be empty.'],
        [Array.from({ length: 101 }, () => item), 'Ensure this field has no more than 100 elements.'],
        [item, 'Expected a list of items.'],
        [{ uid: item }, 'Expected a list of items.'],
        [[item, 42], 'Each item must be an item uid (a non-blank string); the one at position 1 is not.'],
        [[null], 'Each item must be an item uid (a non-blank string); the one at position 0 is not.'],
        [[item, ' '], 'Each item must be an item uid (a non-blank string); the one at position 1 is not.'],
      ];
      for (const operation of ['price', 'status', 'fields', 'delete', 'restore']) {
        for (const [items, message] of refusals) {
          const body = { items, value: '99', status: 'cancelled', updates: { notes: 'x' } };
          expect({ operation, body: (await bulk(operation, body).expect(400)).body }).toEqual({ operation, body: { items: [message] } });
        }
      }
      expect(await detail(item)).toMatchObject({ price_total_usd: '10.00', status: 'draft', notes: null });
      expect((await bulk('price', ['not', 'an', 'object']).expect(400)).body).toEqual({
        non_field_errors: ['Invalid data. Expected a dictionary.'],
      });
      await t.api
        .post('/api/v1/inventory/bulk/price/')
        .send({ items: [item], value: '1' })
        .expect(401);
    });

    it('locks the items: concurrent increases of the same items all count', async () => {
      const items = await newItems(5, { price_total_usd: '10.00' });
      const increases = await Promise.all(
        Array.from({ length: 8 }, () => ok('price', { items: [...items].reverse(), value: '1', mode: 'increase' })),
      );
      expect(increases.every((result) => result.success_count === 5)).toBe(true);
      expect(await Promise.all(items.map(async (uid) => (await detail(uid)).price_total_usd))).toEqual(Array(5).fill('18.00'));
      expect((await auditLogs(items[0])).filter((entry) => entry.action === 'price_update')).toHaveLength(8);
    });

    it('serves the static bulk routes, not the item routes with "bulk" as a uid', async () => {
      const item = await newItem({ price_total_usd: '10.00' });
      await t.api
        .post('/api/v1/inventory/bulk/price')
        .set(seller.auth)
        .send({ items: [item], value: '11' })
        .expect(200);
      expect((await detail(item)).price_total_usd).toBe('11.00');
      expect((await t.api.get('/api/v1/inventory/bulk/').set(seller.auth).expect(404)).body).toEqual({ detail: NOT_FOUND });
      await t.api.get('/api/v1/inventory/bulk/audit-logs/').set(seller.auth).expect(404);
      await t.api.patch('/api/v1/inventory/bulk/').set(seller.auth).send({ notes: 'x' }).expect(404);
    });
  });

  describe('delete and restore', () => {
    it('soft-deletes items out of the lists and restores them with the target status', async () => {
      const name = `Archive ${Date.now()}`;
      const items = await newItems(2, { name });
      expect((await listed(name)).length).toBe(2);
      expect(await ok('delete', { items })).toEqual(succeeded(items));
      expect(await listed(name)).toEqual([]);
      await t.api.get(`/api/v1/inventory/${items[0]}/`).set(seller.auth).expect(404);
      // Already deleted: a soft delete does not find it.
      expect((await ok('delete', { items: [items[0]] })).errors).toEqual([{ uid: items[0], error: NOT_FOUND }]);
      const live = await newItem();
      const restored = await ok('restore', { items: [...items, live, 'inv_doesnotexist'], target_status: 'received' });
      expect(restored).toEqual({
        success_count: 2,
        failure_count: 2,
        total_count: 4,
        errors: [
          { uid: live, error: 'This item is not deleted: only deleted items can be restored.' },
          { uid: 'inv_doesnotexist', error: NOT_FOUND },
        ],
        updated_uids: items,
      });
      expect((await listed(name)).map((item) => item.status)).toEqual(['received', 'received']);
      const [restore, deletion] = await auditLogs(items[0]);
      expect(deletion).toMatchObject({ action: 'delete', message: 'Deleted (restorable).', status_before: 'draft', status_after: 'draft' });
      expect(restore).toMatchObject({
        action: 'restore',
        message: 'Restored as Received.',
        status_before: 'draft',
        status_after: 'received',
        metadata: { bulk: 'restore' },
      });
      const [{ received_at }] = (await t.sql(`SELECT received_at FROM inventory_items WHERE uid = $1`, [items[0]])).rows;
      expect(received_at).toBeInstanceOf(Date);
      await ok('delete', { items: [items[1]] });
      await ok('restore', { items: [items[1]] });
      expect((await detail(items[1])).status).toBe('draft');
    });

    it('refuses a restore status it does not take, and a hard_delete that is not a boolean', async () => {
      const item = await newItem();
      for (const target_status of ['cancelled', 'sold', 'gone']) {
        expect((await bulk('restore', { items: [item], target_status }).expect(400)).body).toEqual({
          target_status: [`"${target_status}" is not a valid choice.`],
        });
      }
      for (const hard_delete of ['yes', 1, null]) {
        expect(Object.keys((await bulk('delete', { items: [item], hard_delete }).expect(400)).body)).toEqual(['hard_delete']);
      }
      await detail(item);
    });

    it('fails alone an item that sold or has an active listing, soft or hard', async () => {
      const [sold, onEbay, fine, alsoFine] = await newItems(4);
      await t.sql(`UPDATE inventory_items SET status = 'sold' WHERE uid = $1`, [sold]);
      await t.sql(
        `INSERT INTO inventory_item_listings (uid, organization_id, inventory_item_id, platform_id, status)
         SELECT 'lst_bulk' || i.id, i.organization_id, i.id, p.id, 'listed' FROM inventory_items i, platforms p WHERE i.uid = $1 AND p.slug = 'ebay'`,
        [onEbay],
      );
      const errors = [
        { uid: sold, error: 'This item has an order and cannot be deleted.' },
        { uid: onEbay, error: 'This item has active marketplace listings. Delist it before deleting it.' },
      ];
      expect(await ok('delete', { items: [sold, onEbay, fine] })).toEqual({
        success_count: 1,
        failure_count: 2,
        total_count: 3,
        errors,
        updated_uids: [fine],
      });
      expect((await ok('delete', { items: [sold, onEbay, alsoFine], hard_delete: true })).errors).toEqual(errors);
      await detail(sold);
      await detail(onEbay);
    });

    it('hard-deletes rows, their photos and stored files, and their audit log, live or already soft-deleted', async () => {
      const [live, archived] = await newItems(2);
      const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
        .jpeg()
        .toBuffer();
      await t.api
        .post(`/api/v1/inventory/${live}/assets/`)
        .set(seller.auth)
        .field('type', 'photo')
        .attach('file', jpeg, 'front.jpg')
        .expect(201);
      expect(storedFiles(live)).toHaveLength(2); // the photo and its thumbnail
      const ids = (await t.sql(`SELECT id FROM inventory_items WHERE uid = ANY($1)`, [[live, archived]])).rows.map((row) => row.id);
      await ok('delete', { items: [archived] });
      expect(await ok('delete', { items: [live, archived], hard_delete: true })).toEqual(succeeded([live, archived]));
      for (const uid of [live, archived]) {
        await t.api.get(`/api/v1/inventory/${uid}/`).set(seller.auth).expect(404);
      }
      expect(storedFiles(live)).toEqual([]);
      const [left] = (
        await t.sql(
          `SELECT (SELECT count(*) FROM inventory_items WHERE id = ANY($1))::int AS items,
                  (SELECT count(*) FROM inventory_assets WHERE inventory_item_id = ANY($1))::int AS assets,
                  (SELECT count(*) FROM inventory_audit_logs WHERE inventory_item_id = ANY($1))::int AS audit_entries`,
          [ids],
        )
      ).rows;
      expect(left).toEqual({ items: 0, assets: 0, audit_entries: 0 });
      expect((await ok('restore', { items: [live, archived] })).errors).toEqual([
        { uid: live, error: NOT_FOUND },
        { uid: archived, error: NOT_FOUND },
      ]);
    });
  });
});
