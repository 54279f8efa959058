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

export interface JobOptions {
  /** Adding a job whose id is already queued, running or finished does nothing. */
  jobId?: string;
  /** Total tries including the first (default 3). */
  attempts?: number;
  /** First retry delay; each later retry doubles it (default 1000 ms). */
  backoffMs?: number;
  delayMs?: number;
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
