import type { Redis } from 'ioredis';
import { ThrottleStore, type WindowHits } from './throttle-store.js';

/** One INCR per request; the window's expiry is set on its first hit. */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }
`;

/** Throttle counters shared by every API process. */
export class RedisThrottleStore extends ThrottleStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    super();
  }

  async hit(key: string, windowMs: number): Promise<WindowHits> {
    const [hits, ttlMs] = (await this.redis.eval(INCREMENT, 1, `${this.prefix}:throttle:${key}`, windowMs)) as [number, number];
    return { hits, resetSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
  }
}
