// A marketplace import at scale (not part of `npm test`):
//   npm run bench:import -- [--sizes 1000,5000] [--rate 5] [--keep] [--database NAME]
// Starts a local Discogs-shaped fake (identity, and the seller's inventory paged 100 a page, holding to `--rate` requests a
// second: more in a second are answered 429 with Retry-After: 1, as Discogs does), the built service (no Redis:
// in-process jobs) on a fresh database, connects a seller per size by personal token, runs a quick import of `size`
// listings and polls the job to `completed`. It reports listings per second beside the fake's ceiling (`rate` x 100
// listings a second: the platform is the bottleneck when the ratio is near 1), and the service's peak resident memory
// above what it held before (flat in the number of listings when the import streams page by page).
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { databaseUrlOf, dropDatabase, markdownTable, recreateDatabase, start, stop } from './lib.mjs';
import { megabytes, withPeakMemory } from './process-memory.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000' },
    rate: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string', default: 'instica_bench_import' },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const RATE = Number(values.rate);
const PAGE = 100;
const databaseUrl = databaseUrlOf(values.database);

/** The fake: sellers by token, each with `count` listings of their own releases; a fixed one-second window of RATE requests. */
function startFakeDiscogs() {
  const sellers = new Map();
  let window = { start: 0, used: 0 };
  let throttled = 0;
  const server = createServer((request, response) => {
    const now = Date.now();
    if (now - window.start >= 1000) window = { start: now, used: 0 };
    const send = (status, body, headers = {}) => {
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    if ((window.used += 1) > RATE) {
      throttled += 1;
      return send(429, { message: 'You are making requests too quickly.' }, { 'Retry-After': '1' });
    }
    const seller = sellers.get((request.headers.authorization ?? '').replace('Discogs token=', ''));
    if (!seller) return send(401, { message: 'You must authenticate to access this resource.' });
    const url = new URL(request.url, 'http://fake');
    if (url.pathname === '/oauth/identity') return send(200, { id: seller.id, username: seller.username, resource_url: '' });
    if (url.pathname === `/users/${seller.username}/inventory`) {
      const page = Number(url.searchParams.get('page') ?? 1);
      const from = (page - 1) * PAGE;
      const listings = [];
      for (let index = from; index < Math.min(seller.count, from + PAGE); index += 1) {
        listings.push({
          id: seller.id * 100_000 + index,
          status: 'For Sale',
          price: { currency: 'USD', value: 10 + (index % 90) },
          condition: 'Very Good Plus (VG+)',
          sleeve_condition: 'Very Good (VG)',
          comments: `Copy ${index}`,
          uri: `https://www.discogs.com/sell/item/${seller.id * 100_000 + index}`,
          release: {
            id: 1_000_000 + index,
            artist: `Artist ${index % 700}`,
            title: `Title ${index}`,
            catalog_number: `CAT-${index}`,
            year: 1960 + (index % 60),
            format: 'LP, Album',
            description: `Artist ${index % 700} - Title ${index}`,
          },
        });
      }
      return send(200, {
        pagination: { page, pages: Math.max(1, Math.ceil(seller.count / PAGE)), per_page: PAGE, items: seller.count },
        listings,
      });
    }
    send(404, { message: 'The requested resource was not found.' });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        addSeller: (token, seller) => sellers.set(token, seller),
        throttled: () => throttled,
        close: () => new Promise((done) => server.close(done)),
      }),
    ),
  );
}

async function call(service, method, path, token, body) {
  const response = await fetch(`http://127.0.0.1:${service.port}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

await recreateDatabase(values.database);
const fake = await startFakeDiscogs();
// Migrated by the service itself on start.
const service = await start('service', 'dist/src/main.js', {
  env: { LOG_LEVEL: 'warn', THROTTLE_PER_MINUTE: '1000000', DISCOGS_API_URL: fake.url },
  databaseUrl,
  readyPath: '/api/health/',
});
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const rows = [];
try {
  for (const [index, size] of SIZES.entries()) {
    const token = `bench-token-${index}`;
    fake.addSeller(token, { id: 900 + index, username: `bench_${index}`, count: size });
    const { token: bearer } = await call(service, 'POST', '/api/auth/register/email/', null, {
      email: `import-${index}-${Date.now()}@bench.test`,
      password: 'benchmark password',
    });
    await call(service, 'POST', '/api/v1/marketplace/accounts/', bearer, { platform: 'discogs', personal_token: token });
    const throttledBefore = fake.throttled();
    const {
      result: job,
      seconds,
      peakAboveStartBytes,
    } = await withPeakMemory(service.child.pid, async () => {
      const started = await call(service, 'POST', '/api/v1/marketplace/discogs/import/', bearer, {});
      for (;;) {
        const current = await call(service, 'GET', `/api/v1/marketplace/import/jobs/${started.id}/`, bearer);
        if (current.status !== 'in_progress') return current;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
    if (job.status !== 'completed' || job.items_imported !== size) throw new Error(`The import ended ${JSON.stringify(job)}`);
    const ceiling = RATE * PAGE;
    rows.push({
      size: size.toLocaleString('en-US'),
      seconds: seconds.toFixed(1),
      perSecond: (size / seconds).toFixed(0),
      ceiling: String(ceiling),
      ratio: (size / seconds / ceiling).toFixed(2),
      throttled: String(fake.throttled() - throttledBefore),
      peak: megabytes(peakAboveStartBytes),
    });
  }
} finally {
  await client.end();
  await stop(service);
  await fake.close();
  if (!values.keep) await dropDatabase(values.database);
}
console.log(
  markdownTable(
    [
      ['listings', (row) => row.size],
      ['seconds', (row) => row.seconds],
      ['listings/s', (row) => row.perSecond],
      ['fake ceiling listings/s', (row) => row.ceiling],
      ['ratio', (row) => row.ratio],
      ['429s', (row) => row.throttled],
      ['service peak MB', (row) => row.peak],
    ],
    rows,
  ),
);
