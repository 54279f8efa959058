// Load benchmark of GET /api/v1/products/ on a generated catalog (not part of `npm test`).
//   npm run build && node bench/products-list.mjs [--products 20000] [--seconds 10] [--keep]
// Needs a PostgreSQL server (DATABASE_SERVER_URL, default postgres://postgres@127.0.0.1:5432/postgres).
// It creates (and drops) the database `instica_bench`, starts the built service on a free port and
// reports requests per second and latency percentiles per query with autocannon.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
  },
});
const PRODUCTS = Number(values.products);
const SECONDS = Number(values.seconds);
const SERVER = process.env.DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'instica_bench';
const databaseUrl = (() => {
  const url = new URL(SERVER);
  url.pathname = `/${DATABASE}`;
  return url.toString();
})();

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

async function startService(port) {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', THROTTLE_PER_MINUTE: '1000000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let attempt = 0; attempt < 300; attempt += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health/`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error('The service did not start.');
}

/** A catalog like a record shop's: artists, labels, tags, 0-5 items per product, presences, photos. */
async function seed(token) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT organization_id FROM users LIMIT 1`);
    const org = rows[0].organization_id;
    await client.query(
      `INSERT INTO artists (uid, organization_id, name, name_key)
       SELECT 'art_b' || n, $1, 'Artist ' || n, 'artist ' || n FROM generate_series(1, 2000) n`,
      [org],
    );
    await client.query(
      `INSERT INTO products (uid, organization_id, title, type, artist_id, catalog_number, tags, price_override_usd, created)
       SELECT 'prod_b' || n, $1, 'Album ' || md5(n::text), (ARRAY['physical', 'physical', 'digital'])[1 + n % 3],
              (SELECT id FROM artists WHERE uid = 'art_b' || (1 + n % 2000)), 'CAT-' || n,
              ARRAY['genre' || (n % 40), 'decade' || (n % 7)], CASE WHEN n % 10 = 0 THEN 10 + n % 90 END,
              now() - (n || ' minutes')::interval
         FROM generate_series(1, $2) n`,
      [org, PRODUCTS],
    );
    await client.query(
      `INSERT INTO inventory_items (uid, organization_id, product_id, status, price_total_usd, condition_item)
       SELECT 'inv_b' || p.id || '_' || k, p.organization_id, p.id,
              (ARRAY['draft', 'received', 'ready-to-sell', 'listed', 'sold'])[1 + (p.id + k) % 5], 5 + (p.id * k) % 95, 'vg_plus'
         FROM products p CROSS JOIN generate_series(1, 5) k WHERE k <= p.id % 6`,
    );
    await client.query(
      `INSERT INTO marketplace_presences (organization_id, product_id, platform_id, status, listing_price_usd)
       SELECT p.organization_id, p.id, pl.id, 'active', 25 FROM products p JOIN platforms pl ON pl.slug = 'discogs' WHERE p.id % 3 = 0`,
    );
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
  return token;
}

async function main() {
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DATABASE}`);
  const port = await freePort();
  const service = await startService(port);
  try {
    const base = `http://127.0.0.1:${port}`;
    const registration = await fetch(`${base}/api/auth/register/email/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'benchmark password' }),
    }).then((response) => response.json());
    await seed(registration.token);
    const queries = [
      '/api/v1/products/',
      '/api/v1/products/?page_size=100',
      '/api/v1/products/?search=artist%2012',
      '/api/v1/products/?tags=genre7,decade3&has_available_inventory=true',
      '/api/v1/products/?ordering=price_high_low',
      '/api/v1/products/?ordering=most_inventory&status=listed',
    ];
    console.log(`${PRODUCTS} products, ${SECONDS}s per query, 10 connections`);
    for (const path of queries) {
      const result = await autocannon({
        url: `${base}${path}`,
        connections: 10,
        duration: SECONDS,
        headers: { authorization: `Bearer ${registration.token}` },
      });
      const errors = result.non2xx + result.errors;
      console.log(
        `${path.padEnd(72)} ${result.requests.average.toFixed(0).padStart(6)} req/s  ` +
          `p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms${errors ? `  (${errors} errors)` : ''}`,
      );
    }
  } finally {
    service.kill('SIGTERM');
    await new Promise((resolve) => service.once('exit', resolve));
    if (!values.keep) await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
