// A marketplace import at scale (not part of `npm test`):
//   npm run bench:import -- [--sizes 1000,5000,20000] [--per-minute 60] [--rate 0] [--live-heap] [--keep] [--database NAME]
// Starts a local Discogs-shaped fake (identity, and the seller's inventory paged 100 a page) that holds each seller to
// Discogs' published limit, `--per-minute` requests in any 60 seconds (more are a 429 with Retry-After), and with
// `--rate N` also to N requests a fixed one-second window (a 429 with Retry-After: 1; the limit of earlier runs), the
// built service (no Redis: in-process jobs) on a fresh database; connects a seller per size by personal token, runs a
// quick import of `size` listings and polls the job to `completed`. It reports listings per second beside the ceiling
// the platform sets: `size` over the least time in which the calls the import needed could have been answered under
// every limit at once, the fake's and the service's own pacing (MarketplaceCallPacer: Discogs' 60 calls a minute per
// seller, held over a window a tenth longer), counting the connection's calls made just before. The platform is the
// bottleneck when the ratio is near 1; "none" when every call fits in the limits at once (the limits cannot slow that
// import). And the service's peak resident memory above what it held before (flat in the number of listings when the
// import streams page by page). With `--live-heap` the service also forces a full collection every second
// (bench/heap-sampler.mjs) and the table adds the most heap still in use after one during each import: what the import
// keeps alive, apart from garbage V8 has not collected yet (the forced collections lower the resident peak too).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { databaseUrlOf, dropDatabase, markdownTable, recreateDatabase, start, stop } from './lib.mjs';
import { PLATFORM_CALL_LIMITS } from '../dist/src/modules/marketplace/adapters/call-pacer.js';
import { megabytes, withPeakMemory } from './process-memory.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,20000' },
    'per-minute': { type: 'string', default: '60' },
    rate: { type: 'string', default: '0' },
    'live-heap': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    database: { type: 'string', default: 'instica_bench_import' },
  },
});
const SIZES = values.sizes.split(',').map(Number);
/** Discogs' published limit: requests a seller may make in any 60 seconds. */
const PER_MINUTE = Number(values['per-minute']);
/** A stricter burst limit of the fake's own (requests a fixed one-second window), or 0 for none. */
const RATE = Number(values.rate);
const PAGE = 100;
const PACED = PLATFORM_CALL_LIMITS.discogs;
const databaseUrl = databaseUrlOf(values.database);
const HEAP_SAMPLES = values['live-heap'] ? join(tmpdir(), `import-heap-${process.pid}.txt`) : null;

/** The heap in use after each forced collection so far, in bytes (bench/heap-sampler.mjs), or [] without `--live-heap`. */
function heapSamples() {
  if (!HEAP_SAMPLES) return [];
  try {
    return readFileSync(HEAP_SAMPLES, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => Number(line.split(' ')[1]));
  } catch {
    return [];
  }
}

/**
 * The least seconds from the first to the last of `calls` calls, each sent as early as every limit lets it: the
 * pacer's sliding window and the fake's (`prior` calls of the seller already in both, counted at the start), and the
 * fake's fixed one-second windows of RATE calls when set (a window opens with the first call a second or more after
 * the last one opened).
 */
function leastSeconds(calls, prior) {
  const sliding = [PACED, { calls: PER_MINUTE, windowMs: 60_000 }];
  const sent = Array.from({ length: prior }, () => 0);
  let second = { start: -Infinity, used: 0 };
  let at = 0;
  for (let call = 0; call < calls; call += 1) {
    for (const limit of sliding) if (sent.length >= limit.calls) at = Math.max(at, sent[sent.length - limit.calls] + limit.windowMs);
    if (RATE > 0) {
      if (at - second.start >= 1000) second = { start: at, used: 0 };
      else if (second.used >= RATE) second = { start: (at = second.start + 1000), used: 0 };
      second.used += 1;
    }
    sent.push(at);
  }
  return at / 1000;
}

/**
 * The fake: sellers by token, each with `count` listings of their own releases; PER_MINUTE requests per seller in any 60
 * seconds (every request counted, as Discogs' moving window does), and RATE requests a fixed one-second window when set.
 */
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
    const tooQuickly = (retryAfterSeconds) => {
      throttled += 1;
      send(429, { message: 'You are making requests too quickly.' }, { 'Retry-After': String(retryAfterSeconds) });
    };
    const seller = sellers.get((request.headers.authorization ?? '').replace('Discogs token=', ''));
    if (!seller) return send(401, { message: 'You must authenticate to access this resource.' });
    seller.requests = seller.requests.filter((time) => time > now - 60_000);
    seller.requests.push(now);
    if (seller.requests.length > PER_MINUTE) return tooQuickly(Math.max(1, Math.ceil((seller.requests[0] + 60_000 - now) / 1000)));
    if (RATE > 0 && (window.used += 1) > RATE) return tooQuickly(1);
    seller.answered += 1;
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
  env: {
    LOG_LEVEL: 'warn',
    THROTTLE_PER_MINUTE: '1000000',
    DISCOGS_API_URL: fake.url,
    ...(HEAP_SAMPLES
      ? { NODE_OPTIONS: `--import ${new URL('./heap-sampler.mjs', import.meta.url).pathname}`, HEAP_SAMPLES_FILE: HEAP_SAMPLES }
      : {}),
  },
  databaseUrl,
  readyPath: '/api/health/',
});
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const rows = [];
try {
  for (const [index, size] of SIZES.entries()) {
    const token = `bench-token-${index}`;
    const seller = { id: 900 + index, username: `bench_${index}`, count: size, answered: 0, requests: [] };
    fake.addSeller(token, seller);
    const { token: bearer } = await call(service, 'POST', '/api/auth/register/email/', null, {
      email: `import-${index}-${Date.now()}@bench.test`,
      password: 'benchmark password',
    });
    await call(service, 'POST', '/api/v1/marketplace/accounts/', bearer, { platform: 'discogs', personal_token: token });
    const throttledBefore = fake.throttled();
    const callsBefore = seller.answered;
    const samplesBefore = heapSamples();
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
    const calls = seller.answered - callsBefore;
    const during = heapSamples().slice(samplesBefore.length);
    const least = leastSeconds(calls, callsBefore);
    rows.push({
      size: size.toLocaleString('en-US'),
      seconds: seconds.toFixed(1),
      perSecond: (size / seconds).toFixed(0),
      calls: String(calls),
      ceiling: least > 0 ? (size / least).toFixed(0) : 'none',
      ratio: least > 0 ? (least / seconds).toFixed(2) : '-',
      throttled: String(fake.throttled() - throttledBefore),
      peak: megabytes(peakAboveStartBytes),
      liveBefore: samplesBefore.length > 0 ? megabytes(samplesBefore[samplesBefore.length - 1]) : '-',
      liveMax: during.length > 0 ? megabytes(Math.max(...during)) : '-',
      liveEnd: during.length > 0 ? megabytes(during[during.length - 1]) : '-',
    });
  }
} finally {
  await client.end();
  await stop(service);
  await fake.close();
  if (!values.keep) await dropDatabase(values.database);
  if (HEAP_SAMPLES) console.log(`Heap after each forced collection (ms, heapUsed, rss): ${HEAP_SAMPLES}`);
}
console.log(
  markdownTable(
    [
      ['listings', (row) => row.size],
      ['seconds', (row) => row.seconds],
      ['listings/s', (row) => row.perSecond],
      ['platform calls', (row) => row.calls],
      ['ceiling listings/s', (row) => row.ceiling],
      ['ratio', (row) => row.ratio],
      ['429s', (row) => row.throttled],
      ['service peak MB', (row) => row.peak],
      ...(HEAP_SAMPLES
        ? [
            ['heap after GC before MB', (row) => row.liveBefore],
            ['most heap after GC during MB', (row) => row.liveMax],
            ['heap after GC at end MB', (row) => row.liveEnd],
          ]
        : []),
    ],
    rows,
  ),
);
