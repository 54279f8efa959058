import { MemoryThrottleStore } from './memory-throttle.store.js';

describe('MemoryThrottleStore', () => {
  it('counts hits per key within a window and starts again after it', async () => {
    const store = new MemoryThrottleStore();
    expect(await store.hit('a', 60_000)).toEqual({ hits: 1, resetSeconds: 60 });
    expect((await store.hit('a', 60_000)).hits).toBe(2);
    expect((await store.hit('b', 60_000)).hits).toBe(1);
    expect((await store.hit('c', 0)).hits).toBe(1);
    expect((await store.hit('c', 0)).hits).toBe(1);
  });

  it('admits at most the limit within any sliding window and says how long until a place frees', async () => {
    const store = new MemoryThrottleStore();
    expect(await store.reserve('p', 2, 60_000)).toBe(0);
    expect(await store.reserve('p', 2, 60_000)).toBe(0);
    const wait = await store.reserve('p', 2, 60_000);
    expect(wait).toBeGreaterThan(59_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(await store.reserve('q', 2, 60_000)).toBe(0);
    expect(await store.reserve('r', 1, 0)).toBe(0);
    expect(await store.reserve('r', 1, 0)).toBe(0);
  });
});
