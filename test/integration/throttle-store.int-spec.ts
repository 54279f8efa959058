import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { MemoryThrottleStore } from '../../src/infra/throttle/memory-throttle.store.js';
import { RedisThrottleStore } from '../../src/infra/throttle/redis-throttle.store.js';
import type { ThrottleStore } from '../../src/infra/throttle/throttle-store.js';

/** The call pacer's reservations, on both stores: at most the limit within a window, for every process sharing Redis. */
describe.each(['memory', 'redis'] as const)('ThrottleStore.reserve (%s)', (kind) => {
  let redis: Redis | null = null;
  let stores: [ThrottleStore, ThrottleStore];

  beforeAll(() => {
    if (kind === 'memory') {
      const store = new MemoryThrottleStore();
      stores = [store, store];
      return;
    }
    redis = new Redis(process.env.INSTICA_TEST_REDIS_URL!, { lazyConnect: false, maxRetriesPerRequest: 1 });
    const prefix = `instica-test-${randomBytes(4).toString('hex')}`;
    // Two stores on one Redis: two processes counting one platform's limit.
    stores = [new RedisThrottleStore(redis, prefix), new RedisThrottleStore(redis, prefix)];
  });
  afterAll(async () => {
    await redis?.quit();
  });

  it('admits the limit across both, then names the wait until the oldest call leaves the window', async () => {
    const [first, second] = stores;
    const key = `pace-${randomBytes(4).toString('hex')}`;
    expect(await first.reserve(key, 3, 60_000)).toBe(0);
    expect(await second.reserve(key, 3, 60_000)).toBe(0);
    expect(await first.reserve(key, 3, 60_000)).toBe(0);
    const wait = await second.reserve(key, 3, 60_000);
    expect(wait).toBeGreaterThan(55_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(await first.reserve(`${key}-other`, 3, 60_000)).toBe(0);
  });

  it('admits again once the window has passed', async () => {
    const [first, second] = stores;
    const key = `pace-${randomBytes(4).toString('hex')}`;
    expect(await first.reserve(key, 1, 1)).toBe(0);
    // A window of 1 ms: poll until it has passed (bounded), without asserting how long that took.
    const deadline = Date.now() + 5000;
    let wait = await second.reserve(key, 1, 1);
    while (wait !== 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = await second.reserve(key, 1, 1);
    }
    expect(wait).toBe(0);
  });
});
