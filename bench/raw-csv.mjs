// The raw baselines of bench/inventory-scale.mjs, run in a child process of their own (so that their memory is
// measured as the service's is): PostgreSQL's COPY, streamed through Node by pg-copy-streams, to or from a file.
//   export: COPY (<select>) TO STDOUT (FORMAT csv, HEADER) -> file
//   import: file -> COPY <table> (<columns>) FROM STDIN (FORMAT csv, HEADER)
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';

async function run({ task, databaseUrl, sql, file }) {
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c jit=off' });
  await client.connect();
  try {
    if (task === 'export') {
      await pipeline(client.query(copyStreams.to(`COPY (${sql}) TO STDOUT (FORMAT csv, HEADER)`)), createWriteStream(file));
    } else {
      const copy = client.query(copyStreams.from(`${sql} FROM STDIN (FORMAT csv, HEADER)`));
      await pipeline(createReadStream(file), copy);
      return { rows: copy.rowCount };
    }
    return {};
  } finally {
    await client.end();
  }
}

// Ready first, so that the parent measures memory from here; then one task, its answer, and exit.
process.once('message', (message) => {
  run(message).then(
    (result) => process.send({ ok: true, ...result }, () => process.exit(0)),
    (error) => process.send({ ok: false, error: error.stack ?? String(error) }, () => process.exit(1)),
  );
});
process.send({ ready: true });
