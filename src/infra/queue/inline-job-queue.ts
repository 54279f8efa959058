import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  Job,
  JobHandler,
  JobOptions,
  JobQueue,
  ProcessOptions,
  QUEUE_RATE_LIMITS,
  QueueName,
  retryDelay,
  WindowLimiter,
} from './job-queue.js';

interface PendingJob {
  job: Job<unknown>;
  attempts: number;
  backoffMs: number;
  /** Bull's sense: 1 is the most urgent; undefined runs after every prioritized job. */
  priority: number | undefined;
}

interface Worker {
  handler: JobHandler<unknown>;
  options: ProcessOptions;
  running: number;
  waiting: PendingJob[];
  /** The queue's rate limit (QUEUE_RATE_LIMITS), or null. */
  limiter: WindowLimiter | null;
  /** Whether a drain is already scheduled for when a rate-limit window ends. */
  wakeScheduled: boolean;
}

/** In-process driver for the embedded default: same retries, rate limits and idempotency; nothing survives a restart. */
export class InlineJobQueue extends JobQueue implements OnApplicationShutdown {
  readonly driver = 'inline' as const;
  private readonly logger = new Logger('InlineJobQueue');
  private readonly seenIds = new Set<string>();
  private readonly workers = new Map<QueueName, Worker>();
  private readonly backlog = new Map<QueueName, PendingJob[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Repeatable jobs by queue and id: their interval and the timer of their next run. */
  private readonly repeating = new Map<string, { everyMs: number; timer: NodeJS.Timeout }>();
  private stopped = false;

  add<T>(queue: QueueName, name: string, data: T, options: JobOptions = {}): Promise<string> {
    if (options.repeat) return Promise.resolve(this.repeat(queue, name, data, options));
    const id = options.jobId ?? randomUUID();
    // Ids are per queue, as with Bull: the same id on another queue is another job.
    const key = `${queue}/${id}`;
    if (this.seenIds.has(key)) return Promise.resolve(id);
    this.seenIds.add(key);
    const pending: PendingJob = {
      job: { id, name, data, attempt: 1 },
      attempts: options.attempts ?? DEFAULT_ATTEMPTS,
      backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
      priority: options.priority,
    };
    // A job due now waits in line at once (so a later, more urgent one can pass it), but starts from a timer: never
    // inside the caller's call (and its transaction's context).
    if (options.delayMs) this.later(options.delayMs, () => this.enqueue(queue, pending));
    else this.enqueue(queue, pending, true);
    return Promise.resolve(id);
  }

  /** Schedules a run every interval (each run its own job, `<id>:<run>`), replacing the same id's other interval. */
  private repeat<T>(queue: QueueName, name: string, data: T, options: JobOptions): string {
    const everyMs = options.repeat!.everyMs;
    const id = options.jobId;
    if (!id) throw new Error('A repeatable job needs a jobId.');
    const key = `${queue}/${id}`;
    const existing = this.repeating.get(key);
    if (existing?.everyMs === everyMs) return id;
    if (existing) clearTimeout(existing.timer);
    let run = 0;
    const schedule = () => {
      if (this.stopped) return;
      const timer = setTimeout(() => {
        run += 1;
        void this.add(queue, name, data, { ...options, repeat: undefined, jobId: `${id}:${run}` });
        schedule();
      }, everyMs);
      this.repeating.set(key, { everyMs, timer });
    };
    schedule();
    return id;
  }

  process<T>(queue: QueueName, handler: JobHandler<T>, options: ProcessOptions = {}): void {
    const limit = QUEUE_RATE_LIMITS[queue];
    const worker: Worker = {
      handler: handler as JobHandler<unknown>,
      options,
      running: 0,
      waiting: [],
      limiter: limit ? new WindowLimiter(limit) : null,
      wakeScheduled: false,
    };
    this.workers.set(queue, worker);
    for (const pending of this.backlog.get(queue) ?? []) this.enqueue(queue, pending);
    this.backlog.delete(queue);
  }

  isHealthy(): Promise<boolean> {
    return Promise.resolve(!this.stopped);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const { timer } of this.repeating.values()) clearTimeout(timer);
    this.repeating.clear();
  }

  private enqueue(queue: QueueName, pending: PendingJob, drainLater = false): void {
    const worker = this.workers.get(queue);
    if (!worker) {
      this.backlog.set(queue, [...(this.backlog.get(queue) ?? []), pending]);
      return;
    }
    // Prioritized jobs go ahead of those with a larger number and of those without one, in the order they came.
    const before =
      pending.priority === undefined
        ? -1
        : worker.waiting.findIndex((waiting) => waiting.priority === undefined || waiting.priority > pending.priority!);
    if (before === -1) worker.waiting.push(pending);
    else worker.waiting.splice(before, 0, pending);
    if (drainLater) this.later(0, () => this.drain(queue, worker));
    else this.drain(queue, worker);
  }

  /** Starts waiting jobs up to the concurrency, in order, skipping those whose rate-limit group is spent for now. */
  private drain(queue: QueueName, worker: Worker): void {
    const concurrency = worker.options.concurrency ?? 1;
    let index = 0;
    let soonestMs = Number.POSITIVE_INFINITY;
    while (!this.stopped && worker.running < concurrency && index < worker.waiting.length) {
      const pending = worker.waiting[index];
      const waitMs = worker.limiter ? worker.limiter.take(worker.limiter.groupOf(pending.job.data), Date.now()) : 0;
      if (waitMs > 0) {
        soonestMs = Math.min(soonestMs, waitMs);
        index += 1;
        continue;
      }
      worker.waiting.splice(index, 1);
      worker.running += 1;
      void this.run(queue, worker, pending).finally(() => {
        worker.running -= 1;
        this.drain(queue, worker);
      });
    }
    if (Number.isFinite(soonestMs) && !worker.wakeScheduled) {
      worker.wakeScheduled = true;
      this.later(soonestMs, () => {
        worker.wakeScheduled = false;
        this.drain(queue, worker);
      });
    }
  }

  private async run(queue: QueueName, worker: Worker, pending: PendingJob): Promise<void> {
    try {
      await worker.handler(pending.job);
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      const { job } = pending;
      if (job.attempt < pending.attempts) {
        const retry = { ...pending, job: { ...job, attempt: job.attempt + 1 } };
        this.later(retryDelay(error, pending.backoffMs, job.attempt), () => this.enqueue(queue, retry));
        return;
      }
      this.logger.warn(`Job ${queue}/${job.name} ${job.id} failed after ${job.attempt} attempts: ${error.message}`);
      try {
        await worker.options.onFailed?.(job, error);
      } catch (recordError) {
        this.logger.error(recordError, 'Recording a failed job failed');
      }
    }
  }

  private later(delayMs: number, action: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, delayMs);
    this.timers.add(timer);
  }
}
