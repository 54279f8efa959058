import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import supertest from 'supertest';
import { assertMatchesContract } from './contract.js';
import { cloneTemplate } from './databases.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** HTTP calls to the app whose every response is checked against the committed OpenAPI document. */
export class ContractClient {
  constructor(readonly baseUrl: string) {}

  private call(method: Method, url: string): supertest.Test {
    return supertest(this.baseUrl)
      [method](url)
      .expect((response) => assertMatchesContract(method, url, response.status, response.body, response.text));
  }

  get(url: string) {
    return this.call('get', url);
  }
  post(url: string) {
    return this.call('post', url);
  }
  put(url: string) {
    return this.call('put', url);
  }
  patch(url: string) {
    return this.call('patch', url);
  }
  delete(url: string) {
    return this.call('delete', url);
  }
}

export interface TestApp {
  api: ContractClient;
  /** Direct SQL on this app's own database, to arrange states the API cannot reach (an expired trial). */
  sql: (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
  databaseName: string | null;
  /** What the server process printed, for failure messages. */
  output: () => string;
  close: () => Promise<void>;
}

export function testServices(): { databaseUrl: string; redisUrl: string; runId: string } {
  const databaseUrl = process.env.INSTICA_TEST_DATABASE_URL;
  const redisUrl = process.env.INSTICA_TEST_REDIS_URL;
  const runId = process.env.INSTICA_TEST_RUN_ID;
  if (!databaseUrl || !redisUrl || !runId) throw new Error('test/support/global-setup.ts did not run: use `npm test`.');
  return { databaseUrl, redisUrl, runId };
}

const ENTRY = join(process.cwd(), 'dist', 'src', 'main.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`The server exited (${code}) before serving:\n${output()}`))),
  );
  const serving = (async () => {
    for (;;) {
      try {
        const response = await fetch(`${baseUrl}/api/health/`);
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await Promise.race([serving, exited]);
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Run the embedded default: no DATABASE_URL (PGlite under a temporary DATA_DIR) and no REDIS_URL. */
  embedded?: boolean;
}

/**
 * The real service, as `npm start` runs it (the compiled dist/ that `npm test` builds first), in its
 * own process on its own clone of the migrated database, with Redis, reached over HTTP.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` (npm test does it first).`);
  const { databaseUrl, redisUrl, runId } = testServices();
  const database = options.embedded ? null : await cloneTemplate(databaseUrl, runId);
  // Every app gets its own DATA_DIR (embedded database, uploaded media), removed on close.
  const dataDir = options.env?.DATA_DIR ? null : mkdtempSync(join(tmpdir(), 'instica-e2e-'));
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
    ...(database
      ? {
          DATABASE_URL: database.url,
          REDIS_URL: redisUrl,
          RUN_MIGRATIONS: 'false',
          REDIS_PREFIX: `instica-test-${randomBytes(4).toString('hex')}`,
        }
      : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, [ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilServing(baseUrl, child, () => printed);
  const pool = database ? new pg.Pool({ connectionString: database.url, max: 2 }) : null;
  return {
    api: new ContractClient(baseUrl),
    sql: (text, values) => {
      if (!pool) throw new Error('The embedded app has no database reachable from the test.');
      return pool.query(text, values);
    },
    databaseName: database?.name ?? null,
    output: () => printed,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await pool?.end();
      await database?.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Account {
  token: string;
  user: { uid: string; email: string };
  organization: { uid: string; slug: string };
  /** Headers that authenticate as this account's bearer token. */
  auth: { Authorization: string };
}

/** Registers a new user (and organization) through the API. */
export async function registerAccount(api: ContractClient, fields: Record<string, string> = {}): Promise<Account> {
  const email = fields.email ?? `seller-${randomBytes(4).toString('hex')}@example.com`;
  const response = await api
    .post('/api/auth/register/email/')
    .send({ email, password: 'correct horse battery', ...fields })
    .expect(201);
  const body = response.body as Omit<Account, 'auth'>;
  return { ...body, auth: { Authorization: `Bearer ${body.token}` } };
}
