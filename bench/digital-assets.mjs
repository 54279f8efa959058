// A large digital asset through the service (not part of `npm test`):
//   npm run bench:digital -- [--size-mb 1024] [--node-options OPTIONS] [--keep] [--database NAME]
// Generates one file of --size-mb MiB, then on the built service (its own DATA_DIR, no Redis, no SMTP: the download
// email stays in the outbox, where the bench reads its link):
//   upload:   POST /api/v1/products/{uid}/digital-assets/ (multipart, streamed from disk), beside copying the same file
//             on disk with streams (what storing it costs at least);
//   download: GET /api/v1/digital/download/{token}/{asset}/ read to its end, beside reading the stored file from disk
//             and beside plain node:http streaming it (bench/raw-file-server.mjs, fetched the same way; every reader
//             only counts the bytes); then the second half again with Range (a resumed download: 206);
//   the service's peak resident memory above what it held before each, next to the file's size: flat means streamed.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { databaseUrlOf, dropDatabase, markdownTable, recreateDatabase, register, start, stop } from './lib.mjs';
import { megabytes, withPeakMemory } from './process-memory.mjs';

const { values } = parseArgs({
  options: {
    'size-mb': { type: 'string', default: '1024' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string', default: 'instica_bench_digital' },
    // For example `--node-options="--max-semi-space-size=2 --max-old-space-size=96"`: a small heap shows what the work needs.
    'node-options': { type: 'string', default: '' },
  },
});
const SIZE = Number(values['size-mb']) * 1024 * 1024;
const CHUNK = 1024 * 1024;
const databaseUrl = databaseUrlOf(values.database);

/** Writes `size` random-looking bytes (1 MiB random blocks, each varied by its index) and returns their SHA-256. */
async function generate(path, size) {
  const hash = createHash('sha256');
  const block = randomBytes(CHUNK);
  let written = 0;
  const source = Readable.from(
    (function* () {
      while (written < size) {
        const length = Math.min(CHUNK, size - written);
        const chunk = Buffer.from(block.subarray(0, length));
        chunk.writeUInt32BE(written / CHUNK, 0);
        written += length;
        hash.update(chunk);
        yield chunk;
      }
    })(),
  );
  await pipeline(source, createWriteStream(path));
  return hash.digest('hex');
}

/** A sink that only counts what it is given. */
function counter() {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      sink.bytes += chunk.length;
      done();
    },
  });
  sink.bytes = 0;
  return sink;
}

async function timed(work) {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function main() {
  const directory = mkdtempSync(join(tmpdir(), 'instica-bench-digital-'));
  const dataDir = join(directory, 'data');
  const file = join(directory, 'album.zip');
  let service;
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    const digest = await generate(file, SIZE);
    console.log(`generated ${megabytes(SIZE)} MB`);
    await recreateDatabase(values.database);
    service = await start('service', 'dist/src/main.js', {
      env: {
        LOG_LEVEL: 'warn',
        THROTTLE_PER_MINUTE: '1000000',
        DATA_DIR: dataDir,
        DIGITAL_MAX_BYTES: String(SIZE * 2),
        DIGITAL_DOWNLOAD_REQUESTS_PER_MINUTE: '100000',
        NODE_OPTIONS: values['node-options'],
      },
      databaseUrl,
      readyPath: '/api/health/',
    });
    await client.connect();
    const seller = await register(service, client, 'digital-bench@example.com');
    const base = `http://127.0.0.1:${service.port}`;
    const auth = { authorization: `Bearer ${seller.token}` };
    const product = await (
      await fetch(`${base}/api/v1/products/`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Bench album' }),
      })
    ).json();

    const uploaded = await withPeakMemory(service.child.pid, async () => {
      const form = new FormData();
      form.append('file', await openAsBlob(file, { type: 'application/zip' }), 'album.zip');
      form.append('display_name', 'Full album');
      const response = await fetch(`${base}/api/v1/products/${product.uid}/digital-assets/`, { method: 'POST', headers: auth, body: form });
      const body = await response.json();
      if (response.status !== 201) throw new Error(`upload: ${response.status} ${JSON.stringify(body)}`);
      return body;
    });
    const asset = uploaded.result;
    if (asset.sha256 !== digest || asset.size_bytes !== SIZE) throw new Error(`upload stored ${asset.size_bytes} bytes, ${asset.sha256}`);
    const stored = join(dataDir, 'private', 'digital', asset.uid);
    const rawCopy = await timed(() => pipeline(createReadStream(file), createWriteStream(join(directory, 'copy.zip'))));

    const fulfilled = await fetch(`${base}/api/v1/digital/fulfill/`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ product_uid: product.uid, buyer_email: 'buyer@example.com' }),
    });
    if (fulfilled.status !== 201) throw new Error(`fulfil: ${fulfilled.status} ${await fulfilled.text()}`);
    const { rows } = await client.query(
      `SELECT text_body FROM outbound_emails WHERE purpose = 'digital_download' ORDER BY id DESC LIMIT 1`,
    );
    const token = /\/api\/v1\/digital\/download\/([A-Za-z0-9_-]+)\//.exec(rows[0].text_body)[1];
    const fileUrl = `${base}/api/v1/digital/download/${token}/${asset.uid}/`;

    const download = (headers = {}, status = 200) =>
      withPeakMemory(service.child.pid, async () => {
        const response = await fetch(fileUrl, { headers });
        if (response.status !== status) throw new Error(`download: ${response.status} ${await response.text()}`);
        if (response.headers.get('etag') !== `"${digest}"`) throw new Error(`download: ETag ${response.headers.get('etag')}`);
        const sink = counter();
        await pipeline(Readable.fromWeb(response.body), sink);
        return sink.bytes;
      });
    const downloaded = await download();
    if (downloaded.result !== SIZE) throw new Error(`download sent ${downloaded.result} of ${SIZE} bytes`);
    const half = Math.floor(SIZE / 2);
    const resumed = await download({ range: `bytes=${half}-` }, 206);
    if (resumed.result !== SIZE - half) throw new Error(`resume sent ${resumed.result} of ${SIZE - half} bytes`);
    const rawRead = await timed(async () => {
      const sink = counter();
      await pipeline(createReadStream(stored), sink);
      return sink.bytes;
    });
    const rawServer = await start('raw', 'bench/raw-file-server.mjs', { env: { RAW_FILE: stored }, databaseUrl, readyPath: '/ready' });
    const rawServed = await timed(async () => {
      const response = await fetch(`http://127.0.0.1:${rawServer.port}/file`);
      const sink = counter();
      await pipeline(Readable.fromWeb(response.body), sink);
      return sink.bytes;
    });
    await stop(rawServer);
    const rawHalf = await timed(async () => {
      const sink = counter();
      await pipeline(createReadStream(stored, { start: half }), sink);
      return sink.bytes;
    });

    const mbPerSecond = (bytes, seconds) => bytes / 1024 / 1024 / seconds;
    const table = [
      { operation: 'upload (multipart, streamed)', bytes: SIZE, service: uploaded, raw: rawCopy, rawWhat: 'copy on disk' },
      { operation: 'download (whole file)', bytes: SIZE, service: downloaded, raw: rawRead, rawWhat: 'read from disk' },
      { operation: 'download (whole file)', bytes: SIZE, service: downloaded, raw: rawServed, rawWhat: 'plain node:http' },
      { operation: 'download (Range, second half)', bytes: SIZE - half, service: resumed, raw: rawHalf, rawWhat: 'read from disk' },
    ];
    console.log(
      markdownTable(
        [
          ['operation', (row) => row.operation, 'left'],
          ['file MB', (row) => megabytes(row.bytes)],
          ['service MB/s', (row) => mbPerSecond(row.bytes, row.service.seconds).toFixed(0)],
          ['raw MB/s', (row) => mbPerSecond(row.bytes, row.raw.seconds).toFixed(0)],
          ['raw', (row) => row.rawWhat, 'left'],
          ['ratio', (row) => (row.raw.seconds / row.service.seconds).toFixed(2)],
          ['service peak RSS above start, MB', (row) => megabytes(row.service.peakAboveStartBytes)],
        ],
        table,
      ),
    );
  } finally {
    await client.end().catch(() => undefined);
    await stop(service);
    rmSync(directory, { recursive: true, force: true });
    if (!values.keep) await dropDatabase(values.database);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
