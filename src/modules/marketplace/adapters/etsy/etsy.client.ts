import * as oauth from 'oauth4webapi';
import type { AppConfig } from '../../../../config/app-config.js';
import type { MarketplaceCallPacer } from '../call-pacer.js';
import { errorKindOf, MarketplaceError, retryAfterSeconds } from '../marketplace-error.js';

export const ETSY_PLATFORM = 'etsy';
const REQUEST_TIMEOUT_MS = 30_000;

/** The Etsy credentials stored for a seller: the OAuth access token (`<user_id>.<token>`) and the refresh token (rotated on every use). */
export interface EtsyCredentials {
  accessToken: string;
  refreshToken: string;
}

/** A request body as the Etsy operation takes it: form-encoded (createDraftListing, updateListing), JSON (updateListingInventory) or multipart (uploadListingImage). */
export type EtsyBody = { form: Record<string, string | number | boolean> } | { json: unknown } | { multipart: FormData };

export interface EtsyRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number>;
  body?: EtsyBody;
}

/**
 * Etsy Open API v3 over HTTPS: every call to `/v3/application` carries `x-api-key: <keystring>:<shared secret>`
 * and the seller's `Authorization: Bearer`; failures become MarketplaceErrors with Etsy's own `error` message.
 * The OAuth token endpoint (`/v3/public/oauth/token`) is spoken through oauth4webapi, the app being a public
 * client (client_id in the body, PKCE for the code).
 */
export class EtsyApi {
  constructor(
    private readonly config: AppConfig,
    private readonly pacer: MarketplaceCallPacer,
  ) {}

  /** `ETSY_API_KEY:ETSY_SHARED_SECRET`, as Etsy requires in `x-api-key`. */
  private apiKeyHeader(): string {
    return `${this.config.etsyApiKey}:${this.config.etsySharedSecret}`;
  }

  async request<T>(accessToken: string, request: EtsyRequest): Promise<T> {
    const url = new URL(`${this.config.etsyApiUrl}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = {
      'x-api-key': this.apiKeyHeader(),
      Authorization: `Bearer ${accessToken}`,
      Accept: 'application/json',
    };
    let body: string | FormData | undefined;
    if (request.body && 'form' in request.body) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(
        Object.entries(request.body.form).map(([name, value]): [string, string] => [name, String(value)]),
      ).toString();
    } else if (request.body && 'json' in request.body) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.body.json);
    } else if (request.body && 'multipart' in request.body) {
      body = request.body.multipart;
    }
    await this.pacer.take(ETSY_PLATFORM, '');
    let response: Response;
    try {
      response = await fetch(url, { method: request.method, headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      throw new MarketplaceError(ETSY_PLATFORM, 'unavailable', `Etsy could not be reached: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      throw new MarketplaceError(
        ETSY_PLATFORM,
        errorKindOf(response.status),
        etsyErrorMessage(text) ?? `Etsy answered ${response.status}.`,
        response.status,
        retryAfterSeconds(response.headers.get('retry-after'), new Date()),
      );
    }
    if (!text) return null as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new MarketplaceError(ETSY_PLATFORM, 'unavailable', 'Etsy answered with something that is not JSON.', response.status);
    }
  }

  /** Exchanges the callback's code (with the PKCE verifier) for tokens; oauth4webapi errors are left to the caller. */
  async exchangeCode(callback: URLSearchParams, codeVerifier: string, redirectUri: string): Promise<oauth.TokenEndpointResponse> {
    const server = this.authorizationServer();
    const parameters = oauth.validateAuthResponse(server, this.client(), callback, oauth.skipStateCheck);
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      this.client(),
      oauth.None(),
      parameters,
      redirectUri,
      codeVerifier,
      this.tokenRequestOptions(),
    );
    return oauth.processAuthorizationCodeResponse(server, this.client(), response);
  }

  /** A refresh_token grant: Etsy answers a new access token AND a new refresh token (the old one stops working). */
  async refresh(refreshToken: string): Promise<oauth.TokenEndpointResponse> {
    const server = this.authorizationServer();
    const response = await oauth.refreshTokenGrantRequest(server, this.client(), oauth.None(), refreshToken, this.tokenRequestOptions());
    return oauth.processRefreshTokenResponse(server, this.client(), response);
  }

  private client(): oauth.Client {
    return { client_id: this.config.etsyApiKey! };
  }

  private authorizationServer(): oauth.AuthorizationServer {
    return {
      issuer: this.config.etsyWebUrl,
      authorization_endpoint: `${this.config.etsyWebUrl}/oauth/connect`,
      token_endpoint: `${this.config.etsyApiUrl}/v3/public/oauth/token`,
    };
  }

  /** Plain HTTP only for a local endpoint (the tests' fake); Etsy itself is HTTPS. */
  private tokenRequestOptions(): oauth.TokenEndpointRequestOptions {
    return {
      [oauth.allowInsecureRequests]: this.config.etsyApiUrl.startsWith('http:'),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    };
  }
}

/** The `error` of an Etsy error body (`{"error": "..."}`), with `error_description` when the token endpoint gives one. */
export function etsyErrorMessage(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; error_description?: unknown };
    if (typeof parsed.error_description === 'string' && parsed.error_description.trim()) return parsed.error_description.trim();
    return typeof parsed.error === 'string' && parsed.error.trim() ? parsed.error.trim() : null;
  } catch {
    return null;
  }
}
