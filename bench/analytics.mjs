// Analytics, activity and reports at scale, each endpoint beside the raw SQL aggregate it needs (not part of `npm test`):
//   npm run bench:analytics -- [--size 100000] [--events 100000] [--orders 50000] [--requests 40] [--warmup 10] [--keep] [--database NAME]
// One organization gets bench/inventory-data.mjs's generated inventory (`--size` items, with listings), `--events`
// activity events over the last year and `--orders` order lines over the last two years (see seedOrders). Each
// endpoint is called `--requests` times one after the other (after `--warmup` calls) on the built service; the raw
// baseline sends the very SQL statements behind it, captured from the built query classes (dist/), through `pg` on one
// connection, the same number of times. Latency is the median (and 95th percentile) of each; the ratio is service / raw
// (goal: at most 2).
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { seed } from './inventory-data.mjs';
import { databaseUrlOf, dropDatabase, markdownTable, recreateDatabase, register, startService, stop } from './lib.mjs';

const require = createRequire(import.meta.url);
const { InventoryAnalyticsQuery } = require('../dist/src/modules/inventory/inventory-analytics.query.js');
const { ActivityRepository } = require('../dist/src/modules/activity/activity.repository.js');
const { OrderAnalyticsQuery } = require('../dist/src/modules/orders/order-analytics.query.js');
const { STOCK_STATUSES } = require('../dist/src/modules/inventory/inventory-analytics.rules.js');
const { INVENTORY_STATUS_CODES } = require('../dist/src/modules/inventory/inventory.rules.js');
const { lastDays, localDate } = require('../dist/src/common/time/local-days.js');

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    events: { type: 'string', default: '100000' },
    orders: { type: 'string', default: '50000' },
    requests: { type: 'string', default: '40' },
    warmup: { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string', default: 'instica_bench_analytics' },
  },
});
const SIZE = Number(values.size);
const EVENTS = Number(values.events);
const ORDERS = Number(values.orders);
const REQUESTS = Number(values.requests);
const WARMUP = Number(values.warmup);
const DATABASE = values.database;
const databaseUrl = databaseUrlOf(DATABASE);
const TIME_ZONE = 'UTC';

/** The statements a query method sends, recorded instead of run (the built class, given a connection that records). */
async function statementsOf(make, call) {
  const statements = [];
  const recorder = {
    select: async (text, parameters) => {
      statements.push({ text, values: parameters });
      return [{}];
    },
  };
  await call(make(recorder));
  return statements;
}

/** The raw SQL behind each endpoint, as the services send it for organization `organizationId` today. */
async function rawStatements(organizationId) {
  const today = localDate(new Date(), TIME_ZONE);
  const inventory = (call) => statementsOf((db) => new InventoryAnalyticsQuery(db), call);
  const activity = (call) => statementsOf((db) => new ActivityRepository(db), call);
  const orders = (call) => statementsOf((db) => new OrderAnalyticsQuery(db), call);
  const days = (count) => ({ ...lastDays(count, new Date(), TIME_ZONE), timeZone: TIME_ZONE });
  const year = days(365);
  const range = (days) => ({ ...lastDays(days, new Date(), TIME_ZONE), timeZone: TIME_ZONE, eventType: null });
  const start = lastDays(30, new Date(), TIME_ZONE).start;
  return [
    ['/api/v1/analytics/funnel/', await inventory((q) => q.funnel(organizationId))],
    ['/api/v1/analytics/inventory/', await inventory((q) => q.statusFigures(organizationId, INVENTORY_STATUS_CODES))],
    ['/api/v1/analytics/activity/', await activity((q) => q.series(organizationId, range(30), 'day'))],
    ['/api/v1/analytics/activity/?days=365&period=week', await activity((q) => q.series(organizationId, range(365), 'week'))],
    ['/api/v1/analytics/activity/heatmap/?days=365', await activity((q) => q.heatmap(organizationId, range(365)))],
    [
      '/api/v1/activity/recent/',
      await activity(async (q) => Promise.all([q.count(organizationId, null), q.page(organizationId, null, 0, 20)])),
    ],
    ['/api/v1/activity/stats/', await activity((q) => q.stats(organizationId, today, TIME_ZONE))],
    [
      '/api/v1/reports/inventory-summary/',
      await inventory(async (q) =>
        Promise.all([
          q.periodSummary(organizationId, start, today, TIME_ZONE),
          q.periodStatusFigures(organizationId, start, today, TIME_ZONE),
        ]),
      ),
    ],
    [
      '/api/v1/reports/inventory-valuation/',
      await inventory(async (q) =>
        Promise.all([
          q.statusFigures(organizationId, STOCK_STATUSES),
          q.categoryFigures(organizationId, STOCK_STATUSES),
          q.topItemsByValue(organizationId, STOCK_STATUSES, 10, today, TIME_ZONE),
        ]),
      ),
    ],
    [
      '/api/v1/reports/aging/',
      await inventory(async (q) =>
        Promise.all([
          q.agingSummary(organizationId, today, TIME_ZONE),
          q.agingBuckets(organizationId, today, TIME_ZONE),
          q.oldestItems(organizationId, 10, today, TIME_ZONE),
        ]),
      ),
    ],
    ['/api/v1/reports/aging/?format=pdf', null],
    ['/api/v1/analytics/sales/', await orders((q) => q.salesSeries(organizationId, days(30), 'day'))],
    ['/api/v1/analytics/sales/?days=365&period=month', await orders((q) => q.salesSeries(organizationId, year, 'month'))],
    ['/api/v1/analytics/platforms/?days=365', await orders((q) => q.platformBreakdown(organizationId, year))],
    [
      '/api/v1/analytics/revenue/?days=365',
      await orders((q) => q.revenue(organizationId, year, lastDays(730, new Date(), TIME_ZONE).start)),
    ],
    ['/api/v1/analytics/categories/top/?days=365', await orders((q) => q.topCategories(organizationId, year, 10))],
    [
      `/api/v1/reports/profit-loss/?start_date=${year.start}&end_date=${year.end}`,
      await orders(async (q) => Promise.all([q.profitLossMonths(organizationId, year), q.mostProfitable(organizationId, year, 10)])),
    ],
    [`/api/v1/reports/profit-loss/?start_date=${year.start}&end_date=${year.end}&format=pdf`, null],
  ].map(([path, statements]) => ({ path, statements: statements ?? [] }));
}

/**
 * `count` order lines over the last two years: one in five sold by hand (no platform), the others on eBay, Discogs,
 * Etsy and Shopify in turn; one in twenty cancelled; prices 10.00-99.99 with a 10 % fee and 4.00 shipping on the
 * platforms. Each sells one of the organization's items, the sold items first (so that each sold item has its order),
 * then the others in turn.
 */
async function seedOrders(client, organizationId, count) {
  await client.query(
    `WITH picked AS (
            SELECT i.id, row_number() OVER (ORDER BY (i.status = 'sold') DESC, i.id) - 1 AS position
              FROM inventory_items i WHERE i.organization_id = $1 AND i.deleted_at IS NULL)
     INSERT INTO orders (uid, organization_id, platform_id, platform_order_id, inventory_item_id, sale_state, status, item_title,
                         sale_price, marketplace_fee, shipping_cost, net_revenue, sold_at, order_created, search_text)
     SELECT 'ord_bench_' || n, $1, pl.id, CASE WHEN pl.id IS NOT NULL THEN 'B-' || n END, p.id,
            CASE WHEN n % 20 = 0 THEN 'cancelled' ELSE 'completed' END, CASE WHEN n % 20 = 0 THEN 'cancelled' ELSE 'completed' END,
            'Record ' || n, m.price, m.fee, m.shipping, m.price - COALESCE(m.fee, 0) - COALESCE(m.shipping, 0), t.at, t.at, 'record ' || n
       FROM generate_series(0, $2 - 1) n
       JOIN picked p ON p.position = n % (SELECT count(*) FROM picked)
       LEFT JOIN platforms pl ON n % 5 <> 0 AND pl.slug = (ARRAY['ebay', 'discogs', 'etsy', 'shopify'])[1 + n % 4],
            LATERAL (SELECT (10 + (n * 7919) % 9000 / 100.0)::numeric(12, 2) AS price) base,
            LATERAL (SELECT base.price, CASE WHEN pl.id IS NOT NULL THEN round(base.price * 0.1, 2) END AS fee,
                            CASE WHEN pl.id IS NOT NULL THEN 4.00 END AS shipping) m,
            LATERAL (SELECT now() - (mod(abs(hashint4extended(n, 11)), 730 * 86400) || ' seconds')::interval AS at) t`,
    [organizationId, count],
  );
}

const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
const p95 = (times) => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(times.length * 0.95))];

async function timed(times, work) {
  const started = process.hrtime.bigint();
  await work();
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
}

async function main() {
  await recreateDatabase(DATABASE);
  const client = new pg.Client({ connectionString: databaseUrl });
  let service;
  try {
    service = await startService(databaseUrl);
    await client.connect();
    await client.query('SET jit = off');
    const account = await register(service, client, 'bench-analytics@example.com');
    const steps = await seed(client, account, SIZE);
    console.log(`seeded ${SIZE} items (${steps})`);
    const types = ['item_created', 'listing_created', 'item_delisted', 'item_sold', 'price_changed', 'export_completed'];
    await client.query(
      `INSERT INTO activity_events (uid, organization_id, user_id, event_type, subject_type, subject_uid, message, occurred_at)
       SELECT 'act_bench_' || n, $1, $2, (ARRAY[${types.map((type) => `'${type}'`).join(', ')}])[1 + n % ${types.length}],
              'inventory_item', 'inv_bench_' || n, 'Bench event.', now() - (mod(abs(hashint4extended(n, 7)), 365 * 86400) || ' seconds')::interval
         FROM generate_series(0, $3 - 1) n`,
      [account.organizationId, account.userId, EVENTS],
    );
    await seedOrders(client, account.organizationId, ORDERS);
    await client.query('VACUUM ANALYZE');
    console.log(`inserted ${EVENTS} activity events and ${ORDERS} orders`);

    const endpoints = await rawStatements(account.organizationId);
    const headers = { authorization: `Bearer ${account.token}` };
    const rows = [];
    for (const { path, statements } of endpoints) {
      const call = async () => {
        const response = await fetch(`http://127.0.0.1:${service.port}${path}`, { headers });
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
      };
      const raw = async () => {
        for (const statement of statements) await client.query(statement);
      };
      for (let i = 0; i < WARMUP; i += 1) {
        await call();
        if (statements.length) await raw();
      }
      const serviceTimes = [];
      const rawTimes = [];
      for (let i = 0; i < REQUESTS; i += 1) {
        // Alternately, so that a slow spell of the machine hits both alike.
        await timed(serviceTimes, call);
        if (statements.length) await timed(rawTimes, raw);
      }
      const row = {
        path,
        statements: statements.length,
        service: median(serviceTimes),
        serviceP95: p95(serviceTimes),
        raw: statements.length ? median(rawTimes) : null,
      };
      rows.push(row);
      console.log(`${path}: service ${row.service.toFixed(1)} ms, raw ${row.raw === null ? '-' : `${row.raw.toFixed(1)} ms`}`);
    }
    console.log(
      `\n${SIZE.toLocaleString('en-US')} items, ${EVENTS.toLocaleString('en-US')} events, ${ORDERS.toLocaleString('en-US')} orders, ` +
        `${REQUESTS} sequential requests each (median ms):\n\n` +
        markdownTable(
          [
            ['endpoint', (row) => row.path, 'left'],
            ['statements', (row) => String(row.statements)],
            ['service ms', (row) => row.service.toFixed(1)],
            ['service p95', (row) => row.serviceP95.toFixed(1)],
            ['raw SQL ms', (row) => (row.raw === null ? '-' : row.raw.toFixed(1))],
            ['ratio', (row) => (row.raw === null ? '-' : `${(row.service / row.raw).toFixed(2)}${row.service / row.raw > 2 ? ' *' : ''}`)],
          ],
          rows,
        ),
    );
  } finally {
    await client.end().catch(() => {});
    await stop(service);
    if (!values.keep) await dropDatabase(DATABASE);
  }
}

await main();
