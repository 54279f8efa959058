import { Inject, Injectable } from '@nestjs/common';
import * as oauth from 'oauth4webapi';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config.js';
import { errorKindOf, MarketplaceError } from '../marketplace-error.js';
import { type ConnectedSeller, ConnectRefused, type ConnectStart, type OAuthConnector } from '../oauth-connector.js';

const PLATFORM = 'ebay';
const REQUEST_TIMEOUT_MS = 20_000;

/** What the listing engine does on eBay: inventory and offers, business policies and location, orders, who the seller is. */
export const EBAY_SCOPES = [
  'https://api.ebay.com/oauth/api_scope',
  'https://api.ebay.com/oauth/api_scope/sell.inventory',
  'https://api.ebay.com/oauth/api_scope/sell.account',
  'https://api.ebay.com/oauth/api_scope/sell.fulfillment',
  'https://api.ebay.com/oauth/api_scope/commerce.identity.readonly',
];

/** The eBay credentials stored for a seller: the user access token and the refresh token that renews it. */
export interface EbayCredentials {
  accessToken: string;
  refreshToken: string | null;
  refreshTokenExpiresAt: string | null;
}

/**
 * eBay's OAuth 2 authorization code grant (oauth4webapi): consent at EBAY_AUTH_URL/oauth2/authorize with the
 * application's RuName as redirect_uri, the code exchanged at EBAY_API_URL/identity/v1/oauth2/token with the
 * application keys (HTTP Basic), then the seller read from the Identity API (EBAY_IDENTITY_URL/commerce/identity/v1/user/).
 */
@Injectable()
export class EbayConnector implements OAuthConnector {
  readonly platform = PLATFORM;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  missingSettings(): string[] {
    const settings = {
      EBAY_CLIENT_ID: this.config.ebayClientId,
      EBAY_CLIENT_SECRET: this.config.ebayClientSecret,
      EBAY_RU_NAME: this.config.ebayRuName,
    };
    return Object.entries(settings)
      .filter(([, value]) => !value)
      .map(([name]) => name);
  }

  start(state: string): Promise<ConnectStart> {
    const url = new URL(`${this.config.ebayAuthUrl}/oauth2/authorize`);
    url.searchParams.set('client_id', this.config.ebayClientId!);
    url.searchParams.set('redirect_uri', this.config.ebayRuName!);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', EBAY_SCOPES.join(' '));
    url.searchParams.set('state', state);
    return Promise.resolve({ authorizationUrl: url.toString(), secrets: {} });
  }

  async finish(callback: URLSearchParams): Promise<ConnectedSeller> {
    const server = this.authorizationServer();
    const client: oauth.Client = { client_id: this.config.ebayClientId! };
    let tokens: oauth.TokenEndpointResponse;
    try {
      const parameters = oauth.validateAuthResponse(server, client, callback, oauth.skipStateCheck);
      const response = await oauth.authorizationCodeGrantRequest(
        server,
        client,
        ebayBasicAuth(this.config.ebayClientSecret!),
        parameters,
        this.config.ebayRuName!,
        oauth.nopkce,
        this.requestOptions(),
      );
      // eBay names its tokens "User Access Token" rather than "Bearer"; they are bearer tokens all the same.
      tokens = await oauth.processAuthorizationCodeResponse(server, client, response, {
        recognizedTokenTypes: { 'user access token': () => {} },
      });
    } catch (error) {
      throw refusal(error);
    }
    const seller = await this.identity(tokens.access_token);
    const now = Date.now();
    const refreshExpiresIn = Number(tokens.refresh_token_expires_in);
    const credentials: EbayCredentials = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? null,
      refreshTokenExpiresAt: Number.isFinite(refreshExpiresIn) ? new Date(now + refreshExpiresIn * 1000).toISOString() : null,
    };
    return {
      externalUserId: seller.userId,
      username: seller.username,
      shopId: null,
      scopes: typeof tokens.scope === 'string' ? tokens.scope.split(' ').filter(Boolean) : EBAY_SCOPES,
      authMethod: 'oauth2',
      credentials: { ...credentials },
      tokenExpiresAt: tokens.expires_in === undefined ? null : new Date(now + tokens.expires_in * 1000),
    };
  }

  private authorizationServer(): oauth.AuthorizationServer {
    return { issuer: this.config.ebayAuthUrl, token_endpoint: `${this.config.ebayApiUrl}/identity/v1/oauth2/token` };
  }

  /** Plain HTTP only for a local endpoint (the tests' fake); eBay itself is HTTPS. */
  private requestOptions(): oauth.TokenEndpointRequestOptions {
    return { [oauth.allowInsecureRequests]: this.config.ebayApiUrl.startsWith('http:'), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
  }

  private async identity(accessToken: string): Promise<{ userId: string; username: string }> {
    let response: Response;
    try {
      response = await fetch(`${this.config.ebayIdentityUrl}/commerce/identity/v1/user/`, {
        headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new MarketplaceError(PLATFORM, 'unavailable', `eBay could not be reached: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => null)) as {
      userId?: unknown;
      username?: unknown;
      errors?: Array<{ message?: string }>;
    } | null;
    if (!response.ok || typeof body?.userId !== 'string' || typeof body.username !== 'string') {
      const message = body?.errors?.[0]?.message ?? `the Identity API answered ${response.status}`;
      throw new MarketplaceError(
        PLATFORM,
        response.ok ? 'unavailable' : errorKindOf(response.status),
        `eBay did not say who the seller is: ${message}`,
        response.status,
      );
    }
    return { userId: body.userId, username: body.username };
  }
}

/**
 * HTTP Basic with the application keys as eBay documents it: Base64 of `<client_id>:<client_secret>` as they are.
 * (oauth4webapi's ClientSecretBasic form-encodes them first, as RFC 6749 says, which turns the `-` of every eBay
 * client id into `%2D`.)
 */
export function ebayBasicAuth(clientSecret: string): oauth.ClientAuth {
  return (_server, client, _body, headers) => {
    headers.set('authorization', `Basic ${Buffer.from(`${client.client_id}:${clientSecret}`).toString('base64')}`);
  };
}

/** A failed consent or code exchange, as the seller should read it. */
function refusal(error: unknown): Error {
  if (error instanceof oauth.AuthorizationResponseError) {
    return new ConnectRefused(PLATFORM, `eBay did not grant access: ${error.error_description ?? error.error}.`);
  }
  if (error instanceof oauth.ResponseBodyError) {
    return new ConnectRefused(PLATFORM, `eBay refused the authorization code: ${error.error_description ?? error.error}.`);
  }
  if (error instanceof oauth.OperationProcessingError || error instanceof TypeError || error instanceof oauth.UnsupportedOperationError) {
    return new MarketplaceError(PLATFORM, 'unavailable', `eBay's token endpoint answered unexpectedly: ${error.message}`);
  }
  return error as Error;
}
