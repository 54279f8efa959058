import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ThrottleStore, type WindowHits } from './throttle-store.js';

/** One INCR per request; the window's expiry is set on its first hit. */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }
`;

/**
 * A sliding window log per key, on the Redis server's clock (so every process counts the same time): calls older than
 * the window are dropped; under the limit this call is added and 0 returned, else the wait until the oldest leaves.
 */
const RESERVE = `
local now_parts = redis.call('TIME')
local now = now_parts[1] * 1000 + math.floor(now_parts[2] / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
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

  async reserve(key: string, limit: number, windowMs: number): Promise<number> {
    return (await this.redis.eval(RESERVE, 1, `${this.prefix}:pace:${key}`, limit, windowMs, randomUUID())) as number;
  }
}
