// What the list benchmarks share (bench/products-list.mjs, bench/inventory-list.mjs): the bench database, starting
// and stopping the servers, the byte-for-byte check of both servers' answers, autocannon runs, EXPLAIN ANALYZE with
// the scans and sorts it shows, and the Markdown table.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import pg from 'pg';

export const SERVER_URL = process.env.DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// Both servers see the same Host, so the absolute URLs in their bodies (next, product_image, file_url) are the same.
export const HOST = 'bench.instica.test';
export const CONNECTIONS = 10;

/** The URL of `database` on the bench's PostgreSQL server. */
export function databaseUrlOf(database) {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** One statement on the server's maintenance database (CREATE / DROP DATABASE). */
export async function admin(sql) {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(database) {
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${database}`);
}

export async function dropDatabase(database) {
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `script` with node on a free port against `databaseUrl`, once `readyPath` answers below 500. */
export async function start(name, script, { env = {}, databaseUrl, readyPath }) {
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

/** The built service, quiet and unthrottled. */
export function startService(databaseUrl) {
  return start('service', 'dist/src/main.js', {
    env: { LOG_LEVEL: 'warn', THROTTLE_PER_MINUTE: '1000000' },
    databaseUrl,
    readyPath: '/api/health/',
  });
}

/** Stops a server this bench started (by its child process), and waits for it to exit. */
export async function stop(server) {
  if (!server || server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
}

/** Registers a user (with its organization) on the service: its bearer token and organization id. */
export async function register(service, client, email) {
  const registration = await fetch(`http://127.0.0.1:${service.port}/api/auth/register/email/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'benchmark password' }),
  }).then((response) => response.json());
  const { rows } = await client.query(`SELECT id, organization_id FROM users WHERE email = $1`, [email]);
  return { token: registration.token, userId: rows[0].id, organizationId: rows[0].organization_id };
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

/**
 * Fails loudly, showing where the two bodies part, unless both servers answer 200 with the same bytes. `attempts`
 * above 1 asks again after a difference: for bodies with fields computed from the clock (days_in_inventory moves
 * by a tenth of a day at fixed instants, which may fall between the two requests).
 */
export async function verify(service, raw, path, token, { attempts = 1 } = {}) {
  for (let attempt = 1; ; attempt += 1) {
    const [a, b] = [await get(service.port, path, token), await get(raw.port, path, token)];
    if (a.status === 200 && b.status === 200 && a.body === b.body) return JSON.parse(a.body);
    if (attempt < attempts && a.status === 200 && b.status === 200) continue;
    let at = 0;
    while (at < a.body.length && a.body[at] === b.body[at]) at += 1;
    throw new Error(
      `${path}: the raw server's answer differs from the service's (status ${a.status} vs ${b.status}, ` +
        `${a.body.length} vs ${b.body.length} bytes), from byte ${at}:\n` +
        `  service: …${a.body.slice(Math.max(0, at - 120), at + 200)}\n` +
        `  raw:     …${b.body.slice(Math.max(0, at - 120), at + 200)}`,
    );
  }
}

/** Requests per second (average over the run) and the 99th percentile latency in ms, `CONNECTIONS` connections. */
export async function measure(server, path, token, seconds) {
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${path}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { host: HOST, authorization: `Bearer ${token}` },
  });
  const errors = result.non2xx + result.errors + result.timeouts;
  if (errors) throw new Error(`${server.name} ${path}: ${errors} failed requests`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/**
 * Warms both servers up on every query (V8 needs some ten thousand requests to optimise the service's longer code
 * path: its CPU per request falls by a third over them; one second per query measured it still cold), then measures
 * each query of each catalog on both, alternately, in `rounds` rounds of `seconds` per server: a slow spell of this
 * shared machine (a row moved by up to 0.3 between runs measured in one round) then falls on both servers alike.
 * A row's req/s is the mean of its rounds. `onRow` sees each result as it comes.
 */
export async function measureAll({ service, raw, catalogs, queries, seconds, warmupSeconds, rounds = 1, onRow }) {
  for (const server of [service, raw]) {
    for (const path of queries) await measure(server, path, catalogs[0].token, warmupSeconds);
  }
  const results = [];
  let turn = 0;
  for (const { size, token } of catalogs) {
    for (const path of queries) {
      for (const server of [service, raw]) await measure(server, path, token, 1);
      const runs = { service: [], raw: [] };
      for (let round = 0; round < rounds; round++) {
        // Each round starts with the other server than the last one.
        const order = turn++ % 2 === 0 ? [service, raw] : [raw, service];
        for (const server of order) runs[server.name].push(await measure(server, path, token, seconds));
      }
      const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
      const row = {
        size,
        path,
        service: mean(runs.service.map((run) => run.rps)),
        raw: mean(runs.raw.map((run) => run.rps)),
        serviceP99: Math.max(...runs.service.map((run) => run.p99)),
        rawP99: Math.max(...runs.raw.map((run) => run.p99)),
      };
      results.push(row);
      onRow?.(row);
    }
  }
  return results;
}

/** Plan nodes of a JSON plan, depth first, each with its parent. */
function* planNodes(node, parent = null) {
  yield { node, parent };
  for (const child of node.Plans ?? []) yield* planNodes(child, node);
}

/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of a statement, printed, and what in it may want an index: every sequential scan
 * reading at least `seqScanRows` rows (with the rows it read) and every sort of at least `bigSort` input rows (a
 * sort the ordering's index should spare).
 */
export async function explainStatement(client, title, statement, { bigSort = 1000, seqScanRows = 0 } = {}) {
  const { rows } = await client.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, values: statement.values });
  console.log(`\n-- ${title}\n${rows.map((row) => row['QUERY PLAN']).join('\n')}`);
  const json = await client.query({ text: `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`, values: statement.values });
  const [{ Plan: plan, 'Execution Time': executionMs }] = json.rows[0]['QUERY PLAN'];
  const findings = [];
  for (const { node } of planNodes(plan)) {
    const rowsRead = (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops'];
    if (node['Node Type'] === 'Seq Scan' && rowsRead >= seqScanRows) {
      const parallel = node['Parallel Aware'] ? 'Parallel ' : '';
      findings.push(`${parallel}Seq Scan on ${node['Relation Name']}: ${rowsRead} rows read, ${node['Actual Total Time'].toFixed(1)} ms`);
    }
    if (node['Node Type'] === 'Sort' || node['Node Type'] === 'Incremental Sort') {
      const input = (node.Plans ?? []).reduce((sum, child) => sum + child['Actual Rows'] * child['Actual Loops'], 0);
      if (input >= bigSort) {
        findings.push(
          `${node['Node Type']} of ${input} rows by ${node['Sort Key'].join(', ')} (${node['Sort Method'] ?? 'n/a'}), ` +
            `${node['Actual Total Time'].toFixed(1)} ms`,
        );
      }
    }
  }
  return { executionMs, findings };
}

/**
 * A Markdown table: `columns` are `[title, (row) => text, align]` with align 'left' or 'right' (the default).
 */
export function markdownTable(columns, rows) {
  const cells = rows.map((row) => columns.map(([, cell]) => cell(row)));
  const widths = columns.map(([title], column) => Math.max(title.length, ...cells.map((cell) => cell[column].length)));
  const left = columns.map(([, , align]) => align === 'left');
  const line = (cell) =>
    `| ${cell.map((text, column) => (left[column] ? text.padEnd(widths[column]) : text.padStart(widths[column]))).join(' | ')} |`;
  return [
    line(columns.map(([title]) => title)),
    `|${widths.map((width, column) => (left[column] ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
    ...cells.map(line),
  ].join('\n');
}

/** The service's req/s over the raw server's, starred below 0.8. */
export function ratioText(row) {
  const ratio = row.service / row.raw;
  return `${ratio.toFixed(2)}${ratio < 0.8 ? ' *' : ''}`;
}
