import { PDFParse } from 'pdf-parse';
import type { Response } from 'supertest';
import { dayIn, shiftDay } from '../support/local-time.js';
import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

const REPORTS = '/api/v1/reports/';

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

describe('Reports (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  let other: Account;
  let today: string;
  let itemNumber = 0;
  const uids: Record<string, string> = {};

  /** An item named `name`, `daysAgo` days in stock (received at noon UTC that day unless `stored` says otherwise). */
  async function item(
    name: string,
    daysAgo: number,
    fields: Record<string, unknown>,
    stored: Record<string, unknown> = {},
    account = seller,
  ) {
    const created = await t.api
      .post('/api/v1/inventory/')
      .set(account.auth)
      .send({ name, ...fields })
      .expect(201);
    const columns = { received_at: new Date(Date.parse(`${shiftDay(today, -daysAgo)}T12:00:00Z`)), ...stored };
    const names = Object.keys(columns);
    await t.sql(`UPDATE inventory_items SET ${names.map((column, index) => `${column} = $${index + 2}`).join(', ')} WHERE uid = $1`, [
      created.body.uid,
      ...Object.values(columns),
    ]);
    uids[name] = created.body.uid as string;
    itemNumber += 1;
  }

  beforeAll(async () => {
    t = await createTestApp();
    [seller, other] = await Promise.all([1, 2].map(() => registerAccount(t.api)));
    await t.api.patch('/api/v1/organization/').set(seller.auth).send({ display_name: 'Groove Records' }).expect(200);
    today = dayIn('UTC');
    // Cost and value of each item are written beside it; the report figures are added up by hand in the tests.
    await item('Fresh CD', 0, {
      status: 'ready-to-sell',
      price_purchased_item: '5.00',
      price_total_usd: '20.00',
      inventory_item_type_uid: 'type_cd',
    }); // 5 / 20
    await item('Month Draft', 30, { status: 'draft', price_purchased_item: '10.00', price_expected_usd: '40.00' }); // 10 / 40
    await item('Received Box', 31, {
      status: 'received',
      price_purchased_item: '4.00',
      price_for_purchases_shipping: '1.00',
      price_total_usd: '25.00',
    }); // 5 / 25
    await item(
      'Listed LP',
      60,
      { price_purchased_item: '8.00', price_expected_usd: '30.00', price_total_usd: '35.00' },
      { status: 'listed' },
    ); // 8 / 30
    await item(
      'Purchased Tape',
      61,
      { status: 'purchased', price_purchased_item: '12.00', price_total_usd: '18.00' },
      { received_at: null, purchased_at: new Date(Date.parse(`${shiftDay(today, -61)}T12:00:00Z`)) },
    ); // 12 / 18
    await item('Half Year LP', 180, { status: 'ready-to-sell', price_purchased_item: '20.00', price_total_usd: '50.00' }); // 20 / 50
    await item('Old Single', 181, {
      status: 'ready-to-sell',
      price_purchased_item: '2.00',
      price_total_usd: '9.99',
      inventory_item_type_uid: 'type_vinyl',
    }); // 2 / 9.99
    await item('Rare Jazz LP', 366, {
      status: 'ready-to-sell',
      price_purchased_item: '30.00',
      price_total_usd: '120.00',
      inventory_item_type_uid: 'type_vinyl',
    }); // 30 / 120
    await item(
      'Sold LP',
      100,
      { price_purchased_item: '15.00', listing_current_price: '60.00', price_total_usd: '65.00' },
      { status: 'sold', sold_at: new Date() },
    ); // 15 / 60
    await item('Cancelled Buy', 45, { status: 'cancelled', price_purchased_item: '100.00', price_total_usd: '200.00' }); // 0 / 0
    await item(
      'Deleted LP',
      5,
      { status: 'ready-to-sell', price_purchased_item: '1.00', price_total_usd: '1000.00' },
      { deleted_at: new Date() },
    );
    await item('Other Shop LP', 40, { status: 'ready-to-sell', price_purchased_item: '50.00', price_total_usd: '700.00' }, {}, other);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists the available reports with their parameters', async () => {
    const list = await t.api.get(REPORTS).set(seller.auth).expect(200);
    const types = list.body.reports.map((report: { type: string }) => report.type);
    expect(types).toEqual(['inventory_summary', 'inventory_valuation', 'profit_loss', 'aging', 'inventory_csv']);
    expect(list.body.reports[0]).toMatchObject({
      formats: ['json', 'pdf'],
      url: expect.stringMatching(/\/api\/v1\/reports\/inventory-summary\/$/),
    });
    expect(list.body.reports[0].parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      'start_date',
      'end_date',
      'format',
    ]);
  });

  describe('inventory summary', () => {
    const url = () => `${REPORTS}inventory-summary/?start_date=${shiftDay(today, -61)}&end_date=${shiftDay(today, -30)}`;

    it('counts the items that came into stock in the period by what they are now', async () => {
      const report = await t.api.get(url()).set(seller.auth).expect(200);
      expect(report.body.metadata).toMatchObject({
        report_type: 'inventory_summary',
        organization: 'Groove Records',
        timezone: 'UTC',
        date_range_start: shiftDay(today, -61),
        date_range_end: shiftDay(today, -30),
      });
      expect(report.body.summary).toEqual({ total_items: 5, listed_items: 1, sold_items: 0, unsold_items: 4, cancelled_items: 1 });
    });

    it('adds up their financials in decimal strings', async () => {
      const report = await t.api.get(url()).set(seller.auth).expect(200);
      expect(report.body.financials).toEqual({
        total_purchase_cost: '35.00',
        total_listed_value: '35.00',
        average_purchase_cost: '8.75',
        average_listed_price: '35.00',
        potential_profit: '78.00',
      });
    });

    it('breaks them down by status, every status present', async () => {
      const report = await t.api.get(url()).set(seller.auth).expect(200);
      expect(report.body.by_status.map((row: Record<string, unknown>) => [row.status, row.count, row.total_cost, row.total_value])).toEqual(
        [
          ['draft', 1, '10.00', '40.00'],
          ['purchased', 1, '12.00', '18.00'],
          ['received', 1, '5.00', '25.00'],
          ['ready-to-sell', 0, '0.00', '0.00'],
          ['listed', 1, '8.00', '30.00'],
          ['sold', 0, '0.00', '0.00'],
          ['cancelled', 1, '0.00', '0.00'],
        ],
      );
    });

    it('covers the last 30 days by default', async () => {
      const report = await t.api.get(`${REPORTS}inventory-summary/`).set(seller.auth).expect(200);
      expect(report.body.metadata).toMatchObject({ date_range_start: shiftDay(today, -29), date_range_end: today });
      expect(report.body.summary.total_items).toBe(1);
    });

    it('prints the same figures as a PDF', async () => {
      const response = await t.api.get(`${url()}&format=pdf`).set(seller.auth).buffer(true).parse(binary).expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="inventory-summary-${shiftDay(today, -61)}-to-${shiftDay(today, -30)}.pdf"`,
      );
      const text = await pdfText(response.body as Buffer);
      expect(text).toContain('Inventory Summary');
      expect(text).toContain('Groove Records');
      expect(text).toContain(`from ${shiftDay(today, -61)} to ${shiftDay(today, -30)}`);
      for (const figure of ['Total purchase cost', '$35.00', '$8.75', 'Potential profit', '$78.00', 'Purchased', '$18.00'])
        expect(text).toContain(figure);
    });

    it('refuses bad dates, a start after the end, an unknown format or parameter, naming each', async () => {
      const refused = async (query: string) => (await t.api.get(`${REPORTS}inventory-summary/?${query}`).set(seller.auth).expect(400)).body;
      expect(await refused('start_date=2025-02-30')).toEqual({
        start_date: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'],
      });
      expect(await refused('start_date=2025-03-02&end_date=2025-03-01')).toEqual({
        start_date: ['Must be on or before end_date (2025-03-01).'],
      });
      expect(Object.keys(await refused('format=xml'))).toEqual(['format']);
      expect(Object.keys(await refused('from=2025-01-01'))).toEqual(['from']);
    });
  });

  describe('inventory valuation', () => {
    it('values the stock: totals and unrealized gain', async () => {
      const report = await t.api.get(`${REPORTS}inventory-valuation/`).set(seller.auth).expect(200);
      expect(report.body.metadata).toMatchObject({
        report_type: 'inventory_valuation',
        include_sold: false,
        organization: 'Groove Records',
      });
      expect(report.body.totals).toEqual({ item_count: 8, total_cost: '92.00', total_value: '312.99', unrealized_gain: '220.99' });
    });

    it('breaks the stock down by status', async () => {
      const report = await t.api.get(`${REPORTS}inventory-valuation/`).set(seller.auth).expect(200);
      expect(report.body.by_status.map((row: Record<string, unknown>) => [row.status, row.count, row.total_cost, row.total_value])).toEqual(
        [
          ['draft', 1, '10.00', '40.00'],
          ['purchased', 1, '12.00', '18.00'],
          ['received', 1, '5.00', '25.00'],
          ['ready-to-sell', 4, '57.00', '199.99'],
          ['listed', 1, '8.00', '30.00'],
        ],
      );
    });

    it('breaks the stock down by category, the most valuable first', async () => {
      const report = await t.api.get(`${REPORTS}inventory-valuation/`).set(seller.auth).expect(200);
      expect(report.body.by_category).toEqual([
        { category: 'Uncategorized', count: 5, total_cost: '55.00', total_value: '163.00' },
        { category: 'Vinyl', count: 2, total_cost: '32.00', total_value: '129.99' },
        { category: 'CD', count: 1, total_cost: '5.00', total_value: '20.00' },
      ]);
    });

    it('lists the most valuable items', async () => {
      const report = await t.api.get(`${REPORTS}inventory-valuation/`).set(seller.auth).expect(200);
      expect(report.body.top_items.map((row: { title: string; value: string }) => [row.title, row.value])).toEqual([
        ['Rare Jazz LP', '120.00'],
        ['Half Year LP', '50.00'],
        ['Month Draft', '40.00'],
        ['Listed LP', '30.00'],
        ['Received Box', '25.00'],
        ['Fresh CD', '20.00'],
        ['Purchased Tape', '18.00'],
        ['Old Single', '9.99'],
      ]);
      expect(report.body.top_items[0]).toEqual({
        uid: uids['Rare Jazz LP'],
        title: 'Rare Jazz LP',
        value: '120.00',
        cost: '30.00',
        status: 'ready-to-sell',
      });
    });

    it('counts sold items at what they fetched with include_sold, never in the unrealized gain', async () => {
      const report = await t.api.get(`${REPORTS}inventory-valuation/?include_sold=true`).set(seller.auth).expect(200);
      expect(report.body.totals).toEqual({ item_count: 9, total_cost: '107.00', total_value: '372.99', unrealized_gain: '220.99' });
      expect(report.body.by_status.at(-1)).toEqual({ status: 'sold', label: 'Sold', count: 1, total_cost: '15.00', total_value: '60.00' });
      expect(Object.keys((await t.api.get(`${REPORTS}inventory-valuation/?include_sold=maybe`).set(seller.auth).expect(400)).body)).toEqual(
        ['include_sold'],
      );
    });

    it('prints the valuation as a PDF', async () => {
      const response = await t.api.get(`${REPORTS}inventory-valuation/?format=pdf`).set(seller.auth).buffer(true).parse(binary).expect(200);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="inventory-valuation-${today}.pdf"`);
      const text = await pdfText(response.body as Buffer);
      for (const figure of [
        'Inventory Valuation',
        'Groove Records',
        '$92.00',
        '$312.99',
        '$220.99',
        'Uncategorized',
        '$163.00',
        'Rare Jazz LP',
      ]) {
        expect(text).toContain(figure);
      }
    });
  });

  describe('aging', () => {
    it('sums up the stock and its mean age', async () => {
      const report = await t.api.get(`${REPORTS}aging/`).set(seller.auth).expect(200);
      expect(report.body.metadata).toMatchObject({ report_type: 'aging', as_of: today, organization: 'Groove Records', timezone: 'UTC' });
      // (0 + 30 + 31 + 60 + 61 + 180 + 181 + 366) / 8 = 113.625
      expect(report.body.summary).toEqual({ total_items: 8, total_value: '312.99', total_cost: '92.00', average_age_days: 113.6 });
    });

    it('puts every item in its age bucket, the bounds included', async () => {
      const report = await t.api.get(`${REPORTS}aging/`).set(seller.auth).expect(200);
      expect(report.body.buckets).toEqual([
        { bucket: '0-30 days', min_days: 0, max_days: 30, count: 2, total_value: '60.00', total_cost: '15.00' },
        { bucket: '31-60 days', min_days: 31, max_days: 60, count: 2, total_value: '55.00', total_cost: '13.00' },
        { bucket: '61-90 days', min_days: 61, max_days: 90, count: 1, total_value: '18.00', total_cost: '12.00' },
        { bucket: '91-180 days', min_days: 91, max_days: 180, count: 1, total_value: '50.00', total_cost: '20.00' },
        { bucket: '181-365 days', min_days: 181, max_days: 365, count: 1, total_value: '9.99', total_cost: '2.00' },
        { bucket: '365+ days', min_days: 366, max_days: null, count: 1, total_value: '120.00', total_cost: '30.00' },
      ]);
    });

    it('lists the oldest items first', async () => {
      const report = await t.api.get(`${REPORTS}aging/`).set(seller.auth).expect(200);
      expect(report.body.oldest_items.map((row: { title: string; age_days: number }) => [row.title, row.age_days])).toEqual([
        ['Rare Jazz LP', 366],
        ['Old Single', 181],
        ['Half Year LP', 180],
        ['Purchased Tape', 61],
        ['Listed LP', 60],
        ['Received Box', 31],
        ['Month Draft', 30],
        ['Fresh CD', 0],
      ]);
      expect(report.body.oldest_items[0]).toMatchObject({
        uid: uids['Rare Jazz LP'],
        in_inventory_since: `${shiftDay(today, -366)}T12:00:00.000Z`,
        value: '120.00',
        cost: '30.00',
        status: 'ready-to-sell',
      });
    });

    it('prints the buckets, their chart and the oldest items as a PDF', async () => {
      const response = await t.api.get(`${REPORTS}aging/?format=pdf`).set(seller.auth).buffer(true).parse(binary).expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="inventory-aging-${today}.pdf"`);
      expect((response.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      const text = await pdfText(response.body as Buffer);
      for (const figure of [
        'Inventory Aging',
        'Groove Records',
        `Stock as of ${today}`,
        '$312.99',
        '113.6',
        'Items by age',
        '365+ days',
        '181-365 days',
        '$9.99',
        'Rare Jazz LP',
      ]) {
        expect(text).toContain(figure);
      }
    });
  });

  describe('CSV export with field selection', () => {
    it('streams only the chosen fields, in their order, of the items asked for', async () => {
      const response = await t.api
        .get(`${REPORTS}export/csv/?fields=title,status,price_total_usd&status=listed,purchased`)
        .set(seller.auth)
        .expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="inventory-\d{4}-\d{2}-\d{2}\.csv"$/);
      const lines = response.text.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('title,status,price_total_usd');
      expect(lines.slice(1, -1).sort()).toEqual(['Listed LP,listed,35.00', 'Purchased Tape,purchased,18.00']);
    });

    it("writes every column without fields, and never another organization's items", async () => {
      const response = await t.api.get(`${REPORTS}export/csv/`).set(seller.auth).expect(200);
      const lines = response.text
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter(Boolean);
      expect(lines[0].startsWith('uid,title,product_uid,')).toBe(true);
      expect(lines).toHaveLength(1 + itemNumber - 2); // not the deleted item, not the other shop's
      expect(response.text).not.toContain('Other Shop LP');
    });

    it('refuses an unknown field, naming it', async () => {
      const refused = await t.api.get(`${REPORTS}export/csv/?fields=uid,colour`).set(seller.auth).expect(400);
      expect(refused.body).toEqual({ fields: ['"colour" is not a valid choice.'] });
    });
  });
});
