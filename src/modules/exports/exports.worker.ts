import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../infra/queue/job-queue.js';
import { EXPORTS_QUEUE, type ExportJobData, ExportsService } from './exports.service.js';

/** Runs the `exports` queue's jobs (in the processes that work queues: APP_ROLE worker or all). */
@Injectable()
export class ExportsWorker implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly exports: ExportsService,
  ) {}

  onModuleInit(): void {
    this.queue.process<ExportJobData>(EXPORTS_QUEUE, (job) => this.exports.write(job.data), {
      concurrency: 1,
      onFailed: (job, error) => this.exports.recordFailure(job.data as ExportJobData, error, job.attempt),
    });
  }
}
