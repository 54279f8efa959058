import 'reflect-metadata';
import { jest } from '@jest/globals';
import { getQueueToken } from '@nestjs/bull';
import { Logger, type LoggerService } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue, RateLimiter } from 'bull';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { loadConfig } from '../../src/config/app-config.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { BULL_BACKOFF_STRATEGIES } from '../../src/infra/queue/bull-job-queue.js';
import { InlineJobQueue } from '../../src/infra/queue/inline-job-queue.js';
import { backoffDelay, Job, JobQueue, QUEUE_RATE_LIMITS, type QueueName, RetryLater } from '../../src/infra/queue/job-queue.js';
import { QueueModule } from '../../src/infra/queue/queue.module.js';

/**
 * One behavioural suite for the JobQueue port, run against both drivers: the in-process one and Bull
 * on the real Redis of the test run (a fresh key prefix per test, deleted afterwards).
 */

interface QueueHarness {
  queue: JobQueue;
  close: () => Promise<void>;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

/** A promise settled from elsewhere (a handler, onFailed), so tests wait for events instead of sleeping. */
function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Jest's safety net for each case: far above what any of them needs, far below the project's 60 s. */
const CASE_TIMEOUT_MS = 15_000;

/** The drivers log every finally failed job (and a failing onFailed); those failures are what these tests provoke. */
const SILENT: LoggerService = { log: () => undefined, warn: () => undefined, error: () => undefined };

const runPrefix = `instica-jobtest-${randomBytes(4).toString('hex')}`;
let bullQueues = 0;

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function inlineQueue(): Promise<QueueHarness> {
  const queue = new InlineJobQueue();
  return {
    queue,
    close: () => {
      queue.onApplicationShutdown();
      return Promise.resolve();
    },
  };
}

async function bullQueue(): Promise<QueueHarness & { bull: (name: QueueName) => Queue }> {
  const redisUrl = process.env.INSTICA_TEST_REDIS_URL;
  if (!redisUrl) throw new Error('INSTICA_TEST_REDIS_URL is not set: test/support/global-setup.ts did not run.');
  bullQueues += 1;
  const prefix = `${runPrefix}-${bullQueues}`;
  const config = loadConfig({ REDIS_URL: redisUrl, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent' });
  const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), QueueModule.forRoot(config)] })
    .setLogger(SILENT)
    .compile();
  await moduleRef.init();
  return {
    queue: moduleRef.get(JobQueue),
    bull: (name) => moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    close: async () => {
      try {
        await moduleRef.close();
      } finally {
        await deleteKeys(redisUrl, prefix);
      }
    },
  };
}

describe.each([
  { driver: 'inline' as const, create: inlineQueue },
  { driver: 'bull' as const, create: bullQueue },
])('JobQueue ($driver driver)', ({ driver, create }) => {
  let harness: QueueHarness;
  let queue: JobQueue;
  let sentinels: Array<Deferred<void>>;

  beforeAll(() => {
    Logger.overrideLogger(SILENT);
  });

  beforeEach(async () => {
    sentinels = [];
    harness = await create();
    queue = harness.queue;
  });

  afterEach(async () => {
    await harness?.close();
  });

  /** For handlers: settles a sentinel job (see `drained`) and says whether `job` was one. */
  function isSentinel(job: Job<unknown>): boolean {
    if (job.name !== 'sentinel') return false;
    sentinels[(job.data as { sentinel: number }).sentinel].resolve();
    return true;
  }

  /**
   * Adds a sentinel job behind everything already queued and resolves once the (concurrency 1) worker
   * has reached it, so every earlier job has finished and "ran once" checks cannot be premature.
   */
  async function drained(): Promise<void> {
    const sentinel = deferred();
    sentinels.push(sentinel);
    // Object data: Bull stores a falsy payload (0, null, '') as {}.
    await queue.add('sync', 'sentinel', { sentinel: sentinels.length - 1 });
    await sentinel.promise;
  }

  it(
    'handles an added job once, with its name, data and attempt 1',
    async () => {
      const seen: Job<unknown>[] = [];
      const handled = deferred();
      queue.process(
        'sync',
        async (job) => {
          if (isSentinel(job)) return;
          seen.push(job);
          handled.resolve();
        },
        { concurrency: 1 },
      );

      const id = await queue.add('sync', 'refresh-listing', { itemUid: 'itm_1', fields: ['price'] });
      await handled.promise;
      await drained();

      expect(seen).toEqual([{ id, name: 'refresh-listing', data: { itemUid: 'itm_1', fields: ['price'] }, attempt: 1 }]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'runs a prioritized job ahead of the jobs already waiting without one',
    async () => {
      const order: string[] = [];
      const blocker = deferred();
      const started = deferred();
      const done = deferred();
      queue.process(
        'sync',
        async (job) => {
          if (isSentinel(job)) return;
          if (job.name === 'blocker') {
            started.resolve();
            await blocker.promise;
            return;
          }
          order.push(job.name);
          if (order.length === 3) done.resolve();
        },
        { concurrency: 1 },
      );
      await queue.add('sync', 'blocker', { n: 0 });
      await started.promise;
      await queue.add('sync', 'ordinary-1', { n: 1 });
      await queue.add('sync', 'ordinary-2', { n: 2 });
      await queue.add('sync', 'urgent', { n: 3 }, { priority: 1 });
      blocker.resolve();
      await done.promise;
      expect(order).toEqual(['urgent', 'ordinary-1', 'ordinary-2']);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'runs a repeatable job every interval; adding it again with the same id changes nothing',
    async () => {
      const runs: Array<Job<unknown>> = [];
      const twice = deferred();
      queue.process(
        'sync',
        async (job) => {
          runs.push(job);
          if (runs.length === 2) twice.resolve();
        },
        { concurrency: 1 },
      );
      await queue.add('sync', 'tick', { every: 'interval' }, { jobId: 'tick', repeat: { everyMs: 200 } });
      await queue.add('sync', 'tick', { every: 'interval' }, { jobId: 'tick', repeat: { everyMs: 200 } });
      await twice.promise;
      expect(runs.slice(0, 2).map((job) => [job.name, job.data])).toEqual([
        ['tick', { every: 'interval' }],
        ['tick', { every: 'interval' }],
      ]);
      expect(new Set(runs.map((job) => job.id)).size).toBe(runs.length);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'retries a job that asked to be retried later (Retry-After), and it then succeeds',
    async () => {
      const attempts: number[] = [];
      const succeeded = deferred<Job<unknown>>();
      queue.process(
        'sync',
        async (job) => {
          attempts.push(job.attempt);
          if (job.attempt === 1) throw new RetryLater(50, 'HTTP 429: Retry-After 0.05 s');
          succeeded.resolve(job);
        },
        { concurrency: 1, onFailed: (_job, error) => succeeded.reject(error) },
      );
      await queue.add('sync', 'rate-limited', { n: 1 }, { attempts: 2, backoffMs: 10 });
      expect((await succeeded.promise).attempt).toBe(2);
      expect(attempts).toEqual([1, 2]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'retries a failing job, attempt after attempt in order, until it succeeds',
    async () => {
      const attempts: number[] = [];
      const succeeded = deferred<Job<unknown>>();
      const failedCalls: Job<unknown>[] = [];
      queue.process(
        'sync',
        async (job) => {
          attempts.push(job.attempt);
          if (job.attempt < 3) throw new Error(`flaky on attempt ${job.attempt}`);
          succeeded.resolve(job);
        },
        {
          concurrency: 1,
          onFailed: (job, error) => {
            failedCalls.push(job);
            succeeded.reject(error);
          },
        },
      );

      const id = await queue.add('sync', 'flaky', { n: 1 }, { attempts: 3, backoffMs: 20 });
      const job = await succeeded.promise;

      expect(attempts).toEqual([1, 2, 3]);
      expect(job).toEqual({ id, name: 'flaky', data: { n: 1 }, attempt: 3 });
      expect(failedCalls).toEqual([]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'calls onFailed exactly once, with the job and the error, after the last of `attempts` tries',
    async () => {
      const attempts: number[] = [];
      const thrown: Error[] = [];
      const failures: Array<{ job: Job<unknown>; error: Error }> = [];
      const failed = deferred();
      queue.process(
        'sync',
        async (job) => {
          if (isSentinel(job)) return;
          attempts.push(job.attempt);
          const error = new Error(`broken on attempt ${job.attempt}`);
          thrown.push(error);
          throw error;
        },
        {
          concurrency: 1,
          onFailed: (job, error) => {
            failures.push({ job, error });
            failed.resolve();
          },
        },
      );

      const id = await queue.add('sync', 'doomed', { itemUid: 'itm_9' }, { attempts: 3, backoffMs: 5 });
      await failed.promise;
      await drained();

      expect(attempts).toEqual([1, 2, 3]);
      expect(failures).toHaveLength(1);
      expect(failures[0].job).toEqual({ id, name: 'doomed', data: { itemUid: 'itm_9' }, attempt: 3 });
      expect(failures[0].error).toBe(thrown[2]);
      expect(failures[0].error.message).toBe('broken on attempt 3');
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'runs a job id once: a second add while queued, or after it finished, is ignored',
    async () => {
      const seen: Job<unknown>[] = [];
      const handled = deferred();
      const jobId = `sync-itm_1-${randomBytes(3).toString('hex')}`;

      // Both adds happen before any worker exists, so the second one meets the first still queued.
      const first = await queue.add('sync', 'dedupe', { copy: 1 }, { jobId });
      const second = await queue.add('sync', 'dedupe', { copy: 2 }, { jobId });
      queue.process(
        'sync',
        async (job) => {
          if (isSentinel(job)) return;
          seen.push(job);
          handled.resolve();
        },
        { concurrency: 1 },
      );
      await handled.promise;
      await drained();
      // It has finished now; its id is still taken.
      const third = await queue.add('sync', 'dedupe', { copy: 3 }, { jobId });
      await drained();

      expect([first, second, third]).toEqual([jobId, jobId, jobId]);
      expect(seen).toEqual([{ id: jobId, name: 'dedupe', data: { copy: 1 }, attempt: 1 }]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'keeps working when onFailed itself fails',
    async () => {
      const handled: string[] = [];
      const recorded = deferred<Job<unknown>>();
      const handledAfter = deferred<Job<unknown>>();
      queue.process(
        'sync',
        async (job) => {
          if (isSentinel(job)) return;
          handled.push(job.name);
          if (job.name === 'after') return handledAfter.resolve(job);
          throw new Error('broken');
        },
        {
          concurrency: 1,
          onFailed: async (job) => {
            recorded.resolve(job);
            throw new Error('could not record the failure');
          },
        },
      );

      const doomed = await queue.add('sync', 'doomed', { n: 1 }, { attempts: 1 });
      await expect(recorded.promise).resolves.toEqual({ id: doomed, name: 'doomed', data: { n: 1 }, attempt: 1 });
      const after = await queue.add('sync', 'after', { n: 2 });
      await expect(handledAfter.promise).resolves.toEqual({ id: after, name: 'after', data: { n: 2 }, attempt: 1 });
      await drained();

      expect(handled).toEqual(['doomed', 'after']);
      await expect(queue.isHealthy()).resolves.toBe(true);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'keeps job ids per queue: the same id on another queue is another job',
    async () => {
      const handled = { sync: deferred<Job<unknown>>(), imports: deferred<Job<unknown>>() };
      queue.process('sync', async (job) => handled.sync.resolve(job), { concurrency: 1 });
      queue.process('imports', async (job) => handled.imports.resolve(job), { concurrency: 1 });
      const jobId = `itm_1-${randomBytes(3).toString('hex')}`;

      await queue.add('sync', 'refresh', { on: 'sync' }, { jobId });
      await queue.add('imports', 'ingest', { on: 'imports' }, { jobId });

      await expect(handled.sync.promise).resolves.toEqual({ id: jobId, name: 'refresh', data: { on: 'sync' }, attempt: 1 });
      await expect(handled.imports.promise).resolves.toEqual({ id: jobId, name: 'ingest', data: { on: 'imports' }, attempt: 1 });
    },
    CASE_TIMEOUT_MS,
  );

  it(
    `is healthy and names its driver ('${driver}')`,
    async () => {
      await expect(queue.isHealthy()).resolves.toBe(true);
      expect(queue.driver).toBe(driver);
    },
    CASE_TIMEOUT_MS,
  );
});

/** A handler that fails until `succeedOn`, recording each attempt, and the promise of its success. */
function failingUntil(succeedOn: number): {
  attempts: number[];
  succeeded: Promise<Job<unknown>>;
  handler: (job: Job<unknown>) => Promise<void>;
} {
  const attempts: number[] = [];
  const succeeded = deferred<Job<unknown>>();
  return {
    attempts,
    succeeded: succeeded.promise,
    handler: async (job) => {
      attempts.push(job.attempt);
      if (job.attempt < succeedOn) throw new Error(`flaky on attempt ${job.attempt}`);
      succeeded.resolve(job);
    },
  };
}

describe('JobQueue backoff (inline driver, fake clock)', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it(
    'runs retry n exactly backoffDelay(backoffMs, n) after the failure before it: backoffMs, then twice that',
    async () => {
      jest.useFakeTimers();
      const queue = new InlineJobQueue();
      try {
        const flaky = failingUntil(3);
        queue.process('sync', flaky.handler, { concurrency: 1 });
        await queue.add('sync', 'flaky', { n: 1 }, { attempts: 3, backoffMs: 20 });

        await jest.advanceTimersByTimeAsync(0);
        expect(flaky.attempts).toEqual([1]);
        await jest.advanceTimersByTimeAsync(backoffDelay(20, 1) - 1);
        expect(flaky.attempts).toEqual([1]);
        await jest.advanceTimersByTimeAsync(1);
        expect(flaky.attempts).toEqual([1, 2]);
        await jest.advanceTimersByTimeAsync(backoffDelay(20, 2) - 1);
        expect(flaky.attempts).toEqual([1, 2]);
        await jest.advanceTimersByTimeAsync(1);
        expect(flaky.attempts).toEqual([1, 2, 3]);
        await expect(flaky.succeeded).resolves.toMatchObject({ name: 'flaky', attempt: 3 });
        expect([backoffDelay(20, 1), backoffDelay(20, 2)]).toEqual([20, 40]);
      } finally {
        queue.onApplicationShutdown();
      }
    },
    CASE_TIMEOUT_MS,
  );
});

describe('JobQueue backoff (bull driver)', () => {
  const doubling = BULL_BACKOFF_STRATEGIES.doubling;

  afterEach(() => {
    BULL_BACKOFF_STRATEGIES.doubling = doubling;
  });

  it(
    'stores the doubling strategy on the job, and Bull delays retry n by backoffDelay(backoffMs, n)',
    async () => {
      // Records what Bull asks the strategy for (the delay it then schedules), without changing the answer.
      const scheduled: Array<{ attemptsMade: number; delayMs: number }> = [];
      BULL_BACKOFF_STRATEGIES.doubling = (attemptsMade, error, baseMs) => {
        const delayMs = doubling(attemptsMade, error, baseMs);
        scheduled.push({ attemptsMade, delayMs });
        return delayMs;
      };
      const harness = await bullQueue();
      try {
        const flaky = failingUntil(3);
        harness.queue.process('sync', flaky.handler, { concurrency: 1 });
        const id = await harness.queue.add('sync', 'flaky', { n: 1 }, { attempts: 3, backoffMs: 20 });
        await expect(flaky.succeeded).resolves.toEqual({ id, name: 'flaky', data: { n: 1 }, attempt: 3 });

        expect(flaky.attempts).toEqual([1, 2, 3]);
        expect(scheduled).toEqual([
          { attemptsMade: 1, delayMs: backoffDelay(20, 1) },
          { attemptsMade: 2, delayMs: backoffDelay(20, 2) },
        ]);
        expect(scheduled.map(({ delayMs }) => delayMs)).toEqual([20, 40]);
        const stored = await harness.bull('sync').getJob(id);
        expect(stored?.opts).toMatchObject({ attempts: 3, backoff: { type: 'doubling', options: 20 } });
        expect(stored?.attemptsMade).toBe(2);
      } finally {
        await harness.close();
      }
    },
    CASE_TIMEOUT_MS,
  );
});

/**
 * A TCP server that accepts connections and never answers: Redis as a client sees it when it hangs.
 * (A refused port would do too, but ioredis then leaves a 2 s disconnect timer behind after close.)
 */
async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.resume(); // read and drop every command, so the client's end of the connection closes ours
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('JobQueue (bull driver, Redis not answering)', () => {
  let redis: { url: string; close: () => Promise<void> };
  let moduleRef: TestingModule | undefined;

  beforeEach(async () => {
    redis = await silentServer();
  });

  // In hooks, so that a hanging isHealthy() (the bug this guards against) still lets jest exit.
  afterEach(async () => {
    await moduleRef?.close();
    await redis.close();
  });

  it(
    'reports unhealthy promptly instead of waiting for Redis',
    async () => {
      const config = loadConfig({ REDIS_URL: redis.url, REDIS_PREFIX: `${runPrefix}-silent`, LOG_LEVEL: 'silent' });
      moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), QueueModule.forRoot(config)] })
        .setLogger(SILENT)
        .compile();
      const queue = moduleRef.get(JobQueue);

      expect(queue.driver).toBe('bull');
      await expect(queue.isHealthy()).resolves.toBe(false);
    },
    CASE_TIMEOUT_MS,
  );
});

/** Bull keeps the queue's `limiter` option on the queue (not in its typings). */
const limiterOf = (queue: Queue) => (queue as Queue & { limiter?: RateLimiter }).limiter;

describe('JobQueue rate limits', () => {
  beforeAll(() => {
    Logger.overrideLogger(SILENT);
  });

  it(
    "inline: a seller whose window is spent waits while another seller's job goes first",
    async () => {
      const harness = await inlineQueue();
      try {
        const started: string[] = [];
        const done = deferred();
        harness.queue.process(
          'marketplace-shopify',
          async (job) => {
            started.push((job.data as { name: string }).name);
            if (started.length === 3) done.resolve();
          },
          { concurrency: 1 },
        );
        await harness.queue.add('marketplace-shopify', 'list', { account_uid: 'sa_a', name: 'a1' });
        await harness.queue.add('marketplace-shopify', 'list', { account_uid: 'sa_a', name: 'a2' });
        await harness.queue.add('marketplace-shopify', 'list', { account_uid: 'sa_b', name: 'b1' });
        await done.promise;
        expect(started).toEqual(['a1', 'b1', 'a2']);
      } finally {
        await harness.close();
      }
    },
    CASE_TIMEOUT_MS,
  );

  it(
    "bull: every marketplace queue carries its platform's limiter",
    async () => {
      const harness = await bullQueue();
      try {
        expect(limiterOf(harness.bull('marketplace-discogs'))).toEqual({ max: 15, duration: 60_000, groupKey: 'account_uid' });
        for (const name of ['marketplace-ebay', 'marketplace-etsy', 'marketplace-shopify'] as const) {
          const limit = QUEUE_RATE_LIMITS[name]!;
          expect(limiterOf(harness.bull(name))).toMatchObject({ max: limit.max, duration: limit.durationMs });
        }
        expect(limiterOf(harness.bull('exports'))).toBeUndefined();
      } finally {
        await harness.close();
      }
    },
    CASE_TIMEOUT_MS,
  );
});
