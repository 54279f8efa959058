import { setTimeout as delay } from 'node:timers/promises';
import { PDFParse } from 'pdf-parse';
import type { Response } from 'supertest';
import { type FakeDiscogs, startFakeDiscogs } from '../support/fake-discogs.js';
import { type FakeEbay, type FakeEbayOrder, startFakeEbay } from '../support/fake-ebay.js';
import { ACCOUNTS, connectEbay, EBAY_APP, marketplaceEnv } from '../support/listing-setup.js';
import { dayIn, shiftDay } from '../support/local-time.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const ANALYTICS = '/api/v1/analytics/';
const PROFIT_LOSS = '/api/v1/reports/profit-loss/';
const TOKYO = 'Asia/Tokyo';
const DEADLINE_MS = 30_000;

/** Collects a binary body (a PDF) as a Buffer. */
const binary = (response: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};

async function pdfText(body: Buffer): Promise<string> {
  const parser = new PDFParse({ data: body });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/** The Monday of the ISO week holding `day`. */
const mondayOf = (day: string) => shiftDay(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/**
 * The order figures (analytics sales, platforms, revenue, top categories; the profit and loss report) over sales made
 * through the API: by hand (`POST /api/v1/inventory/{uid}/order/`) and synced from the fake eBay and Discogs.
 */
describe('Order analytics and the profit and loss report (e2e)', () => {
  let t: TestApp;
  let ebay: FakeEbay;
  let discogs: FakeDiscogs;
  let seller: Account;
  let other: Account;
  /** Today in UTC when the sales were arranged: every recent sale is placed relative to it. */
  let today: string;
  let orderNumber = 0;
  const items: Record<string, string> = {};

  const setTimeZone = (account: Account, timezone: string) =>
    t.api.patch('/api/v1/user/me/preferences/').set(account.auth).send({ timezone }).expect(200);
  const at = (day: string, time: string) => `${day}T${time}:00.000Z`;

  /** An item named `name` of an item type, with its cost basis (purchase price + purchase shipping). */
  async function item(account: Account, name: string, fields: Record<string, unknown> = {}): Promise<string> {
    const created = await t.api
      .post('/api/v1/inventory/')
      .set(account.auth)
      .send({ name, status: 'ready-to-sell', price_total_usd: '99.00', ...fields })
      .expect(201);
    items[name] = created.body.uid as string;
    return items[name];
  }

  /** A sale outside the platforms, recorded by hand. */
  async function manualSale(account: Account, uid: string, fields: { sale_price: string; sold_at: string; shipping_cost?: string }) {
    await t.api.post(`/api/v1/inventory/${uid}/order/`).set(account.auth).send(fields).expect(201);
  }

  /** An eBay order (paid, not shipped) of these lines, matched to our items by SKU, placed at `created`. */
  function ebayOrder(
    created: string,
    lines: Array<{ sku: string; price: string }>,
    money: { fee?: string; shipping?: string; cancelled?: boolean } = {},
  ): FakeEbayOrder {
    orderNumber += 1;
    const total = lines.reduce((sum, line) => sum + Number(line.price), 0).toFixed(2);
    return {
      orderId: `12-${String(orderNumber).padStart(5, '0')}-88001`,
      creationDate: created,
      lastModifiedDate: new Date().toISOString(),
      orderFulfillmentStatus: 'NOT_STARTED',
      orderPaymentStatus: 'PAID',
      ...(money.cancelled ? { cancelStatus: { cancelState: 'CANCELED' } } : {}),
      buyer: { username: 'crate_digger' },
      pricingSummary: {
        total: { value: total, currency: 'USD' },
        ...(money.shipping ? { deliveryCost: { value: money.shipping, currency: 'USD' } } : {}),
      },
      ...(money.fee ? { totalMarketplaceFee: { value: money.fee, currency: 'USD' } } : {}),
      lineItems: lines.map((line, index) => ({
        lineItemId: `8${orderNumber}${index}`,
        sku: line.sku,
        title: `eBay line ${orderNumber}-${index}`,
        quantity: 1,
        lineItemCost: { value: line.price, currency: 'USD' },
      })),
    } as FakeEbayOrder;
  }

  const organizationOf = (account: Account) => `(SELECT organization_id FROM users WHERE uid = '${account.user.uid}')`;

  async function lastSyncRun(account: Account, slug: string): Promise<string | null> {
    const { rows } = await t.sql(
      `SELECT s.last_run_at::text AS at FROM order_sync_states s JOIN platforms p ON p.id = s.platform_id
        WHERE s.organization_id = ${organizationOf(account)} AND p.slug = $1`,
      [slug],
    );
    return (rows[0] as { at: string } | undefined)?.at ?? null;
  }

  /** Asks for an order sync now and waits (bounded) until each of these platforms' syncs has finished. */
  async function sync(account: Account, slugs: string[]): Promise<void> {
    const before = await Promise.all(slugs.map((slug) => lastSyncRun(account, slug)));
    await t.api.post('/api/v1/orders/sync/').set(account.auth).send({}).expect(202);
    const deadline = Date.now() + DEADLINE_MS;
    for (const [index, slug] of slugs.entries()) {
      while ((await lastSyncRun(account, slug)) === before[index]) {
        if (Date.now() > deadline) throw new Error(`The ${slug} order sync did not finish.`);
        await delay(100);
      }
    }
  }

  async function connectDiscogs(account: Account): Promise<{ id: number; username: string }> {
    const user = { id: 8_300_001, username: 'analytics_shop' };
    discogs.addPersonalToken('analytics-token', user);
    await t.api.post(ACCOUNTS).set(account.auth).send({ platform: 'discogs', personal_token: 'analytics-token' }).expect(201);
    return user;
  }

  beforeAll(async () => {
    [ebay, discogs] = await Promise.all([startFakeEbay(EBAY_APP), startFakeDiscogs()]);
    t = await createTestApp({
      env: marketplaceEnv({ discogs, ebay }),
    });
    [seller, other] = await Promise.all([1, 2].map(() => registerAccount(t.api)));
    await t.api.patch('/api/v1/organization/').set(seller.auth).send({ display_name: 'Groove Records' }).expect(200);
    today = dayIn('UTC');
    const vinyl = { inventory_item_type_uid: 'type_vinyl' };
    const cd = { inventory_item_type_uid: 'type_cd' };
    const cassette = { inventory_item_type_uid: 'type_cassette' };

    // Recent sales (days before today in UTC), each with its revenue; the figures are added up by hand in the tests.
    // By hand: Vinyl 50.00 (shipping 5.00) a day ago; CD 20.01 40 days ago (the previous 30 days); Vinyl 15.00 at
    // 20:00 UTC 3 days ago, already the next day in Tokyo.
    await manualSale(seller, await item(seller, 'Direct Vinyl', vinyl), {
      sale_price: '50.00',
      shipping_cost: '5.00',
      sold_at: at(shiftDay(today, -1), '12:00'),
    });
    await manualSale(seller, await item(seller, 'Old Direct CD', cd), { sale_price: '20.01', sold_at: at(shiftDay(today, -40), '12:00') });
    await manualSale(seller, await item(seller, 'Late Vinyl', vinyl), { sale_price: '15.00', sold_at: at(shiftDay(today, -3), '20:00') });

    // eBay: Vinyl 30.00 (fee 3.00, shipping 4.00) 2 days ago; a two-line order 10 days ago, CD 20.00 and Cassette 10.00
    // sharing fee 3.00 and shipping 6.00 (2.00 + 1.00, 4.00 + 2.00); a cancelled Vinyl 100.00 5 days ago; Vinyl 40.00
    // (fee 4.00) 35 days ago (the previous 30 days).
    const ebayUser = await connectEbay(t, ebay, seller);
    ebay.addSellerOrder(
      ebayUser,
      ebayOrder(at(shiftDay(today, -2), '12:00'), [{ sku: await item(seller, 'eBay Vinyl', vinyl), price: '30.00' }], {
        fee: '3.00',
        shipping: '4.00',
      }),
    );
    ebay.addSellerOrder(
      ebayUser,
      ebayOrder(
        at(shiftDay(today, -10), '12:00'),
        [
          { sku: await item(seller, 'eBay CD', cd), price: '20.00' },
          { sku: await item(seller, 'eBay Cassette', cassette), price: '10.00' },
        ],
        { fee: '3.00', shipping: '6.00' },
      ),
    );
    ebay.addSellerOrder(
      ebayUser,
      ebayOrder(at(shiftDay(today, -5), '12:00'), [{ sku: await item(seller, 'Cancelled Vinyl', vinyl), price: '100.00' }], {
        cancelled: true,
      }),
    );
    ebay.addSellerOrder(
      ebayUser,
      ebayOrder(at(shiftDay(today, -35), '12:00'), [{ sku: await item(seller, 'Older eBay Vinyl', vinyl), price: '40.00' }], {
        fee: '4.00',
      }),
    );

    // The first quarter of 2024, for the profit and loss (cost basis beside each): a manual Vinyl sale on 15 January,
    // 60.00 with shipping 6.00 (cost 10.00 + 2.00); on eBay a CD on 31 January at 20:00 UTC (1 February in Tokyo), 30.00
    // with fee 3.30 and shipping 4.00 (cost 8.00); a Vinyl on 29 February at a loss, 40.00 with fee 4.00 (cost 50.00);
    // a cancelled order in February and a sale on 2 April, both outside the figures.
    await manualSale(
      seller,
      await item(seller, 'January Vinyl', { ...vinyl, price_purchased_item: '10.00', price_for_purchases_shipping: '2.00' }),
      { sale_price: '60.00', shipping_cost: '6.00', sold_at: '2024-01-15T12:00:00.000Z' },
    );
    ebay.addSellerOrder(
      ebayUser,
      ebayOrder(
        '2024-01-31T20:00:00.000Z',
        [{ sku: await item(seller, 'Month-end CD', { ...cd, price_purchased_item: '8.00' }), price: '30.00' }],
        { fee: '3.30', shipping: '4.00' },
      ),
    );
    ebay.addSellerOrder(
      ebayUser,
      ebayOrder(
        '2024-02-29T12:00:00.000Z',
        [{ sku: await item(seller, 'Leap Day Vinyl', { ...vinyl, price_purchased_item: '50.00' }), price: '40.00' }],
        { fee: '4.00' },
      ),
    );
    ebay.addSellerOrder(
      ebayUser,
      ebayOrder('2024-02-10T12:00:00.000Z', [{ sku: await item(seller, 'Cancelled 2024 Vinyl', vinyl), price: '500.00' }], {
        cancelled: true,
      }),
    );
    await manualSale(seller, await item(seller, 'April Vinyl', { ...vinyl, price_purchased_item: '1.00' }), {
      sale_price: '70.00',
      sold_at: '2024-04-02T12:00:00.000Z',
    });
    await sync(seller, ['ebay']);

    // Discogs: 25.00 (fee 2.50, shipping 5.00) 7 days ago, for a listing that is none of ours: a sale with no item.
    const discogsUser = await connectDiscogs(seller);
    const created = at(shiftDay(today, -7), '12:00');
    discogs.addOrder(discogsUser, {
      id: `${discogsUser.id}-1`,
      created,
      last_activity: new Date().toISOString(),
      items: [{ listingId: 990_001, releaseId: 249504, price: 25 }],
      shipping: 5,
      fee: 2.5,
    });
    await sync(seller, ['discogs']);

    // Another organization's sales, in every range: never counted.
    await manualSale(other, await item(other, 'Other Shop Vinyl', vinyl), {
      sale_price: '999.00',
      sold_at: at(shiftDay(today, -1), '12:00'),
    });
    await manualSale(other, await item(other, 'Other Shop 2024', { ...vinyl, price_purchased_item: '1.00' }), {
      sale_price: '888.00',
      sold_at: '2024-02-01T12:00:00.000Z',
    });
  });

  afterAll(async () => {
    await t?.close();
    await Promise.all([ebay?.close(), discogs?.close()]);
  });

  it('arranged every sale as an order (the cancelled ones too)', async () => {
    const stats = (await t.api.get('/api/v1/orders/?page_size=100').set(seller.auth).expect(200)).body as { count: number };
    // Recent: 3 by hand, 5 eBay lines (1 cancelled); 2024: 2 by hand, 3 eBay (1 cancelled); 1 Discogs.
    expect(stats.count).toBe(14);
  });

  describe('GET /api/v1/analytics/sales/', () => {
    it('counts the sales and their revenue per UTC day, every day of the range present', async () => {
      await setTimeZone(seller, 'UTC');
      const series = await t.api.get(`${ANALYTICS}sales/`).set(seller.auth).expect(200);
      expect(series.body).toMatchObject({ period: 'day', granularity: 'day', days: 30, timezone: 'UTC', total: 6, total_revenue: 150 });
      expect(series.body.data).toHaveLength(30);
      expect(series.body.range_start).toBe(shiftDay(today, -29));
      expect(series.body.data[0].date).toBe(shiftDay(today, -29));
      expect(series.body.data.at(-1)).toEqual({ date: today, value: 0, revenue: 0, orders: 0 });
      const point = (daysAgo: number) => series.body.data.find((entry: { date: string }) => entry.date === shiftDay(today, -daysAgo));
      expect(point(1)).toEqual({ date: shiftDay(today, -1), value: 1, revenue: 50, orders: 1 });
      expect(point(2)).toEqual({ date: shiftDay(today, -2), value: 1, revenue: 30, orders: 1 });
      expect(point(3)).toEqual({ date: shiftDay(today, -3), value: 1, revenue: 15, orders: 1 });
      // The cancelled eBay order of 5 days ago does not count.
      expect(point(5)).toMatchObject({ value: 0, revenue: 0 });
      expect(point(7)).toMatchObject({ value: 1, revenue: 25 });
      expect(point(10)).toMatchObject({ value: 2, revenue: 30 });
    });

    it("buckets the days in the caller's time zone", async () => {
      await setTimeZone(seller, TOKYO);
      const series = await t.api.get(`${ANALYTICS}sales/`).set(seller.auth).expect(200);
      expect(series.body).toMatchObject({ timezone: TOKYO, total: 6, total_revenue: 150, range_end: dayIn(TOKYO) });
      const point = (daysAgo: number) => series.body.data.find((entry: { date: string }) => entry.date === shiftDay(today, -daysAgo));
      // 20:00 UTC 3 days ago is 05:00 the next day in Tokyo: it joins the eBay sale of 2 days ago (21:00 in Tokyo).
      expect(point(2)).toMatchObject({ value: 2, revenue: 45, orders: 2 });
      expect(point(3)).toMatchObject({ value: 0, revenue: 0 });
    });

    it('buckets by ISO week and by calendar month', async () => {
      await setTimeZone(seller, 'UTC');
      const weeks = await t.api.get(`${ANALYTICS}sales/?period=week&days=30`).set(seller.auth).expect(200);
      expect(weeks.body).toMatchObject({ period: 'week', total: 6, total_revenue: 150 });
      const weekDates = weeks.body.data.map((entry: { date: string }) => entry.date);
      expect(weekDates[0]).toBe(mondayOf(shiftDay(today, -29)));
      expect(weekDates.at(-1)).toBe(mondayOf(today));
      weekDates.slice(1).forEach((date: string, index: number) => expect(date).toBe(shiftDay(weekDates[index], 7)));
      const weekOf = (daysAgo: number) =>
        weeks.body.data.find((entry: { date: string }) => entry.date === mondayOf(shiftDay(today, -daysAgo)));
      expect(weekOf(10).value).toBe(mondayOf(shiftDay(today, -10)) === mondayOf(shiftDay(today, -7)) ? 3 : 2);

      // 365 days: the 40- and 35-day-old sales too, never those of 2024.
      const months = await t.api.get(`${ANALYTICS}sales/?period=month&days=365`).set(seller.auth).expect(200);
      expect(months.body).toMatchObject({ period: 'month', days: 365, total: 8, total_revenue: 210.01 });
      expect(months.body.data).toHaveLength(13);
      expect(months.body.data[0].date).toBe(`${shiftDay(today, -364).slice(0, 7)}-01`);
      expect(months.body.data.at(-1).date).toBe(`${today.slice(0, 7)}-01`);
      const expected = new Map<string, number>();
      for (const daysAgo of [1, 2, 3, 7, 10, 10, 35, 40]) {
        const month = `${shiftDay(today, -daysAgo).slice(0, 7)}-01`;
        expected.set(month, (expected.get(month) ?? 0) + 1);
      }
      for (const entry of months.body.data as Array<{ date: string; value: number }>)
        expect(entry.value).toBe(expected.get(entry.date) ?? 0);
    });

    it('answers zeros for an organization without sales', async () => {
      const empty = await registerAccount(t.api);
      const series = await t.api.get(`${ANALYTICS}sales/?days=7`).set(empty.auth).expect(200);
      expect(series.body).toMatchObject({ total: 0, total_revenue: 0 });
      expect(series.body.data).toHaveLength(7);
      expect(series.body.data.every((entry: { value: number; revenue: number }) => entry.value === 0 && entry.revenue === 0)).toBe(true);
    });
  });

  describe('GET /api/v1/analytics/platforms/', () => {
    it('breaks the sales down by platform, the sales by hand as Direct sale, the highest revenue first', async () => {
      await setTimeZone(seller, 'UTC');
      const breakdown = await t.api.get(`${ANALYTICS}platforms/`).set(seller.auth).expect(200);
      expect(breakdown.body).toEqual({
        data: [
          { platform: null, platform_name: 'Direct sale', count: 2, revenue: 65 },
          { platform: 'ebay', platform_name: 'eBay', count: 3, revenue: 60 },
          { platform: 'discogs', platform_name: 'Discogs', count: 1, revenue: 25 },
        ],
        platforms: [
          { name: 'Direct sale', value: 2 },
          { name: 'eBay', value: 3 },
          { name: 'Discogs', value: 1 },
        ],
        total_count: 6,
        total_revenue: 150,
        days: 30,
        range_start: shiftDay(today, -29),
        range_end: today,
        timezone: 'UTC',
      });
    });

    it('reads only the range asked for', async () => {
      await setTimeZone(seller, 'UTC');
      const breakdown = await t.api.get(`${ANALYTICS}platforms/?days=365`).set(seller.auth).expect(200);
      expect(breakdown.body.data).toEqual([
        { platform: 'ebay', platform_name: 'eBay', count: 4, revenue: 100 },
        { platform: null, platform_name: 'Direct sale', count: 3, revenue: 85.01 },
        { platform: 'discogs', platform_name: 'Discogs', count: 1, revenue: 25 },
      ]);
      expect(breakdown.body).toMatchObject({ total_count: 8, total_revenue: 210.01 });
    });
  });

  describe('GET /api/v1/analytics/revenue/', () => {
    it('totals revenue, sales, average, fees, shipping and net, and the same for the 30 days before', async () => {
      await setTimeZone(seller, 'UTC');
      const revenue = await t.api.get(`${ANALYTICS}revenue/`).set(seller.auth).expect(200);
      expect(revenue.body).toEqual({
        total_revenue: 150,
        average_order_value: 25,
        total_orders: 6,
        // eBay 3.00 + 2.00 + 1.00, Discogs 2.50.
        total_fees: 8.5,
        // By hand 5.00, eBay 4.00 + 4.00 + 2.00, Discogs 5.00.
        total_shipping: 20,
        net_revenue: 121.5,
        range_start: shiftDay(today, -29),
        range_end: today,
        previous_period: {
          total_revenue: 60.01,
          // 60.01 / 2 = 30.005, rounded half up in decimal.
          average_order_value: 30.01,
          total_orders: 2,
          total_fees: 4,
          total_shipping: 0,
          net_revenue: 56.01,
          range_start: shiftDay(today, -59),
          range_end: shiftDay(today, -30),
        },
        days: 30,
        timezone: 'UTC',
      });
    });

    it('compares periods of the length asked for', async () => {
      await setTimeZone(seller, 'UTC');
      const revenue = await t.api.get(`${ANALYTICS}revenue/?days=3`).set(seller.auth).expect(200);
      // The last 3 days: 50.00 a day ago and 30.00 two days ago; the 3 before: 15.00 (3 days ago; the cancelled one at 5 does not count).
      expect(revenue.body).toMatchObject({ total_revenue: 80, total_orders: 2, average_order_value: 40 });
      expect(revenue.body.previous_period).toMatchObject({ total_revenue: 15, total_orders: 1, range_start: shiftDay(today, -5) });
    });
  });

  describe('GET /api/v1/analytics/categories/top/', () => {
    it('ranks the item types by revenue; a sale with no item is Uncategorized', async () => {
      await setTimeZone(seller, 'UTC');
      const top = await t.api.get(`${ANALYTICS}categories/top/`).set(seller.auth).expect(200);
      expect(top.body.categories).toEqual([
        { name: 'Vinyl', count: 3, revenue: 95 },
        { name: 'Uncategorized', count: 1, revenue: 25 },
        { name: 'CD', count: 1, revenue: 20 },
        { name: 'Cassette', count: 1, revenue: 10 },
      ]);
      expect(top.body).toMatchObject({ days: 30, range_start: shiftDay(today, -29), range_end: today, timezone: 'UTC' });
    });

    it('answers only `limit` categories', async () => {
      await setTimeZone(seller, 'UTC');
      const top = await t.api.get(`${ANALYTICS}categories/top/?limit=2&days=365`).set(seller.auth).expect(200);
      // 365 days add the old Vinyl (40.00) and CD (20.01).
      expect(top.body.categories).toEqual([
        { name: 'Vinyl', count: 4, revenue: 135 },
        { name: 'CD', count: 2, revenue: 40.01 },
      ]);
    });
  });

  describe('GET /api/v1/reports/profit-loss/', () => {
    const QUARTER = `${PROFIT_LOSS}?start_date=2024-01-01&end_date=2024-03-31`;

    it('totals sales, fees, shipping, cost and profit of the period', async () => {
      await setTimeZone(seller, 'UTC');
      const report = await t.api.get(QUARTER).set(seller.auth).expect(200);
      expect(report.body.metadata).toEqual({
        report_type: 'profit_loss',
        generated_at: expect.any(String),
        organization: 'Groove Records',
        timezone: 'UTC',
        date_range_start: '2024-01-01',
        date_range_end: '2024-03-31',
      });
      expect(report.body.summary).toEqual({
        items_sold: 3,
        total_sales: '130.00',
        total_fees: '7.30',
        total_shipping: '10.00',
        total_cost: '70.00',
        total_profit: '42.70',
        average_profit_per_item: '14.23',
        profit_margin: 0.328,
      });
    });

    it('breaks the period down by local month, every month present', async () => {
      await setTimeZone(seller, 'UTC');
      const report = await t.api.get(QUARTER).set(seller.auth).expect(200);
      expect(report.body.monthly_breakdown).toEqual([
        { month: '2024-01', sales: '90.00', fees: '3.30', cost: '20.00', shipping: '10.00', profit: '56.70', count: 2 },
        { month: '2024-02', sales: '40.00', fees: '4.00', cost: '50.00', shipping: '0.00', profit: '-14.00', count: 1 },
        { month: '2024-03', sales: '0.00', fees: '0.00', cost: '0.00', shipping: '0.00', profit: '0.00', count: 0 },
      ]);
      // In Tokyo the sale of 31 January at 20:00 UTC was on 1 February.
      await setTimeZone(seller, TOKYO);
      const tokyo = await t.api.get(QUARTER).set(seller.auth).expect(200);
      expect(tokyo.body.monthly_breakdown.slice(0, 2)).toEqual([
        { month: '2024-01', sales: '60.00', fees: '0.00', cost: '12.00', shipping: '6.00', profit: '42.00', count: 1 },
        { month: '2024-02', sales: '70.00', fees: '7.30', cost: '58.00', shipping: '4.00', profit: '0.70', count: 2 },
      ]);
      expect(tokyo.body.summary).toMatchObject({ items_sold: 3, total_profit: '42.70' });
    });

    it('lists the most profitable sales with their items', async () => {
      await setTimeZone(seller, 'UTC');
      const report = await t.api.get(QUARTER).set(seller.auth).expect(200);
      expect(report.body.top_profitable).toEqual([
        {
          uid: items['January Vinyl'],
          order_uid: expect.stringMatching(/^ord_/),
          title: 'January Vinyl',
          platform: null,
          sold_at: '2024-01-15T12:00:00.000Z',
          sale_price: '60.00',
          fees: '0.00',
          shipping: '6.00',
          cost: '12.00',
          profit: '42.00',
        },
        expect.objectContaining({ uid: items['Month-end CD'], title: 'Month-end CD', platform: 'ebay', profit: '14.70', fees: '3.30' }),
        expect.objectContaining({ uid: items['Leap Day Vinyl'], sale_price: '40.00', cost: '50.00', profit: '-14.00' }),
      ]);
    });

    it('counts a sale with no item at no cost', async () => {
      await setTimeZone(seller, 'UTC');
      const week = await t.api
        .get(`${PROFIT_LOSS}?start_date=${shiftDay(today, -8)}&end_date=${shiftDay(today, -6)}`)
        .set(seller.auth)
        .expect(200);
      expect(week.body.summary).toMatchObject({ items_sold: 1, total_sales: '25.00', total_cost: '0.00', total_profit: '17.50' });
      expect(week.body.top_profitable).toEqual([expect.objectContaining({ uid: null, platform: 'discogs', profit: '17.50' })]);
    });

    it('prints the report with a monthly profit chart', async () => {
      await setTimeZone(seller, 'UTC');
      const response = await t.api.get(`${QUARTER}&format=pdf`).set(seller.auth).buffer(true).parse(binary).expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe('attachment; filename="profit-loss-2024-01-01-to-2024-03-31.pdf"');
      const text = await pdfText(response.body as Buffer);
      for (const expected of [
        'Profit & Loss',
        'Groove Records',
        'Sales from 2024-01-01 to 2024-03-31',
        'Profit by month',
        'Monthly breakdown',
        'Most profitable sales',
        '$130.00',
        '$7.30',
        '$70.00',
        '$42.70',
        '$14.23',
        '32.8 %',
        '-$14.00',
        '$56.70',
        'January Vinyl',
        'Leap Day Vinyl',
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).toMatch(/2024-03\s+0\s+\$0\.00/);
    });

    it('answers zeros for a period without sales', async () => {
      const report = await t.api.get(`${PROFIT_LOSS}?start_date=2023-01-01&end_date=2023-01-31`).set(seller.auth).expect(200);
      expect(report.body.summary).toEqual({
        items_sold: 0,
        total_sales: '0.00',
        total_fees: '0.00',
        total_shipping: '0.00',
        total_cost: '0.00',
        total_profit: '0.00',
        average_profit_per_item: '0.00',
        profit_margin: 0,
      });
      expect(report.body.top_profitable).toEqual([]);
      expect(report.body.monthly_breakdown).toHaveLength(1);
    });
  });

  it("values a sold item at its order's sale price in inventory analytics, else at its listing price", async () => {
    const shop = await registerAccount(t.api);
    await manualSale(shop, await item(shop, 'Sold by Order', { price_total_usd: '90.00', listing_current_price: '80.00' }), {
      sale_price: '60.00',
      sold_at: new Date().toISOString(),
    });
    const withoutOrder = await item(shop, 'Sold without Order', { price_total_usd: '25.00', listing_current_price: '20.00' });
    await t.sql(`UPDATE inventory_items SET status = 'sold', sold_at = now() WHERE uid = $1`, [withoutOrder]);
    const metrics = await t.api.get(`${ANALYTICS}inventory/`).set(shop.auth).expect(200);
    expect(metrics.body.by_status.sold).toEqual({ count: 2, value: 80 });
    const summary = await t.api.get('/api/v1/inventory/analytics/summary/').set(shop.auth).expect(200);
    expect(summary.body.sold_revenue).toBe('80.00');
  });

  it("never counts another organization's sales", async () => {
    await setTimeZone(other, 'UTC');
    const series = await t.api.get(`${ANALYTICS}sales/`).set(other.auth).expect(200);
    expect(series.body).toMatchObject({ total: 1, total_revenue: 999 });
    const report = await t.api.get(`${PROFIT_LOSS}?start_date=2024-01-01&end_date=2024-03-31`).set(other.auth).expect(200);
    expect(report.body.summary).toMatchObject({ items_sold: 1, total_sales: '888.00', total_cost: '1.00' });
  });

  it('refuses out-of-range and unknown parameters, naming them', async () => {
    for (const [path, field] of [
      ['sales/?days=0', 'days'],
      ['sales/?days=366', 'days'],
      ['sales/?days=abc', 'days'],
      ['sales/?period=year', 'period'],
      ['sales/?range=30', 'range'],
      ['platforms/?days=400', 'days'],
      ['platforms/?period=day', 'period'],
      ['revenue/?days=-1', 'days'],
      ['categories/top/?limit=0', 'limit'],
      ['categories/top/?limit=51', 'limit'],
      ['categories/top/?days=366', 'days'],
      ['categories/top/?top=5', 'top'],
    ]) {
      const refused = await t.api.get(`${ANALYTICS}${path}`).set(seller.auth).expect(400);
      expect(Object.keys(refused.body)).toEqual([field]);
    }
    for (const [query, field] of [
      ['start_date=2024-02-30', 'start_date'],
      ['start_date=2024-03-01&end_date=2024-02-01', 'start_date'],
      ['format=xlsx', 'format'],
      ['include_sold=true', 'include_sold'],
    ]) {
      const refused = await t.api.get(`${PROFIT_LOSS}?${query}`).set(seller.auth).expect(400);
      expect(Object.keys(refused.body)).toEqual([field]);
    }
  });
});
