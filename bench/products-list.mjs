// Load benchmark of GET /api/v1/products/ on generated catalogs, beside a raw baseline (not part of `npm test`).
//   npm run bench -- [--sizes 2000,20000,100000] [--seconds 10] [--warmup 2] [--explain] [--keep]
// Needs a PostgreSQL server (DATABASE_SERVER_URL, default postgres://postgres@127.0.0.1:5432/postgres).
// It creates (and drops) the database `instica_bench`, starts the built service and bench/raw-products-server.mjs
// (plain Fastify + pg, the same SQL) against it, one organization per catalog size, checks that both answer
// byte-identical bodies to every query, then measures each query on both, alternately, with autocannon.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { countStatement, pageStatement } from './raw-products-server.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '2000,20000,100000' },
    seconds: { type: 'string', default: '10' },
    explain: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    warmup: { type: 'string', default: '2' },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const SECONDS = Number(values.seconds);
const WARMUP_SECONDS = Number(values.warmup);
const SERVER = process.env.DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'instica_bench';
const databaseUrl = (() => {
  const url = new URL(SERVER);
  url.pathname = `/${DATABASE}`;
  return url.toString();
})();
// Both servers see the same Host, so the absolute URLs in their bodies (next, product_image) are the same.
const HOST = 'bench.instica.test';
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

async function admin(sql) {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function start(name, script, env, readyPath) {
  const port = await freePort();
  const environment = { ...process.env, ...env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' };
  delete environment.REDIS_URL; // in-process jobs and throttle counters, as the issue measures
  const child = spawn(process.execPath, [script], {
    env: environment,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`http://127.0.0.1:${port}${readyPath}`)).status < 500) return { name, port, child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`${name} did not start.`);
}

async function stop(server) {
  if (!server || server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
}

/**
 * A record shop's catalog for one organization, with SQL (the triggers keep the summary columns and the product
 * count): 2,000 artists, 200 labels, `size` products with tags, some price overrides, UPCs, images and import
 * metadata, 0-5 items each across statuses with some photos, Discogs presences (some with an image), Redbubble ones.
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
  await client.query(
    `INSERT INTO inventory_items (uid, organization_id, product_id, status, price_total_usd, condition_item, condition_container,
                                  name, manual_sku)
     SELECT 'inv_' || p.id || '_' || k, p.organization_id, p.id,
            (ARRAY['draft', 'received', 'ready-to-sell', 'listed', 'sold'])[1 + (p.id + k) % 5], 5 + (p.id * k) % 95,
            (ARRAY['vg_plus', 'nm', 'good', NULL])[1 + (p.id + k) % 4], CASE WHEN k = 2 THEN 'vg' END,
            CASE WHEN (p.id + k) % 17 = 0 THEN 'Promo copy ' || k END, CASE WHEN (p.id + k) % 19 = 0 THEN 'SKU-' || p.id || '-' || k END
       FROM products p CROSS JOIN generate_series(1, 5) k WHERE p.organization_id = $1 AND k <= p.id % 6`,
    [organizationId],
  );
  await client.query(
    `INSERT INTO inventory_assets (uid, organization_id, inventory_item_id, file_key, is_identifying_asset)
     SELECT 'ast_' || i.id || '_' || k, i.organization_id, i.id, 'inventory/' || i.uid || '/photo-' || k || '.jpg', k = 2
       FROM inventory_items i CROSS JOIN generate_series(1, 2) k WHERE i.organization_id = $1 AND i.id % 4 = 0`,
    [organizationId],
  );
  await client.query(
    `INSERT INTO marketplace_presences (organization_id, product_id, platform_id, status, listing_price_usd, external_listing_id,
                                        image_url)
     SELECT p.organization_id, p.id, pl.id, 'active', 25, 'd' || p.id, CASE WHEN p.id % 7 = 0 THEN 'https://img.example/' || p.id END
       FROM products p JOIN platforms pl ON pl.slug = 'discogs' WHERE p.organization_id = $1 AND p.id % 3 = 0 AND p.type = 'physical'`,
    [organizationId],
  );
  await client.query(
    `INSERT INTO marketplace_presences (organization_id, product_id, platform_id, status, external_listing_id, external_url)
     SELECT p.organization_id, p.id, pl.id, 'active', 'rb' || p.id, 'https://redbubble.com/i/' || p.id
       FROM products p JOIN platforms pl ON pl.slug = 'redbubble' WHERE p.organization_id = $1 AND p.id % 5 = 0 AND p.type = 'digital'`,
    [organizationId],
  );
}

function get(port, path, token) {
  return new Promise((resolve, reject) => {
    const call = request({ host: '127.0.0.1', port, path, headers: { host: HOST, authorization: `Bearer ${token}` } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    call.on('error', reject).end();
  });
}

/** Fails loudly, showing where the two bodies part, unless both servers answer 200 with the same bytes. */
async function verify(service, raw, path, token) {
  const [a, b] = [await get(service.port, path, token), await get(raw.port, path, token)];
  if (a.status === 200 && b.status === 200 && a.body === b.body) return JSON.parse(a.body);
  let at = 0;
  while (at < a.body.length && a.body[at] === b.body[at]) at += 1;
  throw new Error(
    `${path}: the raw server's answer differs from the service's (status ${a.status} vs ${b.status}, ` +
      `${a.body.length} vs ${b.body.length} bytes), from byte ${at}:\n` +
      `  service: …${a.body.slice(Math.max(0, at - 120), at + 200)}\n` +
      `  raw:     …${b.body.slice(Math.max(0, at - 120), at + 200)}`,
  );
}

async function measure(server, path, token, seconds) {
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${path}`,
    connections: 10,
    duration: seconds,
    headers: { host: HOST, authorization: `Bearer ${token}` },
  });
  const errors = result.non2xx + result.errors + result.timeouts;
  if (errors) throw new Error(`${server.name} ${path}: ${errors} failed requests`);
  return result.requests.average;
}

async function explain(client, organizationId, path) {
  const query = Object.fromEntries(new URL(path, 'http://x').searchParams);
  const pageSize = Math.min(Number(query.page_size ?? 15), 100);
  const seqScans = [];
  for (const [label, statement] of [
    ['count', countStatement(organizationId, query)],
    ['page', pageStatement(organizationId, query, 0, pageSize)],
  ]) {
    const { rows } = await client.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, values: statement.values });
    const plan = rows.map((row) => row['QUERY PLAN']);
    console.log(`\n-- ${path} (${label})\n${plan.join('\n')}`);
    for (const line of plan) if (/Seq Scan/.test(line)) seqScans.push(`${label}: ${line.trim()}`);
  }
  return seqScans;
}

function table(rows) {
  const header = ['size', 'query', 'service req/s', 'raw req/s', 'ratio'];
  const cells = rows.map((row) => [
    row.size.toLocaleString('en-US'),
    row.path.replace('/api/v1/products/', '') || '(default)',
    row.service.toFixed(0),
    row.raw.toFixed(0),
    `${(row.service / row.raw).toFixed(2)}${row.service / row.raw < 0.8 ? ' *' : ''}`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column].length)));
  const line = (cell) =>
    `| ${cell.map((text, column) => (column === 1 ? text.padEnd(widths[column]) : text.padStart(widths[column]))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((width, column) => (column === 1 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
    ...cells.map(line),
  ].join('\n');
}

async function main() {
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DATABASE}`);
  let service;
  let raw;
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c jit=off' });
  try {
    service = await start('service', 'dist/src/main.js', { LOG_LEVEL: 'warn', THROTTLE_PER_MINUTE: '1000000' }, '/api/health/');
    await client.connect();
    const catalogs = [];
    for (const size of SIZES) {
      const registration = await fetch(`http://127.0.0.1:${service.port}/api/auth/register/email/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `bench-${size}@example.com`, password: 'benchmark password' }),
      }).then((response) => response.json());
      const { rows } = await client.query(`SELECT organization_id FROM users WHERE email = $1`, [`bench-${size}@example.com`]);
      const started = Date.now();
      await seed(client, rows[0].organization_id, size);
      console.log(`seeded ${size} products in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      catalogs.push({ size, token: registration.token, organizationId: rows[0].organization_id });
    }
    await client.query('VACUUM ANALYZE');
    raw = await start('raw', 'bench/raw-products-server.mjs', {}, '/api/v1/products/');

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

    // V8 needs some ten thousand requests to optimise the service's longer code path (its CPU per request falls by a
    // third over them); one second per query measured it still cold. Both servers get the same warm-up.
    for (const server of [service, raw]) {
      for (const path of QUERIES) await measure(server, path, catalogs[0].token, WARMUP_SECONDS);
    }

    console.log(`\n${SECONDS} s per query and server, 10 connections, the two servers alternately`);
    const results = [];
    let turn = 0;
    for (const { size, token } of catalogs) {
      for (const path of QUERIES) {
        // Each pair starts with the other server than the last one, so a slow spell of the machine hits both alike.
        const order = turn++ % 2 === 0 ? [service, raw] : [raw, service];
        const rps = {};
        for (const server of order) {
          await measure(server, path, token, 1);
          rps[server.name] = await measure(server, path, token, SECONDS);
        }
        results.push({ size, path, service: rps.service, raw: rps.raw });
        console.log(
          `${String(size).padStart(6)} ${path.padEnd(70)} ${rps.service.toFixed(0).padStart(5)} ${rps.raw.toFixed(0).padStart(5)}`,
        );
      }
    }
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
    if (!values.keep) await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
