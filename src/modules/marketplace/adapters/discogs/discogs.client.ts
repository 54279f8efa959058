import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config.js';
import { errorKindOf, MarketplaceError, retryAfterSeconds } from '../marketplace-error.js';

/** The credentials a Discogs call is made with; a personal access token for now (OAuth 1.0a tokens come with the OAuth flow). */
export interface DiscogsCredentials {
  personalToken: string;
}

/** `GET /oauth/identity`: who the credentials belong to. */
export interface DiscogsIdentity {
  id: number;
  username: string;
  resource_url: string;
  consumer_name?: string;
}

const PLATFORM = 'discogs';
const REQUEST_TIMEOUT_MS = 20_000;

/**
 * Discogs API v2 over HTTPS (DISCOGS_API_URL): JSON, a User-Agent on every request as Discogs requires, and
 * `Authorization: Discogs token=...` for a personal access token. Failures become MarketplaceErrors, with
 * Discogs' own `message` when it gives one.
 */
@Injectable()
export class DiscogsClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  identity(credentials: DiscogsCredentials): Promise<DiscogsIdentity> {
    return this.request<DiscogsIdentity>('GET', '/oauth/identity', credentials);
  }

  private async request<T>(method: string, path: string, credentials: DiscogsCredentials): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.config.discogsApiUrl}${path}`, {
        method,
        headers: {
          Accept: 'application/vnd.discogs.v2.discogs+json',
          Authorization: `Discogs token=${credentials.personalToken}`,
          'User-Agent': `Instica/0.1 +${this.config.publicUrl}`,
        },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new MarketplaceError(PLATFORM, 'unavailable', `Discogs could not be reached: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      const kind = errorKindOf(response.status);
      throw new MarketplaceError(
        PLATFORM,
        kind,
        discogsMessage(text) ?? `Discogs answered ${response.status}.`,
        response.status,
        retryAfterSeconds(response.headers.get('retry-after'), new Date()),
      );
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new MarketplaceError(PLATFORM, 'unavailable', 'Discogs answered with something that is not JSON.', response.status);
    }
  }
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
