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
});
