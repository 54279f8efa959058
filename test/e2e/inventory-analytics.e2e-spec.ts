import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

const SUMMARY = '/api/v1/inventory/analytics/summary/';
const TRENDS = '/api/v1/inventory/analytics/trends/';
const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of `date` shifted by `days` (UTC). */
const shiftDay = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const utcToday = () => new Date().toISOString().slice(0, 10);
const cents = (money: string) => Math.round(Number(money) * 100);
const money = (amount: number) => (amount / 100).toFixed(2);

interface TrendPoint {
  date: string;
  count: number;
  value: string;
}
type Series = 'purchases' | 'listings' | 'sales';
/** An item's step on a day, as a trend should count it. */
interface TrendEvent {
  series: Series;
  at: string;
  value: string;
}

describe('Inventory analytics (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  let trader: Account;
  let other: Account;
  let empty: Account;
  let itemNumber = 0;
  /** The UTC day the trader's data set was made on. */
  let traderToday: string;
  /** The trend events the trader's items should show, at fixed instants relative to `traderToday`. */
  let traderEvents: TrendEvent[];

  /**
   * An item made through the API (`fields` as the API takes them), then given `stored` columns the API cannot set
   * (statuses listed and sold, dates, deletion) by SQL.
   */
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

  beforeAll(async () => {
    t = await createTestApp();
    [seller, trader, other, empty] = await Promise.all([1, 2, 3, 4].map(() => registerAccount(t.api)));
    const now = Date.now();
    const ago = (days: number) => new Date(now - days * DAY_MS);
    // The seller's summary data set; the expected figures are added up by hand in the summary test.
    await Promise.all([
      item(seller, { status: 'draft', price_purchased_item: '5.00', price_total_usd: '20.00' }),
      item(seller, {
        status: 'purchased',
        price_purchased_item: '10.00',
        price_for_purchases_shipping: '2.50',
        price_expected_usd: '30.00',
        price_total_usd: '25.00',
      }),
      item(seller, { status: 'received', price_purchased_item: '8.00', price_total_usd: '18.00' }),
      item(seller, {
        status: 'ready-to-sell',
        price_purchased_item: '12.00',
        price_for_purchases_shipping: '3.00',
        price_expected_usd: '40.00',
        price_total_usd: '35.00',
      }),
      item(seller, { status: 'ready-to-sell' }),
      item(
        seller,
        { price_purchased_item: '20.00', price_total_usd: '50.00', listing_current_price: '45.00', price_expected_usd: '55.00' },
        { status: 'listed', listed_at: ago(4) },
      ),
      item(
        seller,
        { price_purchased_item: '6.00', price_for_purchases_shipping: '1.00', price_total_usd: '22.00' },
        { status: 'listed', listed_at: ago(4) },
      ),
      // Sold 8 days after it was received.
      item(
        seller,
        { price_purchased_item: '15.00', price_for_purchases_shipping: '2.00', listing_current_price: '60.00', price_total_usd: '65.00' },
        { status: 'sold', purchased_at: ago(30), received_at: ago(10), sold_at: ago(2) },
      ),
      // Never received: sold 15 days after it was purchased; no listing price, so sold at its asking price.
      item(
        seller,
        { price_purchased_item: '9.99', price_total_usd: '30.00' },
        { status: 'sold', purchased_at: ago(20), received_at: null, sold_at: ago(5) },
      ),
      // Sold before sale times were recorded: a sale, but no days to sell.
      item(seller, { price_purchased_item: '4.00', price_total_usd: '12.00' }, { status: 'sold', sold_at: null }),
      // An imported sale that predates the item's creation here: 0 days to sell, not -3.
      item(seller, { price_purchased_item: '1.00', price_total_usd: '10.00' }, { status: 'sold', sold_at: ago(3) }),
      item(seller, {
        status: 'cancelled',
        price_purchased_item: '100.00',
        price_for_purchases_shipping: '10.00',
        price_expected_usd: '300.00',
        price_total_usd: '200.00',
      }),
      item(
        seller,
        { price_purchased_item: '1000.00', price_total_usd: '2000.00', listing_current_price: '1900.00' },
        { status: 'sold', received_at: ago(40), sold_at: ago(1), deleted_at: new Date(now) },
      ),
      item(
        seller,
        { status: 'ready-to-sell', price_purchased_item: '700.00', price_expected_usd: '900.00' },
        { deleted_at: new Date(now) },
      ),
    ]);

    // The trader's trend data set: instants on the UTC days up to the setup's today, some at the edges of a day.
    traderToday = utcToday();
    const event = (series: Series, daysBefore: number, time: string, value: string): TrendEvent => ({
      series,
      at: `${shiftDay(traderToday, -daysBefore)}T${time}Z`,
      value,
    });
    const steps = {
      p1: event('purchases', 1, '00:00:00', '11.50'),
      p2: event('purchases', 1, '23:59:59', '5.25'),
      p3: event('purchases', 6, '00:00:00', '3.00'),
      // The day before a 7-day range starts.
      p4: event('purchases', 7, '23:59:59', '50.00'),
      p5: event('purchases', 20, '12:00:00', '1.00'),
      l1: event('listings', 3, '12:00:00', '45.00'),
      l2: event('listings', 3, '18:00:00', '22.00'),
      l3: event('listings', 5, '08:00:00', '60.00'),
      l4: event('listings', 10, '08:00:00', '30.00'),
      s1: event('sales', 0, '00:00:01', '60.00'),
      s2: event('sales', 2, '12:00:00', '30.00'),
    };
    traderEvents = Object.values(steps);
    const { p1, p2, p3, p4, p5, l1, l2, l3, l4, s1, s2 } = steps;
    await Promise.all([
      item(trader, { status: 'received', price_purchased_item: '10.00', price_for_purchases_shipping: '1.50' }, { purchased_at: p1.at }),
      item(trader, { status: 'ready-to-sell', price_purchased_item: '5.25' }, { purchased_at: p2.at }),
      item(trader, { status: 'purchased', price_purchased_item: '3.00' }, { purchased_at: p3.at }),
      item(trader, { status: 'purchased', price_purchased_item: '50.00' }, { purchased_at: p4.at }),
      // A cancelled purchase is no purchase.
      item(trader, { status: 'cancelled', price_purchased_item: '99.00' }, { purchased_at: `${shiftDay(traderToday, -3)}T12:00:00Z` }),
      item(
        trader,
        { price_purchased_item: '1.00', listing_current_price: '45.00', price_total_usd: '50.00' },
        { status: 'listed', purchased_at: p5.at, listed_at: l1.at },
      ),
      item(trader, { price_total_usd: '22.00' }, { status: 'listed', listed_at: l2.at }),
      // Listed, then sold: both steps count, each on its day.
      item(trader, { listing_current_price: '60.00', price_total_usd: '70.00' }, { status: 'sold', listed_at: l3.at, sold_at: s1.at }),
      item(trader, { price_total_usd: '30.00' }, { status: 'sold', listed_at: l4.at, sold_at: s2.at }),
      // Deleted, and another organization's: never counted.
      item(
        trader,
        { price_purchased_item: '500.00', price_total_usd: '900.00' },
        { status: 'sold', purchased_at: p1.at, listed_at: l1.at, sold_at: s1.at, deleted_at: new Date(now) },
      ),
      item(
        other,
        { price_purchased_item: '500.00', price_total_usd: '900.00' },
        { status: 'sold', purchased_at: p1.at, listed_at: l1.at, sold_at: s1.at },
      ),
      item(other, { price_purchased_item: '70.00', listing_current_price: '80.00' }, { status: 'listed', listed_at: l2.at }),
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The trader's series over the range the server answered: every day, with the events of that day. */
  function expectedSeries(series: Series, start: string, days: number): TrendPoint[] {
    return Array.from({ length: days }, (_, offset) => {
      const date = shiftDay(start, offset);
      const events = traderEvents.filter((event) => event.series === series && event.at.startsWith(date));
      return { date, count: events.length, value: money(events.reduce((sum, event) => sum + cents(event.value), 0)) };
    });
  }

  /** Trends of the trader, with the range checked against the UTC day before and after the request. */
  async function traderTrends(query: string): Promise<Record<string, unknown> & Record<Series, TrendPoint[]>> {
    const before = utcToday();
    const response = await t.api.get(`${TRENDS}${query}`).set(trader.auth).expect(200);
    expect([before, utcToday()]).toContain(response.body.range_end);
    return response.body;
  }

  it('adds up every figure of the summary over the live items of the organization only', async () => {
    const before = Date.now();
    const response = await t.api.get(SUMMARY).set(seller.auth).expect(200);
    const { updated_at: updatedAt, ...figures } = response.body;
    expect(figures).toEqual({
      // Every live status: draft, purchased, received, 2 ready, 2 listed, 4 sold, cancelled.
      total_items: 12,
      // Received, 2 ready-to-sell, 2 listed.
      sellable_items: 5,
      listed_items: 2,
      sold_items: 4,
      // 5.00 + 12.50 + 8.00 + 15.00 + 0 + 20.00 + 7.00 + 17.00 + 9.99 + 4.00 + 1.00; not the cancelled 110.00.
      total_cost_basis: '99.49',
      // Purchased 30 (expected), received 18 (asking), ready 40 + 0, listed 55 + 22 (asking).
      expected_value: '165.00',
      // Listing price 45, else the asking price 22.
      listed_value: '67.00',
      // 60 (listing price) + 30 + 12 + 10 (asking prices).
      sold_revenue: '112.00',
      // 112.00 - (17.00 + 9.99 + 4.00 + 1.00).
      sold_profit: '80.01',
      // 4 sold / (4 sold + 5 sellable) = 0.4444...
      sell_through_rate: 0.444,
      // (8 + 15 + 0) / 3 sales with a sale time = 7.666...
      average_days_to_sell: 7.7,
      status_breakdown: [
        { status: 'draft', label: 'Draft', count: 1 },
        { status: 'purchased', label: 'Purchased', count: 1 },
        { status: 'received', label: 'Received', count: 1 },
        { status: 'ready-to-sell', label: 'Ready to Sell', count: 2 },
        { status: 'listed', label: 'Listed', count: 2 },
        { status: 'sold', label: 'Sold', count: 4 },
        { status: 'cancelled', label: 'Cancelled', count: 1 },
      ],
    });
    expect(updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(updatedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(updatedAt)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('answers zeros, "0.00", a rate of 0 and no average for an organization without items', async () => {
    const response = await t.api.get(SUMMARY).set(empty.auth).expect(200);
    expect(response.body).toMatchObject({
      total_items: 0,
      sellable_items: 0,
      listed_items: 0,
      sold_items: 0,
      total_cost_basis: '0.00',
      expected_value: '0.00',
      listed_value: '0.00',
      sold_revenue: '0.00',
      sold_profit: '0.00',
      sell_through_rate: 0,
      average_days_to_sell: null,
    });
    expect(response.body.status_breakdown).toHaveLength(7);
    expect(response.body.status_breakdown.every((entry: { count: number }) => entry.count === 0)).toBe(true);
  });

  it('answers a negative profit for sales below cost, and no average when no sale has a time', async () => {
    const loser = await registerAccount(t.api);
    await item(loser, { price_purchased_item: '40.00', price_total_usd: '25.50' }, { status: 'sold' });
    await item(loser, { status: 'draft' });
    const response = await t.api.get(SUMMARY).set(loser.auth).expect(200);
    expect(response.body).toMatchObject({
      total_items: 2,
      sold_items: 1,
      sold_revenue: '25.50',
      sold_profit: '-14.50',
      // Drafts are not stock a seller could sell: 1 / (1 + 0).
      sell_through_rate: 1,
      average_days_to_sell: null,
    });
  });

  it('answers daily purchases, listings and sales over the last 7 UTC days, every day present', async () => {
    const trends = await traderTrends('?days=7');
    const start = shiftDay(trends.range_end as string, -6);
    expect(trends).toEqual({
      range_days: 7,
      range_start: start,
      range_end: trends.range_end,
      purchases: expectedSeries('purchases', start, 7),
      listings: expectedSeries('listings', start, 7),
      sales: expectedSeries('sales', start, 7),
    });
    // What the series above hold when the day did not turn during the test (it is the same computation either way).
    if (trends.range_end === traderToday) {
      const day = (daysBefore: number) => shiftDay(trends.range_end as string, -daysBefore);
      const active = (series: Series) => trends[series].filter((point) => point.count > 0);
      expect(active('purchases')).toEqual([
        { date: day(6), count: 1, value: '3.00' },
        { date: day(1), count: 2, value: '16.75' },
      ]);
      expect(active('listings')).toEqual([
        { date: day(5), count: 1, value: '60.00' },
        { date: day(3), count: 2, value: '67.00' },
      ]);
      expect(active('sales')).toEqual([
        { date: day(2), count: 1, value: '30.00' },
        { date: day(0), count: 1, value: '60.00' },
      ]);
      expect(trends.purchases[2]).toEqual({ date: day(4), count: 0, value: '0.00' });
    }
  });

  it('covers 30 days by default, and any number of days from 1 to 365', async () => {
    const byDefault = await traderTrends('');
    expect(byDefault.range_days).toBe(30);
    expect(byDefault.range_start).toBe(shiftDay(byDefault.range_end as string, -29));
    expect(byDefault.listings).toEqual(expectedSeries('listings', byDefault.range_start as string, 30));

    const oneDay = await traderTrends('?days=1');
    expect(oneDay).toMatchObject({ range_days: 1, range_start: oneDay.range_end });
    expect(oneDay.sales).toEqual(expectedSeries('sales', oneDay.range_end as string, 1));

    const year = await traderTrends('?days=365');
    expect(year.range_start).toBe(shiftDay(year.range_end as string, -364));
    for (const series of ['purchases', 'listings', 'sales'] as const) {
      expect(year[series]).toEqual(expectedSeries(series, year.range_start as string, 365));
    }
  });

  it('answers empty series, zeros every day, for an organization without items', async () => {
    const response = await t.api.get(`${TRENDS}?days=3`).set(empty.auth).expect(200);
    const start = response.body.range_start as string;
    const zeros = [0, 1, 2].map((offset) => ({ date: shiftDay(start, offset), count: 0, value: '0.00' }));
    expect(response.body).toMatchObject({ range_days: 3, purchases: zeros, listings: zeros, sales: zeros });
  });

  it.each([
    ['0', 'Ensure this value is greater than or equal to 1.'],
    ['366', 'Ensure this value is less than or equal to 365.'],
    ['99999999999999999999', 'Ensure this value is less than or equal to 365.'],
    ['abc', 'A valid integer is required.'],
    ['7.5', 'A valid integer is required.'],
    ['-7', 'A valid integer is required.'],
    ['', 'A valid integer is required.'],
    ['7&days=8', 'A valid integer is required.'],
  ])('refuses days=%s with a 400 on days', async (days, message) => {
    const response = await t.api.get(`${TRENDS}?days=${days}`).set(trader.auth).expect(400);
    expect(response.body).toEqual({ days: [message] });
  });

  it('requires credentials', async () => {
    await t.api.get(SUMMARY).expect(401);
    await t.api.get(`${TRENDS}?days=7`).expect(401);
  });
});
