import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { dataSourceOptions } from '../../src/infra/database/data-source-options.js';
import { cloneTemplate } from '../support/databases.js';
import { testServices } from '../support/test-app.js';

const run = promisify(execFile);
const CHECK = join(process.cwd(), 'dist', 'src', 'cli', 'migration-check.js');

/** `npm run migration:check` on this database: the entities as the built application's modules register them. */
async function driftCheck(databaseUrl: string): Promise<string> {
  const { stdout } = await run(process.execPath, [CHECK], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl } });
  return stdout.trim();
}

/** Runs `work` on a data source over a fresh clone of the template; closes it, then drops the clone, whatever happens. */
async function onClone(work: (dataSource: DataSource, databaseUrl: string) => Promise<void>): Promise<void> {
  const { databaseUrl, runId } = testServices();
  const database = await cloneTemplate(databaseUrl, runId);
  const dataSource = new DataSource(dataSourceOptions(database.url, { embedded: false }));
  try {
    await dataSource.initialize();
    await work(dataSource, database.url);
  } finally {
    try {
      if (dataSource.isInitialized) await dataSource.destroy();
    } finally {
      await database.drop();
    }
  }
}

describe('Migrations on PostgreSQL', () => {
  it('leave nothing for the entities to add or change (no drift)', async () => {
    await onClone(async (dataSource, url) => {
      await expect(driftCheck(url)).resolves.toBe('Migrations match the entities.');
      const plans = await dataSource.query('SELECT code, is_pro FROM plans ORDER BY code');
      expect(plans).toEqual([
        { code: 'basic', is_pro: false },
        { code: 'pro', is_pro: true },
        { code: 'trial', is_pro: false },
      ]);
    });
  });

  it('can all be reverted and applied again', async () => {
    await onClone(async (dataSource, url) => {
      for (let index = 0; index < MIGRATIONS.length; index += 1) await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await dataSource.query(`SELECT to_regclass('public.users') AS users, to_regclass('public.products') AS products`)).toEqual([
        { users: null, products: null },
      ]);
      await dataSource.runMigrations({ transaction: 'each' });
      await expect(driftCheck(url)).resolves.toBe('Migrations match the entities.');
    });
  });

  it('fails the drift check when a migration is missing', async () => {
    await onClone(async (dataSource, url) => {
      await dataSource.query(`ALTER TABLE products DROP COLUMN price_sort_usd`);
      await expect(driftCheck(url)).rejects.toMatchObject({ stderr: expect.stringContaining('"price_sort_usd"') });
    });
  });
});
