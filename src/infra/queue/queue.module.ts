import { DynamicModule, Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import type { AppConfig } from '../../config/app-config.js';
import { BULL_BACKOFF_STRATEGIES, BullJobQueue, bullLimiter } from './bull-job-queue.js';
import { InlineJobQueue } from './inline-job-queue.js';
import { JobQueue, QUEUE_NAMES, QUEUE_RATE_LIMITS } from './job-queue.js';

/** Provides the JobQueue port: Bull when REDIS_URL is set, otherwise the in-process driver. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.redisUrl) {
      return { module: QueueModule, providers: [{ provide: JobQueue, useClass: InlineJobQueue }], exports: [JobQueue] };
    }
    return {
      module: QueueModule,
      imports: [
        BullModule.forRoot({
          url: config.redisUrl,
          prefix: `${config.redisPrefix}:bull`,
          settings: { backoffStrategies: BULL_BACKOFF_STRATEGIES },
        }),
        BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name, limiter: bullLimiter(QUEUE_RATE_LIMITS[name]) }))),
      ],
      providers: [{ provide: JobQueue, useClass: BullJobQueue }],
      exports: [JobQueue],
    };
  }
}
