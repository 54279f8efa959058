import { DetailError } from '../../common/errors/error-response.js';

export interface WindowHits {
  /** Requests counted in the current window, this one included. */
  hits: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
}

/** Counts requests per key in fixed windows; shared through Redis when there is one. */
export abstract class ThrottleStore {
  abstract hit(key: string, windowMs: number): Promise<WindowHits>;

  /**
   * A place for one call under `limit` calls per sliding `windowMs` (never more within any such span, whichever
   * process makes them): 0 when this call may go now (it is counted), else the milliseconds until a place frees.
   */
  abstract reserve(key: string, limit: number, windowMs: number): Promise<number>;

  /** Counts one request against a sensitive limit (`limit` per window); over it, the documented 429 with `Retry-After`. */
  async enforce(key: string, limit: number, windowMs: number): Promise<void> {
    const { hits, resetSeconds } = await this.hit(key, windowMs);
    if (hits > limit) throw throttled(resetSeconds);
  }
}

/** The documented 429: `{"detail": "Request was throttled. Expected available in N seconds."}` with `Retry-After`. */
export function throttled(resetSeconds: number): DetailError {
  return new DetailError(429, `Request was throttled. Expected available in ${resetSeconds} seconds.`, {
    'Retry-After': String(resetSeconds),
  });
}
