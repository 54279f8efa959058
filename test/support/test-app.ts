import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
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
      .expect((response) =>
        assertMatchesContract(
          method,
          url,
          response.status,
          response.body,
          response.text,
          response.headers['content-type'] as string | undefined,
        ),
      );
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
  /**
   * Stops the server process (`kill`: at once, as a worker that dies; else gracefully) and starts a new one on the same
   * database, Redis prefix, data directory and settings, serving at the same address.
   */
  restart: (options: { kill: boolean }) => Promise<void>;
  /** Stops the server, then drops its database; safe to call again (it closes once). */
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
/** A bound for a server that never serves (the embedded database migrates in WebAssembly, slow on a loaded machine); under jest's hook timeout, so createTestApp cleans up itself. */
const STARTUP_DEADLINE_MS = 120_000;
/** How long a stopped server may take to shut down gracefully before it is killed. */
const STOP_GRACE_MS = 10_000;

/**
 * The apps of each jest worker listen on a block of ports of its own, below the kernel's ephemeral range (where every
 * bind to port 0 lands, the fakes' among them). A port taken from port 0 and released for the app's process could be
 * handed to another worker's app before the process binds it: one of the two then exits with EADDRINUSE while the
 * other answers its health checks, and its test talks to the other app (seen once in test/repeat.sh). Each test file
 * starts at a random place in its block, so that two suites run at once on one machine seldom meet.
 */
const APP_PORTS_START = 20_000;
const APP_PORTS_PER_WORKER = 1_000;
const WORKER_BLOCKS = 12;
let appPortsHandedOut = randomInt(APP_PORTS_PER_WORKER);

async function freePort(): Promise<number> {
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  const block = APP_PORTS_START + ((worker - 1) % WORKER_BLOCKS) * APP_PORTS_PER_WORKER;
  for (let tried = 0; tried < APP_PORTS_PER_WORKER; tried += 1) {
    const port = block + (appPortsHandedOut++ % APP_PORTS_PER_WORKER);
    if (await isFree(port)) return port;
  }
  throw new Error(`No free port in ${block}-${block + APP_PORTS_PER_WORKER - 1} for a test app.`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitUntilServing(baseUrl: string, exited: Promise<string>, output: () => string): Promise<void> {
  let settled = false;
  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  const serving = (async () => {
    while (!settled) {
      if (Date.now() > deadline) throw new Error(`The server did not serve within ${STARTUP_DEADLINE_MS} ms:\n${output()}`);
      try {
        const response = await fetch(`${baseUrl}/api/health/`, { signal: AbortSignal.timeout(5000) });
        await response.body?.cancel();
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const died = exited.then((how) => {
    throw new Error(`The server exited (${how}) before serving:\n${output()}`);
  });
  try {
    await Promise.race([serving, died]);
  } finally {
    settled = true;
  }
}

/** SIGTERM (a graceful shutdown), SIGKILL if that takes too long; resolves once the process is gone. */
async function stopProcess(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The test's own connections to the app's database. `pool.end()` resolves as soon as it has asked its idle
 * clients to end, before their sockets close; `end()` here also waits for every socket, so that a
 * `DROP DATABASE ... WITH (FORCE)` right after cannot terminate a backend still serving one of them.
 */
export function databasePool(url: string, log: (line: string) => void, max = 2): { pool: pg.Pool; end: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max });
  const open = new Set<Promise<void>>();
  pool.on('connect', (client) => {
    const ended = new Promise<void>((resolve) => client.once('end', resolve));
    open.add(ended);
    void ended.then(() => open.delete(ended));
  });
  // The pool has already discarded the idle client the server cut off (a test terminating backends);
  // without a listener, pg-pool's 'error' event would be thrown as an uncaught exception.
  pool.on('error', (error) => log(`[test pool] ${error.message}\n`));
  return {
    pool,
    end: async () => {
      await pool.end();
      await Promise.all(open);
    },
  };
}

/** Releases what was acquired, last first; every release runs even when an earlier one failed. Runs once. */
class Releases {
  private readonly steps: Array<() => Promise<void> | void> = [];
  private done: Promise<void> | undefined;

  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.done ??= (async () => {
      const errors: unknown[] = [];
      for (const step of [...this.steps].reverse()) {
        try {
          await step();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length === 1) throw errors[0];
      if (errors.length > 1) throw new AggregateError(errors, 'Closing the test app failed');
    })();
    return this.done;
  }
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Run the embedded default: no DATABASE_URL (PGlite under a temporary DATA_DIR) and no REDIS_URL. */
  embedded?: boolean;
}

/**
 * The real service, as `npm start` runs it (the compiled dist/ that `npm test` builds first), in its
 * own process on its own clone of the migrated database, with Redis, reached over HTTP.
 * When it fails, whatever it had started (database, process, directory) is released before it throws.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` (npm test does it first).`);
  const { databaseUrl, redisUrl, runId } = testServices();
  const releases = new Releases();
  let printed = '';
  try {
    const database = options.embedded ? null : await cloneTemplate(databaseUrl, runId);
    if (database) releases.add(database.drop);
    // Every app gets its own DATA_DIR (embedded database, uploaded media), removed on close.
    const dataDir = options.env?.DATA_DIR ? null : mkdtempSync(join(tmpdir(), 'instica-e2e-'));
    if (dataDir) releases.add(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // The periodic order sync ticks on the clock's boundaries of this interval, which no test waits for: at the
      // default (5 minutes) it would sync every connection in the middle of whichever test is running, and take its
      // share of the platforms' calls that test counts or fails. A test may still ask for another interval.
      ORDER_SYNC_INTERVAL_S: '86400',
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
    const baseUrl = `http://127.0.0.1:${port}`;
    /** Starts the server process and waits until it serves; its stop is what `stop` does. */
    const launch = async () => {
      const child = spawn(process.execPath, [ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      // Created at once, so that stopping a process that has already exited does not wait for an event gone by.
      const exited = new Promise<string>((resolve) => {
        child.once('exit', (code, signal) => resolve(signal ?? String(code)));
        // A process that could not be started emits no 'exit'.
        child.on('error', (error) => {
          printed += `[process] ${error.message}\n`;
          if (child.pid === undefined) resolve(`not started: ${error.message}`);
        });
      });
      running = { child, exited };
      child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      await waitUntilServing(baseUrl, exited, () => printed);
    };
    let running: { child: ChildProcess; exited: Promise<string> } | null = null;
    releases.add(() => (running ? stopProcess(running.child, running.exited) : undefined));
    await launch();
    // Added last, so released first: the test's connections close before the server stops and the database goes.
    const connections = database ? databasePool(database.url, (line) => (printed += line)) : null;
    if (connections) releases.add(connections.end);
    return {
      api: new ContractClient(baseUrl),
      sql: (text, values) => {
        if (!connections) throw new Error('The embedded app has no database reachable from the test.');
        return connections.pool.query(text, values);
      },
      databaseName: database?.name ?? null,
      output: () => printed,
      restart: async ({ kill }) => {
        const { child, exited } = running!;
        if (kill) child.kill('SIGKILL');
        await stopProcess(child, exited);
        await launch();
      },
      close: () => releases.run(),
    };
  } catch (error) {
    await releases.run().catch((releaseError: unknown) => {
      throw new AggregateError([error, releaseError], 'The test app did not start, and releasing what it had started failed too');
    });
    throw error;
  }
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
