// Inventory at scale, side by side with PostgreSQL itself (not part of `npm test`):
//   npm run bench:scale -- [--sizes 10000,100000] [--bulk-requests 40] [--node-options OPTIONS] [--keep] [--database NAME]
// For each size it generates one organization's inventory (bench/inventory-list.mjs's generator), then measures on
// the built service and on a raw baseline in a child process of its own (bench/raw-csv.mjs), in the same run:
//   export: GET /api/v1/inventory/export/csv/ streamed to a file, beside COPY (SELECT the same columns) TO STDOUT
//           streamed through Node (pg-copy-streams) to a file;
//   import: POST /api/v1/inventory/import/csv/ of the exported rows as new items of another organization, beside
//           COPY of the same rows into inventory_items;
//   peak memory of each (resident, above what the process held before), to see it flat in the number of rows;
//   bulk: POST /api/v1/inventory/bulk/price/ of 100 items, beside one raw UPDATE ... WHERE uid = ANY($1).
import { fork } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, openAsBlob, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import pg from 'pg';
import { seed } from './inventory-data.mjs';
import { databaseUrlOf, dropDatabase, markdownTable, recreateDatabase, register, start, stop } from './lib.mjs';
import { megabytes, withPeakMemory } from './process-memory.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    'bulk-requests': { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string', default: 'instica_bench_scale' },
    // For example `--node-options="--max-semi-space-size=2 --max-old-space-size=96"`: a small heap shows what memory the work needs,
    // where by default V8 lets garbage pile up (tens of MB) before it collects.
    'node-options': { type: 'string', default: '' },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const BULK_REQUESTS = Number(values['bulk-requests']);
const DATABASE = values.database;
const databaseUrl = databaseUrlOf(DATABASE);
const BULK_SIZE = 100;
const IMPORT_MAX_BYTES = String(1024 * 1024 * 1024);

/** The service, quiet and unthrottled, taking import files of any size this bench makes. */
function startScaleService() {
  return start('service', 'dist/src/main.js', {
    env: {
      LOG_LEVEL: 'warn',
      THROTTLE_PER_MINUTE: '1000000',
      CSV_IMPORT_MAX_BYTES: IMPORT_MAX_BYTES,
      NODE_OPTIONS: values['node-options'],
    },
    databaseUrl,
    readyPath: '/api/health/',
  });
}

/** Runs one task of bench/raw-csv.mjs in a child process, measuring its time and memory from when it is ready. */
async function rawTask(task) {
  const child = fork('bench/raw-csv.mjs', [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((resolve) => child.once('message', resolve));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const measured = await withPeakMemory(child.pid, async () => {
    const answer = await new Promise((resolve) => {
      child.once('message', resolve);
      child.send({ ...task, databaseUrl });
    });
    if (!answer.ok) throw new Error(`raw ${task.task}: ${answer.error}`);
    return answer;
  });
  await exited;
  return measured;
}

const api = (service, path) => `http://127.0.0.1:${service.port}${path}`;
const bearer = (token) => ({ authorization: `Bearer ${token}` });

/** Data rows of a CSV file (records after the header; quoted line breaks are inside a record). */
async function csvRecords(file) {
  let records = 0;
  for await (const record of createReadStream(file).pipe(parse({ bom: true, from_line: 2 }))) if (record) records += 1;
  return records;
}

/** Rewrites a CSV file record by record (`map(record, header)` returns the new record, or null to drop it). */
async function rewriteCsv(from, to, header, map) {
  let names = null;
  await pipeline(
    createReadStream(from),
    parse({ bom: true }),
    async function* (records) {
      for await (const record of records) {
        if (!names) {
          names = record;
          yield header ?? record;
          continue;
        }
        const mapped = map(Object.fromEntries(names.map((name, index) => [name, record[index]])));
        if (mapped) yield mapped;
      }
    },
    stringify(),
    createWriteStream(to),
  );
}

/** The inventory CSV's columns as raw SQL over `inventory_items i` (COPY TO's baseline of the service's export). */
function rawExportSelect(organizationId) {
  const grade = `CASE i.condition_item WHEN 'mint' THEN 'M' WHEN 'nm' THEN 'NM' WHEN 'vg_plus' THEN 'VG+' WHEN 'vg' THEN 'VG'
                   WHEN 'good_plus' THEN 'G+' WHEN 'good' THEN 'G' WHEN 'fair' THEN 'F' WHEN 'poor' THEN 'P' END`;
  const iso = (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return `SELECT i.uid, COALESCE(NULLIF(btrim(i.name), ''), p.title || COALESCE(' - ' || ${grade}, '')) AS title,
                 p.uid AS product_uid, p.title AS product_title, i.name, i.status, i.condition_item, i.condition_container,
                 CASE WHEN i.condition_container_manually_set THEN 'true' ELSE 'false' END AS condition_container_manually_set,
                 i.condition_comments, i.condition_seller_description, i.price_total_usd, i.price_item_usd, i.price_shipping_usd,
                 i.price_expected_usd, i.price_purchased_item, i.price_for_purchases_shipping, i.listing_current_price,
                 i.manual_description, i.manual_sku, i.notes, i.location, t.uid AS inventory_item_type_uid,
                 ${iso('i.created')} AS created, ${iso('i.updated')} AS updated
            FROM inventory_items i
            JOIN products p ON p.id = i.product_id
            LEFT JOIN inventory_item_types t ON t.id = i.inventory_item_type_id
           WHERE i.organization_id = ${Number(organizationId)} AND i.deleted_at IS NULL
           ORDER BY i.id`;
}

/** The columns the raw import COPYs into inventory_items: the item's own, with product and type resolved to ids. */
const RAW_IMPORT_COLUMNS = [
  'uid',
  'organization_id',
  'product_id',
  'inventory_item_type_id',
  'name',
  'status',
  'condition_item',
  'condition_container',
  'condition_container_manually_set',
  'condition_comments',
  'condition_seller_description',
  'price_total_usd',
  'price_item_usd',
  'price_shipping_usd',
  'price_expected_usd',
  'price_purchased_item',
  'price_for_purchases_shipping',
  'listing_current_price',
  'manual_description',
  'manual_sku',
  'notes',
  'location',
];

/** A copy of `from`'s products (same titles and types) for `to`, and the map from the old product uids to the new. */
async function cloneProducts(client, from, to, suffix) {
  await client.query(
    `INSERT INTO products (uid, organization_id, title, type, catalog_number, sku)
     SELECT uid || $3, $2, title, type, catalog_number, sku FROM products WHERE organization_id = $1`,
    [from, to, suffix],
  );
  const { rows } = await client.query(`SELECT id, uid FROM products WHERE organization_id = $1`, [to]);
  return new Map(rows.map((row) => [row.uid.slice(0, -suffix.length), row]));
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** `requests` sequential calls of `call`, after two to warm up: the median and 95th percentile latency in ms. */
async function latencies(requests, call) {
  for (let warmup = 0; warmup < 2; warmup += 1) await call();
  const timings = [];
  for (let request = 0; request < requests; request += 1) {
    const started = process.hrtime.bigint();
    await call();
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  timings.sort((a, b) => a - b);
  return { median: median(timings), p95: timings[Math.floor(timings.length * 0.95)] };
}

/** Export, import and bulk at one inventory size: the service's figures beside the raw baseline's. */
async function measureSize(service, client, size, directory) {
  const source = await register(service, client, `scale-${size}@example.com`);
  const started = Date.now();
  const steps = await seed(client, source, size);
  console.log(`seeded ${size} items in ${((Date.now() - started) / 1000).toFixed(0)} s (${steps})`);
  await client.query('VACUUM ANALYZE');
  const rows = [];

  // Export: the service's streamed CSV, then COPY TO of the same columns, each to a file; each twice, the second
  // measured (the first warms the service's code path up, as a running service is).
  const serviceExport = join(directory, `service-export-${size}.csv`);
  const exportOnce = () =>
    withPeakMemory(service.child.pid, async () => {
      const response = await fetch(api(service, '/api/v1/inventory/export/csv/'), { headers: bearer(source.token) });
      if (response.status !== 200) throw new Error(`export: ${response.status} ${await response.text()}`);
      await pipeline(Readable.fromWeb(response.body), createWriteStream(serviceExport));
    });
  await exportOnce();
  const exported = await exportOnce();
  const exportedRows = await csvRecords(serviceExport);
  const rawExport = join(directory, `raw-export-${size}.csv`);
  const rawExportTask = { task: 'export', sql: rawExportSelect(source.organizationId), file: rawExport };
  await rawTask(rawExportTask);
  const rawExported = await rawTask(rawExportTask);
  const rawExportedRows = await csvRecords(rawExport);
  if (rawExportedRows !== exportedRows) throw new Error(`export: the service wrote ${exportedRows} rows, COPY ${rawExportedRows}`);
  rows.push({
    size,
    operation: 'CSV export',
    rows: exportedRows,
    service: exportedRows / exported.seconds,
    raw: exportedRows / rawExported.seconds,
    serviceMemory: exported.peakAboveStartBytes,
    rawMemory: rawExported.peakAboveStartBytes,
    bytes: statSync(serviceExport).size,
  });

  // Import: the exported rows as new items of two more organizations, each with a copy of the products; the service
  // reads them through the API (linked by product_uid), COPY gets them with the product and type ids resolved.
  const serviceTarget = await register(service, client, `scale-${size}-import@example.com`);
  const rawTarget = await register(service, client, `scale-${size}-copy@example.com`);
  const serviceProducts = await cloneProducts(client, source.organizationId, serviceTarget.organizationId, '_i');
  const rawProducts = await cloneProducts(client, source.organizationId, rawTarget.organizationId, '_c');
  const types = new Map((await client.query(`SELECT id, uid FROM inventory_item_types`)).rows.map((row) => [row.uid, row.id]));
  // New items cannot start listed or sold (a marketplace sets those): they come in ready to sell.
  const settable = (status) => (status === 'listed' || status === 'sold' ? 'ready-to-sell' : status);
  const importFile = join(directory, `import-${size}.csv`);
  await rewriteCsv(serviceExport, importFile, null, (record) =>
    Object.values({ ...record, uid: '', status: settable(record.status), product_uid: serviceProducts.get(record.product_uid).uid }),
  );
  const copyFile = join(directory, `copy-${size}.csv`);
  let sequence = 0;
  await rewriteCsv(serviceExport, copyFile, RAW_IMPORT_COLUMNS, (record) => {
    const unescaped = (value) => (value.startsWith("'") ? value.slice(1) : value);
    const fields = {
      ...record,
      uid: `inv_copy_${size}_${(sequence += 1)}`,
      status: settable(record.status),
      organization_id: rawTarget.organizationId,
      product_id: rawProducts.get(record.product_uid).id,
      inventory_item_type_id: record.inventory_item_type_uid ? types.get(record.inventory_item_type_uid) : '',
    };
    return RAW_IMPORT_COLUMNS.map((column) => unescaped(String(fields[column] ?? '')));
  });
  await client.query('VACUUM ANALYZE');
  const imported = await withPeakMemory(service.child.pid, async () => {
    const form = new FormData();
    form.append('file', await openAsBlob(importFile, { type: 'text/csv' }), 'inventory.csv');
    const response = await fetch(api(service, '/api/v1/inventory/import/csv/'), {
      method: 'POST',
      headers: bearer(serviceTarget.token),
      body: form,
    });
    const body = await response.json();
    if (response.status !== 200 || body.failed_count > 0)
      throw new Error(`import: ${response.status} ${JSON.stringify(body).slice(0, 2000)}`);
    return body;
  });
  if (imported.result.created_count !== exportedRows) throw new Error(`import created ${imported.result.created_count} of ${exportedRows}`);
  const copied = await rawTask({ task: 'import', sql: `COPY inventory_items (${RAW_IMPORT_COLUMNS.join(', ')})`, file: copyFile });
  if (Number(copied.result.rows) !== exportedRows) throw new Error(`COPY wrote ${copied.result.rows} of ${exportedRows}`);
  rows.push({
    size,
    operation: 'CSV import',
    rows: exportedRows,
    service: exportedRows / imported.seconds,
    raw: exportedRows / copied.seconds,
    serviceMemory: imported.peakAboveStartBytes,
    rawMemory: copied.peakAboveStartBytes,
    bytes: statSync(importFile).size,
  });

  // Bulk: a price increase of 100 priced items (the Pro plan's batch), beside one UPDATE of the same rows.
  await client.query(
    `UPDATE subscriptions SET plan_id = (SELECT id FROM plans WHERE code = 'pro'), status = 'active' WHERE organization_id = $1`,
    [source.organizationId],
  );
  const { rows: priced } = await client.query(
    `SELECT uid FROM inventory_items WHERE organization_id = $1 AND deleted_at IS NULL AND price_total_usd IS NOT NULL
        AND status <> 'sold' ORDER BY id LIMIT ${BULK_SIZE}`,
    [source.organizationId],
  );
  const uids = priced.map((row) => row.uid);
  const bulkBody = JSON.stringify({ items: uids, value: '0.01', mode: 'increase' });
  const bulk = await latencies(BULK_REQUESTS, async () => {
    const response = await fetch(api(service, '/api/v1/inventory/bulk/price/'), {
      method: 'POST',
      headers: { ...bearer(source.token), 'content-type': 'application/json' },
      body: bulkBody,
    });
    const body = await response.json();
    if (response.status !== 200 || body.success_count !== BULK_SIZE) throw new Error(`bulk: ${response.status} ${JSON.stringify(body)}`);
  });
  const rawBulk = await latencies(BULK_REQUESTS, () =>
    client.query(
      `UPDATE inventory_items SET price_total_usd = price_total_usd + 0.01, updated = now() WHERE organization_id = $1 AND uid = ANY($2)`,
      [source.organizationId, uids],
    ),
  );
  rows.push({ size, operation: `bulk price, ${BULK_SIZE} items`, latency: { service: bulk, raw: rawBulk } });
  for (const file of [serviceExport, rawExport, importFile, copyFile]) rmSync(file, { force: true });
  return rows;
}

const thousands = (value) => Math.round(value).toLocaleString('en-US');

function report(rows) {
  const streamed = rows.filter((row) => row.latency === undefined);
  const bulk = rows.filter((row) => row.latency !== undefined);
  return [
    markdownTable(
      [
        ['size', (row) => thousands(row.size)],
        ['operation', (row) => row.operation, 'left'],
        ['rows', (row) => thousands(row.rows)],
        ['file MB', (row) => megabytes(row.bytes)],
        ['service rows/s', (row) => thousands(row.service)],
        ['raw rows/s', (row) => thousands(row.raw)],
        ['ratio', (row) => (row.service / row.raw).toFixed(2)],
        ['service peak MB', (row) => megabytes(row.serviceMemory)],
        ['raw peak MB', (row) => megabytes(row.rawMemory)],
      ],
      streamed,
    ),
    '',
    markdownTable(
      [
        ['size', (row) => thousands(row.size)],
        ['operation', (row) => row.operation, 'left'],
        ['service median ms', (row) => row.latency.service.median.toFixed(1)],
        ['service p95 ms', (row) => row.latency.service.p95.toFixed(1)],
        ['raw UPDATE median ms', (row) => row.latency.raw.median.toFixed(1)],
        ['raw p95 ms', (row) => row.latency.raw.p95.toFixed(1)],
      ],
      bulk,
    ),
    '',
    'Peak MB: resident memory above what the process held just before the operation (sampled every 10 ms from /proc).',
  ].join('\n');
}

async function main() {
  await recreateDatabase(DATABASE);
  const directory = mkdtempSync(join(tmpdir(), 'instica-bench-scale-'));
  let service;
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c jit=off' });
  try {
    service = await startScaleService();
    await client.connect();
    const rows = [];
    for (const size of SIZES) {
      const measured = await measureSize(service, client, size, directory);
      console.log(report(measured));
      rows.push(...measured);
    }
    console.log(`\n${report(rows)}`);
  } finally {
    await client.end().catch(() => {});
    await stop(service);
    rmSync(directory, { recursive: true, force: true });
    if (!values.keep) await dropDatabase(DATABASE);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
