import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/infra/database/data-source-options.js';

/** One template per `npm test` run (see global-setup.ts), so a changed migration is always applied. */
export function templateName(runId: string): string {
  return `instica_template_${runId}`;
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const TEMPLATE_LOCK = 7_262_026;

/**
 * Creates and migrates this run's template database once, whichever jest worker gets there first. It is
 * built under another name and renamed when complete, so a worker killed mid-migration (or a failed
 * migration) never leaves a half-migrated template for the others to clone.
 */
async function ensureTemplate(serverUrl: string, runId: string): Promise<string> {
  const template = templateName(runId);
  const building = `${template}_building`;
  await withAdmin(serverUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount) return;
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${building}"`);
      const dataSource = new DataSource(dataSourceOptions(databaseUrl(serverUrl, building), { embedded: false }));
      try {
        await dataSource.initialize();
        await dataSource.runMigrations({ transaction: 'each' });
      } finally {
        if (dataSource.isInitialized) await dataSource.destroy();
      }
      // RENAME waits (up to 5 s) for the data source's backends, which destroy() only asked to end, to exit.
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return template;
}

/** A new database cloned from the migrated template: one per test file, dropped afterwards. */
export async function cloneTemplate(serverUrl: string, runId: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const template = await ensureTemplate(serverUrl, runId);
  const name = `instica_t_${runId}_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(3).toString('hex')}`;
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: databaseUrl(serverUrl, name),
    drop: async () => {
      await withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
