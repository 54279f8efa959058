/** The queues this service uses (DESIGN.md, Jobs); each is registered with every driver. */
export const QUEUE_NAMES = [
  'imports',
  'exports',
  'mail',
  'sync',
  'marketplace-ebay',
  'marketplace-discogs',
  'marketplace-etsy',
  'marketplace-shopify',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * At most `max` jobs of a queue start per `durationMs` window; with `groupKey`, per value of that field of the job
 * data (one seller account), as Bull's `limiter` counts them (shared by every worker through Redis).
 */
export interface QueueRateLimit {
  max: number;
  durationMs: number;
  groupKey?: string;
}

/**
 * How fast each marketplace queue starts jobs. The platforms' call limits themselves are kept call by call by the
 * adapters' MarketplaceCallPacer (modules/marketplace/adapters/call-pacer.ts); these job rates, the call limit divided by
 * the calls one job makes and rounded, only keep workers from starting jobs that would wait on it.
 * - Discogs: 60 requests a minute per seller, about 4 calls a job (per seller account).
 * - eBay: about 23 calls a second per application, 9 calls to list one item (picture, item, policies, location, offer, publish).
 * - Etsy: 10 requests a second per application key, 5 to 6 calls a job.
 * - Shopify: 50 GraphQL cost points a second per shop, about 4 mutations a job (per shop).
 */
export const QUEUE_RATE_LIMITS: Partial<Record<QueueName, QueueRateLimit>> = {
  'marketplace-discogs': { max: 15, durationMs: 60_000, groupKey: 'account_uid' },
  'marketplace-ebay': { max: 2, durationMs: 1000 },
  'marketplace-etsy': { max: 2, durationMs: 1000 },
  'marketplace-shopify': { max: 1, durationMs: 1000, groupKey: 'account_uid' },
};

/**
 * Thrown by a handler when the other side said when to come back (Retry-After): the retry waits that long, or the
 * backoff if that is longer. It counts as an attempt like any failure.
 */
export class RetryLater extends Error {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number, message: string) {
    super(message);
    this.name = 'RetryLater';
    this.retryAfterMs = retryAfterMs;
  }
}

export interface JobOptions {
  /** Adding a job whose id is already queued, running or finished does nothing. */
  jobId?: string;
  /** Total tries including the first (default 3). */
  attempts?: number;
  /** First retry delay; each later retry doubles it (default 1000 ms). */
  backoffMs?: number;
  delayMs?: number;
  /**
   * Runs ahead of the queue's jobs without one, and of those with a larger number (1 is the most urgent), as Bull's
   * `priority`: what must happen before anything else waiting there (a sold item's other listings coming down).
   */
  priority?: number;
  /**
   * Makes the job repeatable: a new run every `everyMs` (the first after one interval), under `jobId` (required), until
   * the process stops; adding it again with the same id changes nothing (with another interval, replaces it).
   */
  repeat?: { everyMs: number };
}

export interface Job<T> {
  id: string;
  name: string;
  data: T;
  /** 1 for the first try. */
  attempt: number;
}

export type JobHandler<T> = (job: Job<T>) => Promise<void>;

export interface ProcessOptions {
  concurrency?: number;
  /** Called once when a job has failed its last attempt, so the domain can record it where users see it. */
  onFailed?: (job: Job<unknown>, error: Error) => Promise<void> | void;
}

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_MS = 1000;

/** The one port for background work; a Bull (Redis) driver and an in-process driver implement it. */
export abstract class JobQueue {
  abstract readonly driver: 'bull' | 'inline';
  abstract add<T>(queue: QueueName, name: string, data: T, options?: JobOptions): Promise<string>;
  abstract process<T>(queue: QueueName, handler: JobHandler<T>, options?: ProcessOptions): void;
  /** Whether the driver's backing store answers (for health checks). */
  abstract isHealthy(): Promise<boolean>;
}

/** Delay before retry number `retry` (1-based) with exponential backoff. */
export function backoffDelay(baseMs: number, retry: number): number {
  return baseMs * 2 ** (retry - 1);
}

/** The delay before retry number `retry` after `error`: the backoff, or the wait the remote side asked for if longer. */
export function retryDelay(error: unknown, baseMs: number, retry: number): number {
  const asked = (error as Partial<RetryLater> | null)?.retryAfterMs;
  const backoff = backoffDelay(baseMs, retry);
  return typeof asked === 'number' && asked > backoff ? asked : backoff;
}

/** Fixed windows per group, as the inline driver applies QUEUE_RATE_LIMITS. */
export class WindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit: QueueRateLimit) {}

  /** The group a job counts in: the value of `groupKey` in its data, or the whole queue. */
  groupOf(data: unknown): string {
    if (!this.limit.groupKey) return '';
    return String((data as Record<string, unknown> | null)?.[this.limit.groupKey] ?? '');
  }

  /** 0 when a job of the group may start now (and counts it), else the milliseconds until its window ends. */
  take(group: string, now: number): number {
    const window = this.windows.get(group);
    if (!window || now - window.start >= this.limit.durationMs) {
      this.windows.set(group, { start: now, count: 1 });
      return 0;
    }
    if (window.count < this.limit.max) {
      window.count += 1;
      return 0;
    }
    return window.start + this.limit.durationMs - now;
  }
}
