export interface WindowHits {
  /** Requests counted in the current window, this one included. */
  hits: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
}

/** Counts requests per key in fixed windows; shared through Redis when there is one. */
export abstract class ThrottleStore {
  abstract hit(key: string, windowMs: number): Promise<WindowHits>;
}
