// Load benchmark of GET /api/v1/products/ on generated catalogs, beside a raw baseline (not part of `npm test`).
//   npm run bench -- [--sizes 2000,20000,100000] [--seconds 10] [--rounds 1] [--warmup 2] [--explain] [--keep] [--database NAME]
// Needs a PostgreSQL server (DATABASE_SERVER_URL, default postgres://postgres@127.0.0.1:5432/postgres).
// It creates (and drops) the database `instica_bench` (or --database), starts the built service and
// bench/raw-products-server.mjs (plain Fastify + pg, the same SQL) against it, one organization per catalog size, checks
// that both answer byte-identical bodies to every query, then measures each query on both, alternately, with autocannon.
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
import { countStatement, pageStatement } from './raw-products-server.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '2000,20000,100000' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '1' },
    explain: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    warmup: { type: 'string', default: '2' },
    database: { type: 'string', default: 'instica_bench' },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const WARMUP_SECONDS = Number(values.warmup);
const DATABASE = values.database;
const databaseUrl = databaseUrlOf(DATABASE);
const PRODUCT_BATCH = 2000;

const QUERIES = [
  '/api/v1/products/',
  '/api/v1/products/?page_size=100',
  '/api/v1/products/?search=artist%2012',
  '/api/v1/products/?tags=genre7,decade3',
  '/api/v1/products/?tags=genre7,decade3&has_available_inventory=true',
  '/api/v1/products/?ordering=price_high_low',
  '/api/v1/products/?ordering=price_low_high',
  '/api/v1/products/?ordering=most_inventory',
  '/api/v1/products/?ordering=listed_first',
  '/api/v1/products/?ordering=-artist__name',
  '/api/v1/products/?ordering=most_inventory&status=listed',
];

/**
 * Runs `statement` ($1 the organization, $2 and $3 a range of its product ids) once per PRODUCT_BATCH products: the
 * summary trigger recounts a statement's products at its end, and its lock read (id = ANY(those products)) grows with
 * the square of their number; the statistics are renewed between batches, so that the recount's plan fits the table.
 */
async function inProductBatches(client, organizationId, statement) {
  const { rows } = await client.query(`SELECT min(id) AS low, max(id) AS high FROM products WHERE organization_id = $1`, [organizationId]);
  for (let low = Number(rows[0].low); low <= Number(rows[0].high); low += PRODUCT_BATCH) {
    await client.query(statement, [organizationId, low, low + PRODUCT_BATCH]);
    await client.query('ANALYZE inventory_items, marketplace_presences');
  }
}

/**
 * A record shop's catalog for one organization, with SQL (the triggers keep the summary columns and the product
 * count): 2,000 artists, 200 labels, `size` products with tags, some price overrides, UPCs, images and import
 * metadata, 0-5 items each across statuses with some photos, Discogs presences (some with an image), Redbubble ones,
 * and a primary file for half the digital products (one in 25 of them named so that `search=artist 12` finds it).
 */
async function seed(client, organizationId, size) {
  const tag = `s${size}`;
  await client.query(
    `INSERT INTO artists (uid, organization_id, name, name_key)
     SELECT 'art_${tag}_' || n, $1, 'Artist ' || n, 'artist ' || n FROM generate_series(1, 2000) n`,
    [organizationId],
  );
  await client.query(
    `INSERT INTO music_labels (uid, organization_id, name, name_key)
     SELECT 'lab_${tag}_' || n, $1, 'Label ' || n, 'label ' || n FROM generate_series(1, 200) n`,
    [organizationId],
  );
  await client.query(
    `INSERT INTO products (uid, organization_id, title, type, artist_id, music_label_id, catalog_number, upc, tags,
                           price_override_usd, image_key, metadata, created)
     SELECT 'prod_${tag}_' || n, $1, 'Album ' || md5(n::text), (ARRAY['physical', 'physical', 'digital'])[1 + n % 3],
            (SELECT id FROM artists WHERE uid = 'art_${tag}_' || (1 + n % 2000)),
            CASE WHEN n % 4 = 0 THEN (SELECT id FROM music_labels WHERE uid = 'lab_${tag}_' || (1 + n % 200)) END,
            CASE WHEN n % 5 <> 0 THEN 'CAT-' || n END, CASE WHEN n % 6 = 0 THEN lpad(n::text, 12, '0') END,
            ARRAY['genre' || (n % 40), 'decade' || (n % 7)], CASE WHEN n % 10 = 0 THEN 10 + n % 90 END,
            CASE WHEN n % 13 = 0 THEN 'products/prod_${tag}_' || n || '/image.jpg' END,
            CASE WHEN n % 9 = 0 THEN jsonb_build_object('external_id', 'r' || n, 'external_id_title', 'Release ' || n) END,
            now() - (n || ' minutes')::interval
       FROM generate_series(1, $2) n`,
    [organizationId, size],
  );
  await inProductBatches(
    client,
    organizationId,
    `INSERT INTO inventory_items (uid, organization_id, product_id, status, price_total_usd, condition_item, condition_container,
                                  name, manual_sku)
     SELECT 'inv_' || p.id || '_' || k, p.organization_id, p.id,
            (ARRAY['draft', 'received', 'ready-to-sell', 'listed', 'sold'])[1 + (p.id + k) % 5], 5 + (p.id * k) % 95,
            (ARRAY['vg_plus', 'nm', 'good', NULL])[1 + (p.id + k) % 4], CASE WHEN k = 2 THEN 'vg' END,
            CASE WHEN (p.id + k) % 17 = 0 THEN 'Promo copy ' || k END, CASE WHEN (p.id + k) % 19 = 0 THEN 'SKU-' || p.id || '-' || k END
       FROM products p CROSS JOIN generate_series(1, 5) k
      WHERE p.organization_id = $1 AND p.id >= $2 AND p.id < $3 AND k <= p.id % 6`,
  );
  await client.query(
    `INSERT INTO inventory_assets (uid, organization_id, inventory_item_id, file_key, is_identifying_asset)
     SELECT 'ast_' || i.id || '_' || k, i.organization_id, i.id, 'inventory/' || i.uid || '/photo-' || k || '.jpg', k = 2
       FROM inventory_items i CROSS JOIN generate_series(1, 2) k WHERE i.organization_id = $1 AND i.id % 4 = 0`,
    [organizationId],
  );
  await inProductBatches(
    client,
    organizationId,
    `INSERT INTO marketplace_presences (organization_id, product_id, platform_id, status, listing_price_usd, external_listing_id,
                                        image_url)
     SELECT p.organization_id, p.id, pl.id, 'active', 25, 'd' || p.id, CASE WHEN p.id % 7 = 0 THEN 'https://img.example/' || p.id END
       FROM products p JOIN platforms pl ON pl.slug = 'discogs'
      WHERE p.organization_id = $1 AND p.id >= $2 AND p.id < $3 AND p.id % 3 = 0 AND p.type = 'physical'`,
  );
  await inProductBatches(
    client,
    organizationId,
    `INSERT INTO marketplace_presences (organization_id, product_id, platform_id, status, external_listing_id, external_url)
     SELECT p.organization_id, p.id, pl.id, 'active', 'rb' || p.id, 'https://redbubble.com/i/' || p.id
       FROM products p JOIN platforms pl ON pl.slug = 'redbubble'
      WHERE p.organization_id = $1 AND p.id >= $2 AND p.id < $3 AND p.id % 5 = 0 AND p.type = 'digital'`,
  );
  await client.query(
    `INSERT INTO digital_assets (uid, organization_id, product_id, file_key, file_name, display_name, content_type, size_bytes,
                                 sha256, is_primary)
     SELECT 'dig_' || p.id, p.organization_id, p.id, 'digital/' || p.uid || '/artwork.png',
            CASE WHEN p.id % 50 = 0 THEN 'Artist 12 tour poster ' || p.id || '.png' ELSE 'artwork-' || p.id || '.png' END,
            'Artwork', 'image/png', 1048576, repeat('0', 64), true
       FROM products p WHERE p.organization_id = $1 AND p.id % 2 = 0 AND p.type = 'digital'`,
    [organizationId],
  );
}

async function explain(client, organizationId, path) {
  const query = Object.fromEntries(new URL(path, 'http://x').searchParams);
  const pageSize = Math.min(Number(query.page_size ?? 15), 100);
  const findings = [];
  for (const [label, statement] of [
    ['count', countStatement(organizationId, query)],
    ['page', pageStatement(organizationId, query, 0, pageSize)],
  ]) {
    const plan = await explainStatement(client, `${path} (${label})`, statement);
    for (const finding of plan.findings) if (finding.startsWith('Seq Scan')) findings.push(`${label}: ${finding}`);
  }
  return findings;
}

function table(rows) {
  return markdownTable(
    [
      ['size', (row) => row.size.toLocaleString('en-US')],
      ['query', (row) => row.path.replace('/api/v1/products/', '') || '(default)', 'left'],
      ['service req/s', (row) => row.service.toFixed(0)],
      ['raw req/s', (row) => row.raw.toFixed(0)],
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
    const catalogs = [];
    for (const size of SIZES) {
      const account = await register(service, client, `bench-${size}@example.com`);
      const started = Date.now();
      await seed(client, account.organizationId, size);
      console.log(`seeded ${size} products in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      catalogs.push({ size, ...account });
    }
    await client.query('VACUUM ANALYZE');
    // Both servers start on the settled database: the service, which registered the accounts, starts again.
    await stop(service);
    service = await startService(databaseUrl);
    raw = await start('raw', 'bench/raw-products-server.mjs', { databaseUrl, readyPath: '/api/v1/products/' });

    for (const { size, token } of catalogs) {
      for (const path of QUERIES) {
        const body = await verify(service, raw, path, token);
        if (body.results.length === 0) throw new Error(`${path} at ${size}: no results, nothing to compare`);
      }
    }
    console.log(`identical bodies from both servers for ${QUERIES.length} queries x ${SIZES.length} sizes`);

    if (values.explain) {
      const largest = catalogs.at(-1);
      const seqScans = [];
      for (const path of QUERIES) for (const scan of await explain(client, largest.organizationId, path)) seqScans.push(`${path} ${scan}`);
      console.log(
        `\nsequential scans at ${largest.size.toLocaleString('en-US')} products: ${seqScans.length ? `\n  ${seqScans.join('\n  ')}` : 'none'}`,
      );
    }

    console.log(`\n${ROUNDS} x ${SECONDS} s per query and server, 10 connections, the two servers alternately`);
    const results = await measureAll({
      service,
      raw,
      catalogs,
      queries: QUERIES,
      seconds: SECONDS,
      rounds: ROUNDS,
      warmupSeconds: WARMUP_SECONDS,
      onRow: (row) =>
        console.log(
          `${String(row.size).padStart(6)} ${row.path.padEnd(70)} ${row.service.toFixed(0).padStart(5)} ${row.raw.toFixed(0).padStart(5)}`,
        ),
    });
    console.log(`\n${table(results)}`);
    const defaults = results.filter((row) => row.path === QUERIES[0]);
    if (defaults.length > 1) {
      const [smallest, largest] = [defaults[0], defaults.at(-1)];
      console.log(
        `\ndefault page, service: ${smallest.service.toFixed(0)} req/s at ${smallest.size.toLocaleString('en-US')} products, ` +
          `${largest.service.toFixed(0)} at ${largest.size.toLocaleString('en-US')}: cost ratio ${(smallest.service / largest.service).toFixed(2)} (target <= 1.5)` +
          `; raw: ${(smallest.raw / largest.raw).toFixed(2)}`,
      );
    }
  } finally {
    await client.end().catch(() => {});
    await stop(raw);
    await stop(service);
    if (!values.keep) await dropDatabase(DATABASE);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
