import pg from 'pg';

/** Drops this run's template (and a half-built one) and any database a crashed test left behind, then stops containers. */
export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.INSTICA_TEST_DATABASE_URL;
  const runId = process.env.INSTICA_TEST_RUN_ID;
  if (serverUrl && runId) {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      const leftovers = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`,
        [`instica\\_t\\_${runId}\\_%`, `instica\\_template\\_${runId}%`],
      );
      for (const { datname } of leftovers.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
    delete process.env.INSTICA_TEST_RUN_ID;
  }
  await (globalThis as { insticaServices?: { stop: () => Promise<void> } }).insticaServices?.stop();
}
