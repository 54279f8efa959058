import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config.js';
import { REDIS } from '../redis/redis.module.js';
import { MemoryThrottleStore } from './memory-throttle.store.js';
import { RedisThrottleStore } from './redis-throttle.store.js';
import { ThrottleStore } from './throttle-store.js';

@Global()
@Module({})
export class ThrottleModule {
  static forRoot(config: AppConfig): DynamicModule {
    const store = {
      provide: ThrottleStore,
      inject: [REDIS],
      useFactory: (redis: Redis | null) => (redis ? new RedisThrottleStore(redis, config.redisPrefix) : new MemoryThrottleStore()),
    };
    return { module: ThrottleModule, providers: [store], exports: [ThrottleStore] };
  }
}
