import { Inject, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import type { BackoffOptions, Queue, RateLimiter } from 'bull';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  JobHandler,
  JobOptions,
  JobQueue,
  ProcessOptions,
  QueueName,
  type QueueRateLimit,
  retryDelay,
} from './job-queue.js';

/**
 * Bull's own 'exponential' backoff waits delay × (2^n − 1), i.e. 1×, 3×, 7×; the port promises that each
 * retry doubles the first delay (1×, 2×, 4×, as backoffDelay and the inline driver do), so Bull gets
 * this strategy (registered on every queue by QueueModule). Bull passes `backoff.options` as the third
 * argument (the typings call it strategyOptions) and counts the failed attempt in attemptsMade.
 */
export const BULL_BACKOFF_STRATEGIES = {
  doubling: (attemptsMade: number, error: Error, baseMs: number) => retryDelay(error, baseMs, attemptsMade),
};

/** A queue's rate limit as Bull's `limiter` option (undefined: no limit). */
export function bullLimiter(limit: QueueRateLimit | undefined): RateLimiter | undefined {
  return limit && { max: limit.max, duration: limit.durationMs, ...(limit.groupKey ? { groupKey: limit.groupKey } : {}) };
}

/** Bull on Redis: jobs survive restarts and are shared by every worker process. */
export class BullJobQueue extends JobQueue {
  readonly driver = 'bull' as const;
  private readonly logger = new Logger('BullJobQueue');

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async add<T>(queue: QueueName, name: string, data: T, options: JobOptions = {}): Promise<string> {
    const backoff: BackoffOptions & { options: number } = { type: 'doubling', options: options.backoffMs ?? DEFAULT_BACKOFF_MS };
    if (options.repeat) await this.replaceOtherIntervals(queue, name, options.jobId, options.repeat.everyMs);
    const job = await this.queue(queue).add(name, data, {
      jobId: options.jobId,
      attempts: options.attempts ?? DEFAULT_ATTEMPTS,
      backoff,
      delay: options.delayMs,
      priority: options.priority,
      ...(options.repeat ? { repeat: { every: options.repeat.everyMs } } : {}),
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
    return String(job.id);
  }

  process<T>(queue: QueueName, handler: JobHandler<T>, options: ProcessOptions = {}): void {
    if (this.config.role === 'api') return;
    const bullQueue = this.queue(queue);
    void bullQueue.process('*', options.concurrency ?? 1, (job) =>
      handler({ id: String(job.id), name: job.name, data: job.data as T, attempt: job.attemptsMade + 1 }),
    );
    bullQueue.on('failed', (job, error) => {
      if (job.attemptsMade < (job.opts.attempts ?? 1)) return;
      this.logger.warn(`Job ${queue}/${job.name} ${String(job.id)} failed after ${job.attemptsMade} attempts: ${error.message}`);
      void Promise.resolve()
        .then(() => options.onFailed?.({ id: String(job.id), name: job.name, data: job.data, attempt: job.attemptsMade }, error))
        .catch((recordError: Error) => this.logger.error(recordError, 'Recording a failed job failed'));
    });
  }

  /** A repeatable job keeps its interval in Redis across restarts: one added again with another interval replaces it. */
  private async replaceOtherIntervals(queue: QueueName, name: string, jobId: string | undefined, everyMs: number): Promise<void> {
    if (!jobId) throw new Error('A repeatable job needs a jobId.');
    const bullQueue = this.queue(queue);
    for (const repeatable of await bullQueue.getRepeatableJobs()) {
      if (repeatable.name === name && repeatable.id === jobId && Number(repeatable.every) !== everyMs) {
        await bullQueue.removeRepeatableByKey(repeatable.key);
      }
    }
  }

  /** False when Redis does not answer in time: Bull waits (reconnecting) for as long as Redis is away. */
  async isHealthy(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS)));
    try {
      return await Promise.race([this.ping(), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async ping(): Promise<boolean> {
    try {
      const client = await this.queue(QUEUE_FOR_HEALTH).isReady();
      return (await client.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  private queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}

const QUEUE_FOR_HEALTH: QueueName = 'sync';
const HEALTH_TIMEOUT_MS = 1500;
