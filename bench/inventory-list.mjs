// Load benchmark of GET /api/v1/inventory/ on generated inventories, beside a raw baseline (not part of `npm test`).
//   npm run bench:inventory -- [--sizes 2000,20000,100000] [--seconds 10] [--warmup 2] [--explain] [--keep] [--database NAME]
// Needs a PostgreSQL server (DATABASE_SERVER_URL, default postgres://postgres@127.0.0.1:5432/postgres).
// It creates (and drops) the database `instica_bench_inventory` (or --database), starts the built service and
// bench/raw-inventory-server.mjs (plain Fastify + pg, the same SQL) against it, one organization per inventory size,
// checks that both answer byte-identical bodies to every query, then measures each query on both, alternately.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  databaseUrlOf,
  dropDatabase,
  explainStatement,
  markdownTable,
  measureAll,
  ratioText,
  recreateDatabase,
  register,
  start,
  startService,
  stop,
  verify,
} from './lib.mjs';
import { seed } from './inventory-data.mjs';
import { activeListingsStatement, assetsStatement, countStatement, pageStatement } from './raw-inventory-server.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '2000,20000,100000' },
    seconds: { type: 'string', default: '10' },
    explain: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    warmup: { type: 'string', default: '2' },
    database: { type: 'string', default: 'instica_bench_inventory' },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const SECONDS = Number(values.seconds);
const WARMUP_SECONDS = Number(values.warmup);
const DATABASE = values.database;
const databaseUrl = databaseUrlOf(DATABASE);
const PREFIX = '/api/v1/inventory/';
const DEFAULT_PAGE_SIZE = 10;
// `velvet` is one of the 16 first words of the generated artist names (about 6 % of the items).
const QUERIES = [
  PREFIX,
  `${PREFIX}?page_size=100`,
  `${PREFIX}?status=ready-to-sell`,
  `${PREFIX}?status=listed,sold&ordering=-price_total_usd`,
  `${PREFIX}?search=velvet`,
  `${PREFIX}?ordering=title`,
  `${PREFIX}?ordering=-days_in_inventory`,
  `${PREFIX}?ordering=condition_item`,
  `${PREFIX}?ordering=manual_sku`,
  `${PREFIX}?page=50`,
];

/** What was generated, to see that it is the intended mix. */
async function describe(client, organizationId) {
  const { rows } = await client.query(
    `SELECT count(*) AS items, count(DISTINCT product_id) AS products,
            round(100.0 * count(*) FILTER (WHERE i.price_total_usd IS NULL) / count(*)) AS no_price,
            round(100.0 * count(*) FILTER (WHERE i.inventory_item_type_id IS NULL) / count(*)) AS no_type,
            (SELECT count(*) FROM inventory_assets a WHERE a.organization_id = $1) AS assets,
            (SELECT count(*) FROM inventory_item_listings l WHERE l.organization_id = $1) AS listings,
            round(100.0 * count(*) FILTER (WHERE i.status <> 'sold' AND NOT EXISTS (
              SELECT 1 FROM inventory_item_listings l WHERE l.inventory_item_id = i.id
                AND l.status IN ('pending', 'in_progress', 'listed', 'delisting', 'delisting_failed'))) / count(*)) AS deletable,
            string_agg(DISTINCT i.status, ',') AS statuses
       FROM inventory_items i WHERE i.organization_id = $1 AND i.deleted_at IS NULL`,
    [organizationId],
  );
  const row = rows[0];
  return (
    `${row.items} live items over ${row.products} products, ${row.assets} photos, ${row.listings} listings; ` +
    `${row.no_price} % without a price, ${row.no_type} % without a type, ${row.deletable} % deletable; statuses ${row.statuses}`
  );
}

/** EXPLAIN ANALYZE of a query's count and page SQL (and, for the default page, of its photos and listings SQL). */
async function explain(client, organizationId, path, { withPresent }) {
  const query = Object.fromEntries(new URL(path, 'http://x').searchParams);
  const pageSize = Math.min(Number(query.page_size ?? DEFAULT_PAGE_SIZE), 100);
  const offset = (Number(query.page ?? 1) - 1) * pageSize;
  const page = pageStatement(organizationId, query, offset, pageSize);
  const statements = [
    ['count', countStatement(organizationId, query)],
    ['page', page],
  ];
  if (withPresent) {
    const ids = (await client.query(page)).rows.map((row) => String(row.id));
    statements.push(['assets', assetsStatement(organizationId, ids)], ['active listings', activeListingsStatement(organizationId, ids)]);
  }
  const timings = {};
  const findings = [];
  for (const [label, statement] of statements) {
    const plan = await explainStatement(client, `${path} (${label})`, statement, { seqScanRows: 1000 });
    timings[label] = plan.executionMs;
    for (const finding of plan.findings) findings.push(`${label}: ${finding}`);
  }
  return { timings, findings };
}

const shortPath = (path) => path.replace(PREFIX, '') || '(default)';

function table(rows) {
  return markdownTable(
    [
      ['size', (row) => row.size.toLocaleString('en-US')],
      ['query', (row) => shortPath(row.path), 'left'],
      ['service req/s', (row) => row.service.toFixed(0)],
      ['raw req/s', (row) => row.raw.toFixed(0)],
      ['service p99 ms', (row) => String(row.serviceP99)],
      ['raw p99 ms', (row) => String(row.rawP99)],
      ['ratio', ratioText],
    ],
    rows,
  );
}

async function main() {
  await recreateDatabase(DATABASE);
  let service;
  let raw;
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c jit=off' });
  try {
    service = await startService(databaseUrl);
    await client.connect();
    const inventories = [];
    for (const size of SIZES) {
      const account = await register(service, client, `bench-${size}@example.com`);
      const started = Date.now();
      const steps = await seed(client, account, size);
      console.log(`seeded ${size} items in ${((Date.now() - started) / 1000).toFixed(0)} s (${steps})`);
      inventories.push({ size, ...account });
    }
    await client.query('VACUUM ANALYZE');
    for (const { size, organizationId } of inventories) console.log(`${size}: ${await describe(client, organizationId)}`);
    raw = await start('raw', 'bench/raw-inventory-server.mjs', { databaseUrl, readyPath: PREFIX });

    for (const { size, token } of inventories) {
      for (const path of QUERIES) {
        const body = await verify(service, raw, path, token, { attempts: 3 });
        if (body.results.length === 0) throw new Error(`${path} at ${size}: no results, nothing to compare`);
      }
    }
    console.log(`identical bodies from both servers for ${QUERIES.length} queries x ${SIZES.length} sizes`);

    if (values.explain) {
      const largest = inventories.at(-1);
      const findings = [];
      const timings = [];
      for (const path of QUERIES) {
        const plan = await explain(client, largest.organizationId, path, { withPresent: path === PREFIX });
        timings.push({ path, ...plan.timings });
        for (const finding of plan.findings) findings.push(`${shortPath(path)} ${finding}`);
      }
      console.log(
        `\nat ${largest.size.toLocaleString('en-US')} items, execution time (EXPLAIN ANALYZE):\n` +
          markdownTable(
            [
              ['query', (row) => shortPath(row.path), 'left'],
              ['count ms', (row) => row.count.toFixed(2)],
              ['page ms', (row) => row.page.toFixed(2)],
            ],
            timings,
          ),
      );
      console.log(`\nsequential scans and sorts of 1,000 rows or more: ${findings.length ? `\n  ${findings.join('\n  ')}` : 'none'}`);
    }

    console.log(`\n${SECONDS} s per query and server, 10 connections, the two servers alternately`);
    const results = await measureAll({
      service,
      raw,
      catalogs: inventories,
      queries: QUERIES,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      onRow: (row) =>
        console.log(
          `${String(row.size).padStart(6)} ${shortPath(row.path).padEnd(45)} ${row.service.toFixed(0).padStart(5)} ${row.raw.toFixed(0).padStart(5)}` +
            ` ${String(row.serviceP99).padStart(4)} ms ${String(row.rawP99).padStart(4)} ms`,
        ),
    });
    console.log(`\n${table(results)}`);
    const defaults = results.filter((row) => row.path === QUERIES[0]);
    if (defaults.length > 1) {
      const [smallest, largest] = [defaults[0], defaults.at(-1)];
      console.log(
        `\ndefault page, service: ${smallest.service.toFixed(0)} req/s at ${smallest.size.toLocaleString('en-US')} items, ` +
          `${largest.service.toFixed(0)} at ${largest.size.toLocaleString('en-US')}: cost ratio ${(smallest.service / largest.service).toFixed(2)}` +
          `; raw: ${(smallest.raw / largest.raw).toFixed(2)}`,
      );
    }
    const ratios = results.map((row) => row.service / row.raw).sort((a, b) => a - b);
    console.log(
      `ratio: median ${ratios[Math.floor(ratios.length / 2)].toFixed(2)}, ${ratios.filter((r) => r >= 0.8).length} of ${ratios.length} at or above 0.8`,
    );
  } finally {
    await client.end().catch(() => {});
    await stop(raw);
    await stop(service);
    if (!values.keep) await dropDatabase(DATABASE);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
