/**
 * What went wrong talking to a marketplace, in the terms the listing engine and the API act on:
 * `unauthorized` (the credentials are refused: the connection needs the seller again), `rate_limited` and
 * `unavailable` (try again later, after `retryAfterSeconds` when the platform said), `rejected` (the platform
 * refused the request itself: a permanent failure with its message).
 */
export type MarketplaceErrorKind = 'unauthorized' | 'rate_limited' | 'unavailable' | 'rejected';

export class MarketplaceError extends Error {
  constructor(
    readonly platform: string,
    readonly kind: MarketplaceErrorKind,
    message: string,
    readonly httpStatus: number | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'MarketplaceError';
  }
}

/** How long the platform asked to wait (`Retry-After` in seconds or as an HTTP date), or null. */
export function retryAfterSeconds(header: string | null, now: Date): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** The kind of failure an HTTP status stands for. */
export function errorKindOf(status: number): MarketplaceErrorKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'rejected';
}
