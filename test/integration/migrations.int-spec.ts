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

describe('Migrations on PostgreSQL', () => {
  it('leave nothing for the entities to add or change (no drift)', async () => {
    const { databaseUrl, runId } = testServices();
    const database = await cloneTemplate(databaseUrl, runId);
    const dataSource = new DataSource(dataSourceOptions(database.url, { embedded: false }));
    await dataSource.initialize();
    try {
      await expect(driftCheck(database.url)).resolves.toBe('Migrations match the entities.');
      const plans = await dataSource.query('SELECT code, is_pro FROM plans ORDER BY code');
      expect(plans).toEqual([
        { code: 'basic', is_pro: false },
        { code: 'pro', is_pro: true },
        { code: 'trial', is_pro: false },
      ]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });

  it('can all be reverted and applied again', async () => {
    const { databaseUrl, runId } = testServices();
    const database = await cloneTemplate(databaseUrl, runId);
    const dataSource = new DataSource(dataSourceOptions(database.url, { embedded: false }));
    await dataSource.initialize();
    try {
      for (let index = 0; index < MIGRATIONS.length; index += 1) await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await dataSource.query(`SELECT to_regclass('public.users') AS users, to_regclass('public.products') AS products`)).toEqual([
        { users: null, products: null },
      ]);
      await dataSource.runMigrations({ transaction: 'each' });
      await expect(driftCheck(database.url)).resolves.toBe('Migrations match the entities.');
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });

  it('fails the drift check when a migration is missing', async () => {
    const { databaseUrl, runId } = testServices();
    const database = await cloneTemplate(databaseUrl, runId);
    const dataSource = new DataSource(dataSourceOptions(database.url, { embedded: false }));
    await dataSource.initialize();
    try {
      await dataSource.query(`ALTER TABLE products DROP COLUMN price_sort_usd`);
      await expect(driftCheck(database.url)).rejects.toMatchObject({ stderr: expect.stringContaining('"price_sort_usd"') });
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
