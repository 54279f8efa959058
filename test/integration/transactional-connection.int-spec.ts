import 'reflect-metadata';
import { DataSource, type Logger, QueryFailedError } from 'typeorm';
import { TransactionalConnection } from '../../src/infra/database/transactional-connection.js';
import { type ModuleOnDatabase, modulesOnClonedDatabase } from '../support/database-module.js';

class RecordingLogger implements Logger {
  queries: string[] = [];
  errors: string[] = [];
  logQuery(query: string): void {
    this.queries.push(query);
  }
  logQueryError(error: string | Error, query: string): void {
    this.errors.push(query);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

describe('TransactionalConnection.select', () => {
  let subject: ModuleOnDatabase;
  let db: TransactionalConnection;
  const logger = new RecordingLogger();

  beforeAll(async () => {
    subject = await modulesOnClonedDatabase([], { logging: true, logger });
    db = subject.moduleRef.get(TransactionalConnection);
  });
  afterAll(async () => {
    await subject?.close();
  });

  const slugs = (slug: string) => db.select<{ slug: string }>(`SELECT slug FROM organizations WHERE slug = $1`, [slug]);

  it('reads inside the transaction in progress: its uncommitted rows, which no other connection sees yet', async () => {
    await db.transaction(async () => {
      await db.query(`INSERT INTO organizations (uid, display_name, slug) VALUES ('org_select_tx', 'Select', 'select-tx')`);
      expect(await slugs('select-tx')).toEqual([{ slug: 'select-tx' }]);
      const outside = await subject.moduleRef.get(DataSource).query(`SELECT slug FROM organizations WHERE slug = 'select-tx'`);
      expect(outside).toEqual([]);
    });
    expect(await slugs('select-tx')).toEqual([{ slug: 'select-tx' }]);
  });

  it('reads committed rows outside a transaction', async () => {
    await db.query(`INSERT INTO organizations (uid, display_name, slug) VALUES ('org_select_plain', 'Select', 'select-plain')`);
    expect(await slugs('select-plain')).toEqual([{ slug: 'select-plain' }]);
  });

  it("logs every statement with the data source's logger, as TypeORM's own queries are", async () => {
    logger.queries = [];
    await slugs('logged');
    expect(logger.queries).toEqual([`SELECT slug FROM organizations WHERE slug = $1`]);
  });

  it("fails with TypeORM's QueryFailedError, carrying PostgreSQL's code, and logs the failure", async () => {
    logger.errors = [];
    const failure = db.select(`SELECT $1::integer AS n`, ['not a number']);
    await expect(failure).rejects.toBeInstanceOf(QueryFailedError);
    await expect(failure).rejects.toMatchObject({ code: '22P02' });
    expect(logger.errors).toEqual([`SELECT $1::integer AS n`]);
  });
});
