import { ThrottleStore, type WindowHits } from './throttle-store.js';

/** Per-process counters for the embedded default (no Redis). Expired windows are dropped as keys recur. */
export class MemoryThrottleStore extends ThrottleStore {
  private readonly windows = new Map<string, { hits: number; endsAt: number }>();
  /** Per key, the times of the calls of the last window, oldest first. */
  private readonly reservations = new Map<string, number[]>();

  hit(key: string, windowMs: number): Promise<WindowHits> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      this.sweep(now);
      window = { hits: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return Promise.resolve({ hits: window.hits, resetSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)) });
  }

  reserve(key: string, limit: number, windowMs: number): Promise<number> {
    const now = Date.now();
    const times = (this.reservations.get(key) ?? []).filter((time) => time > now - windowMs);
    this.reservations.set(key, times);
    if (times.length < limit) {
      times.push(now);
      return Promise.resolve(0);
    }
    return Promise.resolve(Math.max(1, times[0] + windowMs - now));
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
