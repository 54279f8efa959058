import { createConnection } from 'node:net';
import { randomBytes } from 'node:crypto';

interface TestServices {
  /** A PostgreSQL URL of a role allowed to create databases. */
  databaseUrl: string;
  redisUrl: string;
  stop: () => Promise<void>;
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the real PostgreSQL and Redis come from: DATABASE_URL / REDIS_URL when set, else servers on
 * 127.0.0.1 (5432, 6379) when they answer, else Testcontainers when a Docker engine answers.
 */
async function resolveTestServices(): Promise<TestServices> {
  let databaseUrl = process.env.DATABASE_URL ?? null;
  let redisUrl = process.env.REDIS_URL ?? null;
  if (!databaseUrl && (await answers('127.0.0.1', 5432))) databaseUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!redisUrl && (await answers('127.0.0.1', 6379))) redisUrl = 'redis://127.0.0.1:6379';
  const stops: Array<() => Promise<unknown>> = [];
  if ((!databaseUrl || !redisUrl) && (await dockerAnswers())) {
    if (!databaseUrl) {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const container = await new PostgreSqlContainer('postgres:16-alpine').start();
      databaseUrl = container.getConnectionUri();
      stops.push(() => container.stop());
    }
    if (!redisUrl) {
      const { RedisContainer } = await import('@testcontainers/redis');
      const container = await new RedisContainer('redis:7-alpine').start();
      redisUrl = container.getConnectionUrl();
      stops.push(() => container.stop());
    }
  }
  const missing = [!databaseUrl && 'PostgreSQL (set DATABASE_URL)', !redisUrl && 'Redis (set REDIS_URL)'].filter(Boolean);
  if (missing.length > 0) {
    throw new Error(
      `The integration and e2e tests need ${missing.join(' and ')}: none was given, none answers on 127.0.0.1, ` +
        'and no Docker engine answers for Testcontainers.',
    );
  }
  return {
    databaseUrl: databaseUrl!,
    redisUrl: redisUrl!,
    stop: async () => {
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}

/**
 * Runs outside jest's module system, so this file imports nothing of ours: it finds PostgreSQL and
 * Redis and names this run; the first test file creates the run's migrated template (databases.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.INSTICA_TEST_RUN_ID) return;
  const services = await resolveTestServices();
  (globalThis as { insticaServices?: typeof services }).insticaServices = services;
  process.env.INSTICA_TEST_DATABASE_URL = services.databaseUrl;
  process.env.INSTICA_TEST_REDIS_URL = services.redisUrl;
  process.env.INSTICA_TEST_RUN_ID = randomBytes(4).toString('hex');
}
