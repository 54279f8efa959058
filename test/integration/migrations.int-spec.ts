import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { pendingSchemaChanges } from '../../src/cli/schema-diff.js';
import { dataSourceOptions } from '../../src/infra/database/data-source-options.js';
import { cloneTemplate } from '../support/databases.js';
import { testServices } from '../support/test-app.js';

/** Runs `work` on a data source over a fresh clone of the template; closes it, then drops the clone, whatever happens. */
async function onClone(work: (dataSource: DataSource) => Promise<void>): Promise<void> {
  const { databaseUrl, runId } = testServices();
  const database = await cloneTemplate(databaseUrl, runId);
  const dataSource = new DataSource(dataSourceOptions(database.url, { embedded: false }));
  try {
    await dataSource.initialize();
    await work(dataSource);
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
    await onClone(async (dataSource) => {
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
      const plans = await dataSource.query('SELECT code, is_pro FROM plans ORDER BY code');
      expect(plans).toEqual([
        { code: 'basic', is_pro: false },
        { code: 'pro', is_pro: true },
        { code: 'trial', is_pro: false },
      ]);
    });
  });

  it('can all be reverted and applied again', async () => {
    await onClone(async (dataSource) => {
      for (let index = 0; index < MIGRATIONS.length; index += 1) await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await dataSource.query(`SELECT to_regclass('public.users') AS users, to_regclass('public.products') AS products`)).toEqual([
        { users: null, products: null },
      ]);
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    });
  });
});
