import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

const FUNNEL = '/api/v1/analytics/funnel/';
const INVENTORY = '/api/v1/analytics/inventory/';

describe('Inventory analytics: funnel and metrics (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  let other: Account;
  let empty: Account;
  let itemNumber = 0;

  /** An item made through the API, then given `stored` columns the API cannot set (listed, sold, deleted) by SQL. */
  async function item(account: Account, fields: Record<string, unknown>, stored: Record<string, unknown> = {}): Promise<string> {
    const created = await t.api
      .post('/api/v1/inventory/')
      .set(account.auth)
      .send({ name: `Item ${++itemNumber}`, ...fields })
      .expect(201);
    const columns = Object.keys(stored);
    if (columns.length > 0) {
      await t.sql(`UPDATE inventory_items SET ${columns.map((column, index) => `${column} = $${index + 2}`).join(', ')} WHERE uid = $1`, [
        created.body.uid,
        ...Object.values(stored),
      ]);
    }
    return created.body.uid as string;
  }

  async function listing(itemUid: string, platform: string, status: string): Promise<void> {
    await t.sql(
      `INSERT INTO inventory_item_listings (uid, organization_id, inventory_item_id, platform_id, status)
       SELECT 'lst_' || substr(md5(random()::text), 1, 16), i.organization_id, i.id, p.id, $3 FROM inventory_items i, platforms p
        WHERE i.uid = $1 AND p.slug = $2`,
      [itemUid, platform, status],
    );
  }

  beforeAll(async () => {
    t = await createTestApp();
    [seller, other, empty] = await Promise.all([1, 2, 3].map(() => registerAccount(t.api)));
    // Each item's stage and value are written beside it; the totals are added up by hand in the tests.
    await item(seller, { status: 'draft', price_expected_usd: '10.00' }); // draft, 10
    await item(seller, { status: 'purchased', price_total_usd: '20.00' }); // draft, 20
    await item(seller, { status: 'received', price_expected_usd: '15.00', price_total_usd: '12.00' }); // draft, 15
    await item(seller, { status: 'ready-to-sell', price_total_usd: '30.00' }); // ready_to_sell, 30
    // Live on two platforms: listed, counted once.
    const live = await item(seller, { status: 'ready-to-sell', price_total_usd: '40.00' }); // listed, 40
    await listing(live, 'ebay', 'listed');
    await listing(live, 'discogs', 'listed');
    // A listing that failed is not live.
    const failed = await item(seller, { status: 'ready-to-sell', price_total_usd: '50.00' }); // ready_to_sell, 50
    await listing(failed, 'ebay', 'listing_failed');
    await item(seller, { price_total_usd: '60.00', listing_current_price: '55.00', price_expected_usd: '70.00' }, { status: 'listed' }); // listed, 70
    await item(seller, { price_total_usd: '90.00', listing_current_price: '80.00' }, { status: 'sold' }); // sold, 80
    const soldAndListed = await item(seller, { price_total_usd: '25.00' }, { status: 'sold' }); // sold, 25
    await listing(soldAndListed, 'ebay', 'listed');
    await item(seller, { status: 'cancelled', price_total_usd: '100.00', price_expected_usd: '200.00' }); // outside the funnel, 0
    await item(seller, { status: 'ready-to-sell', price_total_usd: '999.00' }, { deleted_at: new Date() }); // deleted: never counted
    await item(other, { status: 'ready-to-sell', price_total_usd: '500.00' });
    await item(other, { status: 'draft' });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('GET /api/v1/analytics/funnel/', () => {
    it('counts each item once, at its stage from its status and its live listings', async () => {
      const funnel = await t.api.get(FUNNEL).set(seller.auth).expect(200);
      expect(funnel.body).toEqual({
        draft: 3,
        ready_to_sell: 2,
        listed: 2,
        sold: 2,
        total: 9,
        stages: [
          { stage: 'draft', count: 3 },
          { stage: 'ready_to_sell', count: 2 },
          { stage: 'listed', count: 2 },
          { stage: 'sold', count: 2 },
        ],
      });
    });

    it('answers zeros for an organization without items', async () => {
      const funnel = await t.api.get(FUNNEL).set(empty.auth).expect(200);
      expect(funnel.body).toMatchObject({ draft: 0, ready_to_sell: 0, listed: 0, sold: 0, total: 0 });
    });

    it('takes no parameter', async () => {
      expect((await t.api.get(`${FUNNEL}?days=30`).set(seller.auth).expect(400)).body).toEqual({
        days: ['Unknown parameter: this operation takes no query parameters.'],
      });
    });
  });

  describe('GET /api/v1/analytics/inventory/', () => {
    it('totals the count and value of the live items', async () => {
      const metrics = await t.api.get(INVENTORY).set(seller.auth).expect(200);
      expect(metrics.body.total_items).toBe(10);
      expect(metrics.body.total_value).toBe(340);
      expect(metrics.body.average_item_value).toBe(34);
    });

    it('breaks the count and value down by status, every status present', async () => {
      const metrics = await t.api.get(INVENTORY).set(seller.auth).expect(200);
      expect(metrics.body.by_status).toEqual({
        draft: { count: 1, value: 10 },
        purchased: { count: 1, value: 20 },
        received: { count: 1, value: 15 },
        'ready-to-sell': { count: 3, value: 120 },
        listed: { count: 1, value: 70 },
        sold: { count: 2, value: 105 },
        cancelled: { count: 1, value: 0 },
      });
    });

    it('answers the average with two decimals, and zeros without items', async () => {
      const cents = await registerAccount(t.api);
      await item(cents, { status: 'draft', price_total_usd: '10.00' });
      await item(cents, { status: 'draft', price_total_usd: '10.00' });
      await item(cents, { status: 'draft', price_total_usd: '0.01' });
      const metrics = await t.api.get(INVENTORY).set(cents.auth).expect(200);
      expect(metrics.body).toMatchObject({ total_items: 3, total_value: 20.01, average_item_value: 6.67 });
      const none = await t.api.get(INVENTORY).set(empty.auth).expect(200);
      expect(none.body).toMatchObject({ total_items: 0, total_value: 0, average_item_value: 0 });
    });
  });
});
