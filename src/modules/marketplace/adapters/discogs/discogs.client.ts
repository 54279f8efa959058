import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config.js';
import { errorKindOf, MarketplaceError, type MarketplaceErrorKind, retryAfterSeconds } from '../marketplace-error.js';
import { oauthPlaintextHeader } from './discogs.rules.js';
import { MarketplaceCallPacer } from '../call-pacer.js';

/**
 * The credentials a Discogs call is made with, as stored (sealed) for an account: a personal access token
 * (auth method `personal_token`), or the OAuth 1.0a access token and its secret (auth method `oauth1`).
 */
export type DiscogsCredentials = { personalToken: string } | { token: string; tokenSecret: string };

/** `GET /oauth/identity`: who the credentials belong to. */
export interface DiscogsIdentity {
  id: number;
  username: string;
  resource_url: string;
  consumer_name?: string;
}

export interface DiscogsRequest {
  query?: URLSearchParams;
  body?: unknown;
}

const PLATFORM = 'discogs';
const REQUEST_TIMEOUT_MS = 20_000;
/** Discogs counts requests in a moving 60-second window: after a 429 without Retry-After, a full window is surely enough. */
const RATE_WINDOW_SECONDS = 60;

/** The stored credentials of an account as the client uses them, or null when they are neither form. */
export function discogsCredentials(stored: Record<string, unknown>): DiscogsCredentials | null {
  if (typeof stored.personalToken === 'string' && stored.personalToken) return { personalToken: stored.personalToken };
  if (typeof stored.token === 'string' && stored.token && typeof stored.tokenSecret === 'string') {
    return { token: stored.token, tokenSecret: stored.tokenSecret };
  }
  return null;
}

/**
 * Discogs API v2 over HTTPS (DISCOGS_API_URL): JSON, a User-Agent on every request as Discogs requires, and
 * `Authorization: Discogs token=...` for a personal access token or the OAuth 1.0a PLAINTEXT header (consumer key,
 * access token, `<consumer secret>&<token secret>`) for an OAuth one. Failures become MarketplaceErrors, with
 * Discogs' own `message` when it gives one.
 */
@Injectable()
export class DiscogsClient {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pacer: MarketplaceCallPacer,
  ) {}

  identity(credentials: DiscogsCredentials): Promise<DiscogsIdentity> {
    return this.request<DiscogsIdentity>('GET', '/oauth/identity', credentials);
  }

  /** The User-Agent Discogs asks every application to send. */
  userAgent(): string {
    return `Instica/0.1 +${this.config.publicUrl}`;
  }

  /** One API call; the parsed JSON answer (null for an empty one, as `DELETE` gives). */
  async request<T>(method: string, path: string, credentials: DiscogsCredentials, options: DiscogsRequest = {}): Promise<T> {
    const url = new URL(`${this.config.discogsApiUrl}${path}`);
    if (options.query) url.search = options.query.toString();
    const headers: Record<string, string> = {
      Accept: 'application/vnd.discogs.v2.discogs+json',
      Authorization: this.authorization(credentials),
      'User-Agent': this.userAgent(),
    };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    await this.pacer.take(PLATFORM, sellerOf(credentials));
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new MarketplaceError(PLATFORM, 'unavailable', `Discogs could not be reached: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) throw discogsFailure(response, text);
    if (!text.trim()) return null as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new MarketplaceError(PLATFORM, 'unavailable', 'Discogs answered with something that is not JSON.', response.status);
    }
  }

  private authorization(credentials: DiscogsCredentials): string {
    if ('personalToken' in credentials) return `Discogs token=${credentials.personalToken}`;
    const { discogsConsumerKey: consumerKey, discogsConsumerSecret: consumerSecret } = this.config;
    if (!consumerKey || !consumerSecret) {
      throw new MarketplaceError(
        PLATFORM,
        'unavailable',
        'This Discogs account was connected by OAuth: set DISCOGS_CONSUMER_KEY and DISCOGS_CONSUMER_SECRET.',
      );
    }
    return oauthPlaintextHeader({
      consumerKey,
      consumerSecret,
      token: credentials.token,
      tokenSecret: credentials.tokenSecret,
      nonce: randomBytes(16).toString('hex'),
      timestamp: Math.floor(Date.now() / 1000),
    });
  }
}

/**
 * A Discogs error answer as a MarketplaceError: 401 means the credentials are refused; a 403 is Discogs refusing
 * this one action (another seller's listing, a release that cannot be sold), not the connection; a 429 waits for
 * Retry-After or a full rate-limit window.
 */
export function discogsFailure(response: Response, body: string): MarketplaceError {
  const kind: MarketplaceErrorKind = response.status === 403 ? 'rejected' : errorKindOf(response.status);
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'), new Date());
  return new MarketplaceError(
    PLATFORM,
    kind,
    discogsMessage(body) ?? `Discogs answered ${response.status}.`,
    response.status,
    kind === 'rate_limited' ? (retryAfter ?? RATE_WINDOW_SECONDS) : retryAfter,
  );
}

/** The `message` of a Discogs error body (`{"message": "..."}`), if it has one. */
function discogsMessage(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' && parsed.message.trim() ? parsed.message.trim() : null;
  } catch {
    return null;
  }
}

/** Whose Discogs rate limit a call counts against: the seller's token, hashed (a secret never becomes a key). */
function sellerOf(credentials: DiscogsCredentials): string {
  const token = 'personalToken' in credentials ? credentials.personalToken : credentials.token;
  return createHash('sha256').update(token).digest('hex').slice(0, 24);
}
