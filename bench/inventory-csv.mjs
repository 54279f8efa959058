// Throughput of the inventory CSV import and export against PostgreSQL COPY of the same rows (not part of `npm test`).
//   npm run bench:csv -- [--rows 100000] [--items-per-product 5] [--keep] [--database NAME]
// Needs a PostgreSQL server (DATABASE_SERVER_URL, default postgres://postgres@127.0.0.1:5432/postgres). It creates (and
// drops) the database `instica_bench_csv`, starts the built service against it, then for the same generated rows:
// COPY into inventory_items (the triggers fire as for any insert; no audit entries), the import creating them (with
// one audit entry each), the import of the service's export unchanged (nothing written) and with every price changed,
// and the export.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { databaseUrlOf, dropDatabase, markdownTable, recreateDatabase, register, startService, stop } from './lib.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    'items-per-product': { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string', default: 'instica_bench_csv' },
  },
});
const ROWS = Number(values.rows);
const databaseUrl = databaseUrlOf(values.database);
const CONDITIONS = ['mint', 'nm', 'vg_plus', 'vg', 'good_plus', 'good'];
/** Items per product; the default is a seller's inventory (a product with all the items is recounted by every batch). */
const ITEMS_PER_PRODUCT = Number(values['items-per-product']);

/** The generated rows: the same cells for COPY and for the import. */
function cellsOf(index) {
  return {
    name: `Pressing ${index}`,
    status: index % 3 === 0 ? 'received' : 'draft',
    condition_item: CONDITIONS[index % CONDITIONS.length],
    price_total_usd: `${(index % 500) + 1}.99`,
    manual_sku: `SKU-${index}`,
    notes: `Generated row ${index}, light wear`,
    location: `Crate ${index % 40}`,
  };
}
const COLUMNS = Object.keys(cellsOf(0));

function csvLine(cells) {
  return cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',');
}

async function timed(work) {
  const started = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
}

async function importCsv(service, token, csv) {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'inventory.csv');
  const response = await fetch(`http://127.0.0.1:${service.port}/api/v1/inventory/import/csv/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`import answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}

async function exportCsv(service, token) {
  const response = await fetch(`http://127.0.0.1:${service.port}/api/v1/inventory/export/csv/`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`export answered ${response.status}`);
  return response.text();
}

await recreateDatabase(values.database);
const service = await startService(databaseUrl);
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
try {
  const copier = await register(service, client, 'copy@bench.test');
  const importer = await register(service, client, 'import@bench.test');
  // The products of both organizations, made up front: COPY and the import link the same rows to them.
  const productsOf = async (account, prefix) => {
    const { rows } = await client.query(
      `INSERT INTO products (uid, organization_id, user_id, title, type)
       SELECT $2 || n, $1::bigint, $3::bigint, 'Record ' || n, 'physical' FROM generate_series(1, $4::int) n RETURNING id, uid`,
      [account.organizationId, prefix, account.userId, Math.ceil(ROWS / ITEMS_PER_PRODUCT)],
    );
    return rows;
  };
  const copyProducts = await productsOf(copier, 'prod_benchcopy');
  const importProducts = await productsOf(importer, 'prod_benchimport');
  const productOf = (products, index) => products[Math.floor(index / ITEMS_PER_PRODUCT)];
  const generated = Array.from({ length: ROWS }, (_, index) => cellsOf(index));

  const copy = await timed(async () => {
    const copyLines = generated.map((cells, index) =>
      csvLine([
        `inv_copy${index}`,
        String(copier.organizationId),
        String(copier.userId),
        String(productOf(copyProducts, index).id),
        ...COLUMNS.map((c) => cells[c]),
      ]),
    );
    const stream = client.query(
      copyStreams.from(
        `COPY inventory_items (uid, organization_id, user_id, product_id, ${COLUMNS.join(', ')}) FROM STDIN (FORMAT csv)`,
      ),
    );
    await pipeline(Readable.from(copyLines.map((line) => `${line}\n`)), stream);
  });

  const csv = [csvLine(['product_uid', ...COLUMNS]), ...generated.map((cells, index) => csvLine([productOf(importProducts, index).uid, ...COLUMNS.map((c) => cells[c])]))].join('\r\n');
  const created = await timed(() => importCsv(service, importer.token, csv));
  if (created.result.created_count !== ROWS) throw new Error(`created ${JSON.stringify(created.result).slice(0, 300)}`);
  const exported = await timed(() => exportCsv(service, importer.token));
  const unchanged = await timed(() => importCsv(service, importer.token, exported.result));
  if (unchanged.result.unchanged_count !== ROWS) throw new Error(`unchanged ${JSON.stringify(unchanged.result).slice(0, 300)}`);
  const repriced = exported.result.replace(/,(\d+)\.99,/g, ',$1.49,');
  const updated = await timed(() => importCsv(service, importer.token, repriced));
  if (updated.result.updated_count !== ROWS) throw new Error(`updated ${JSON.stringify(updated.result).slice(0, 300)}`);

  const rate = (seconds) => Math.round(ROWS / seconds);
  const copyRate = rate(copy.seconds);
  console.log(`\n${ROWS} rows (${ITEMS_PER_PRODUCT} per product), ${(Buffer.byteLength(csv) / 1e6).toFixed(1)} MB of CSV\n`);
  console.log(
    markdownTable(
      [
        ['operation', (row) => row[0], 'left'],
        ['seconds', (row) => row[1]],
        ['rows/s', (row) => String(row[2])],
        ['x COPY', (row) => row[3]],
      ],
      [
        ['COPY into inventory_items', copy.seconds.toFixed(2), copyRate, '1.00'],
        ['import, creating (with audit entries)', created.seconds.toFixed(2), rate(created.seconds), (rate(created.seconds) / copyRate).toFixed(2)],
        ['import of the export, unchanged', unchanged.seconds.toFixed(2), rate(unchanged.seconds), (rate(unchanged.seconds) / copyRate).toFixed(2)],
        ['import, every price changed', updated.seconds.toFixed(2), rate(updated.seconds), (rate(updated.seconds) / copyRate).toFixed(2)],
        ['export', exported.seconds.toFixed(2), rate(exported.seconds), (rate(exported.seconds) / copyRate).toFixed(2)],
      ],
    ),
  );
} finally {
  await client.end();
  await stop(service);
  if (!values.keep) await dropDatabase(values.database);
}
