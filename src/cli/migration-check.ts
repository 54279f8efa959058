import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../infra/database/data-source-options.js';
import { EmbeddedPostgres } from '../infra/database/embedded-postgres.js';
import { pendingSchemaChanges } from './schema-diff.js';

/**
 * `npm run migration:check`: runs every migration on a new, empty embedded database and fails when
 * the entities still differ from the result (a migration is missing or wrong). `--print` shows the SQL.
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'instica-migration-check-'));
  const embedded = await EmbeddedPostgres.start(dir);
  const dataSource = new DataSource(dataSourceOptions(embedded.url, { embedded: true }));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const pending = await pendingSchemaChanges(dataSource);
    if (pending.length > 0) {
      console.error(`Migrations do not match the entities; missing SQL:\n${pending.map((q) => `  ${q};`).join('\n')}`);
      process.exitCode = 1;
    } else {
      console.log('Migrations match the entities.');
    }
  } finally {
    await dataSource.destroy();
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
