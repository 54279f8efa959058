import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { pendingSchemaChanges } from '../../src/cli/schema-diff.js';
import { dataSourceOptions } from '../../src/infra/database/data-source-options.js';
import { cloneTemplate } from '../support/databases.js';
import { testServices } from '../support/test-app.js';

describe('Migrations on PostgreSQL', () => {
  it('leave nothing for the entities to add or change (no drift)', async () => {
    const { databaseUrl, runId } = testServices();
    const database = await cloneTemplate(databaseUrl, runId);
    const dataSource = new DataSource(dataSourceOptions(database.url, { embedded: false }));
    await dataSource.initialize();
    try {
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
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
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
