import { Inject, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, JobHandler, JobOptions, JobQueue, ProcessOptions, QueueName } from './job-queue.js';

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
    const job = await this.queue(queue).add(name, data, {
      jobId: options.jobId,
      attempts: options.attempts ?? DEFAULT_ATTEMPTS,
      backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
      delay: options.delayMs,
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
      void Promise.resolve(
        options.onFailed?.({ id: String(job.id), name: job.name, data: job.data, attempt: job.attemptsMade }, error),
      ).catch((recordError: Error) => this.logger.error(recordError, 'Recording a failed job failed'));
    });
  }

  async isHealthy(): Promise<boolean> {
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
