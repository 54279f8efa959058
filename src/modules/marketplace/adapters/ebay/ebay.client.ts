import * as oauth from 'oauth4webapi';
import type { AppConfig } from '../../../../config/app-config.js';
import type { SellerSession } from '../marketplace-adapter.js';
import { errorKindOf, type MarketplaceErrorKind, MarketplaceError, retryAfterSeconds } from '../marketplace-error.js';
import { EBAY_SCOPES, ebayBasicAuth, type EbayCredentials } from './ebay-connector.js';
import type { MarketplaceCallPacer } from '../call-pacer.js';
import { EBAY_CONTENT_LANGUAGE, ebayErrorIds, ebayErrorMessage } from './ebay.rules.js';

const PLATFORM = 'ebay';
const REQUEST_TIMEOUT_MS = 20_000;
const UPLOAD_TIMEOUT_MS = 60_000;
/** An access token this close to its expiry is renewed before it is used. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;

/** A failure eBay reported, with the ids of its errors (`errors[].errorId`) for whoever needs to tell them apart. */
export class EbayApiError extends MarketplaceError {
  constructor(
    kind: MarketplaceErrorKind,
    message: string,
    httpStatus: number | null,
    retryAfter: number | null,
    readonly errorIds: number[],
  ) {
    super(PLATFORM, kind, message, httpStatus, retryAfter);
    this.name = 'EbayApiError';
  }
}

export interface EbayRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  json?: unknown;
  /** A multipart body (Media API uploads). */
  form?: FormData;
  /** Statuses answered as they are rather than as failures (404 of a lookup that may find nothing). */
  accept?: number[];
}

export interface EbayResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * eBay's REST APIs with a seller's user access token: Bearer auth, JSON in and out (`Content-Language: en-US` on what
 * is written), the token renewed with the refresh token (oauth4webapi's refresh grant at
 * EBAY_API_URL/identity/v1/oauth2/token, the application keys in HTTP Basic) when it is about to expire and once after
 * a 401, the renewed credentials saved through the session before they are used. Failures are MarketplaceErrors
 * carrying eBay's own messages and error ids.
 */
export class EbayClient {
  constructor(
    private readonly config: AppConfig,
    private readonly pacer: MarketplaceCallPacer,
  ) {}

  async request<T>(session: SellerSession, request: EbayRequest): Promise<EbayResponse<T>> {
    let accessToken = await this.currentAccessToken(session);
    let response = await this.send(request, accessToken);
    if (response.status === 401 && this.credentials(session).refreshToken) {
      await drain(response);
      accessToken = await this.renew(session);
      response = await this.send(request, accessToken);
    }
    const text = await response.text();
    const body = parseJson(text);
    if (!response.ok && !request.accept?.includes(response.status)) throw failure(response, body);
    if (text.trim() && body === undefined) {
      throw new EbayApiError('unavailable', `eBay answered ${response.status} with something that is not JSON.`, response.status, null, []);
    }
    return { status: response.status, headers: response.headers, body: (body ?? null) as T };
  }

  private credentials(session: SellerSession): EbayCredentials {
    const { accessToken, refreshToken } = session.credentials as Partial<EbayCredentials>;
    if (typeof accessToken !== 'string' || !accessToken) {
      throw new MarketplaceError(PLATFORM, 'unauthorized', 'The eBay connection has no access token: connect the account again.');
    }
    return {
      accessToken,
      refreshToken: typeof refreshToken === 'string' && refreshToken ? refreshToken : null,
      refreshTokenExpiresAt: (session.credentials.refreshTokenExpiresAt as string | null | undefined) ?? null,
    };
  }

  private async currentAccessToken(session: SellerSession): Promise<string> {
    const credentials = this.credentials(session);
    const expiresSoon = session.tokenExpiresAt !== null && session.tokenExpiresAt.getTime() - Date.now() <= RENEW_BEFORE_EXPIRY_MS;
    return expiresSoon && credentials.refreshToken ? this.renew(session) : credentials.accessToken;
  }

  private async send(request: EbayRequest, accessToken: string): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' };
    let body: string | FormData | undefined;
    if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Language'] = EBAY_CONTENT_LANGUAGE;
      body = JSON.stringify(request.json);
    } else if (request.form) {
      body = request.form;
    } else if (request.method === 'POST') {
      // eBay's action calls (publish, withdraw) take no payload but still ask for the JSON content type and language.
      headers['Content-Type'] = 'application/json';
      headers['Content-Language'] = EBAY_CONTENT_LANGUAGE;
    }
    await this.pacer.take(PLATFORM, '');
    try {
      return await fetch(request.url, {
        method: request.method,
        headers,
        body,
        signal: AbortSignal.timeout(request.form ? UPLOAD_TIMEOUT_MS : REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new MarketplaceError(PLATFORM, 'unavailable', `eBay could not be reached: ${(error as Error).message}`);
    }
  }

  /** Renews the access token with the refresh token and saves the credentials; a refusal means the seller must reconnect. */
  private async renew(session: SellerSession): Promise<string> {
    const credentials = this.credentials(session);
    const server: oauth.AuthorizationServer = {
      issuer: this.config.ebayAuthUrl,
      token_endpoint: `${this.config.ebayApiUrl}/identity/v1/oauth2/token`,
    };
    const client: oauth.Client = { client_id: this.config.ebayClientId ?? '' };
    let response: Response;
    try {
      response = await oauth.refreshTokenGrantRequest(
        server,
        client,
        ebayBasicAuth(this.config.ebayClientSecret ?? ''),
        credentials.refreshToken!,
        {
          additionalParameters: { scope: EBAY_SCOPES.join(' ') },
          [oauth.allowInsecureRequests]: this.config.ebayApiUrl.startsWith('http:'),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        },
      );
    } catch (error) {
      throw new MarketplaceError(PLATFORM, 'unavailable', `eBay's token endpoint could not be reached: ${(error as Error).message}`);
    }
    if (response.status === 429 || response.status >= 500) {
      await drain(response);
      throw new EbayApiError(
        errorKindOf(response.status),
        `eBay's token endpoint answered ${response.status}.`,
        response.status,
        retryAfterSeconds(response.headers.get('retry-after'), new Date()),
        [],
      );
    }
    let tokens: oauth.TokenEndpointResponse;
    try {
      tokens = await oauth.processRefreshTokenResponse(server, client, response, {
        recognizedTokenTypes: { 'user access token': () => {} },
      });
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError) {
        throw new MarketplaceError(
          PLATFORM,
          'unauthorized',
          `eBay refused to renew the access token: ${error.error_description ?? error.error}.`,
          error.status,
        );
      }
      throw new MarketplaceError(PLATFORM, 'unavailable', `eBay's token endpoint answered unexpectedly: ${(error as Error).message}`);
    }
    const renewed: EbayCredentials = {
      ...credentials,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? credentials.refreshToken,
    };
    const expiresAt = tokens.expires_in === undefined ? null : new Date(Date.now() + tokens.expires_in * 1000);
    await session.saveCredentials({ ...renewed }, expiresAt);
    return renewed.accessToken;
  }
}

function failure(response: Response, body: unknown): EbayApiError {
  return new EbayApiError(
    errorKindOf(response.status),
    ebayErrorMessage(body) ?? `eBay answered ${response.status}.`,
    response.status,
    retryAfterSeconds(response.headers.get('retry-after'), new Date()),
    ebayErrorIds(body),
  );
}

function parseJson(text: string): unknown {
  if (!text.trim()) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads a response that is not used, so that its connection is released. */
async function drain(response: Response): Promise<void> {
  await response.arrayBuffer().catch(() => undefined);
}
