import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config.js';
import type { ListingPicture, SellerSession } from '../marketplace-adapter.js';
import { errorKindOf, MarketplaceError, retryAfterSeconds } from '../marketplace-error.js';
import { type QueryCost, shopBaseUrl, throttleWaitSeconds } from './shopify.rules.js';
import { MarketplaceCallPacer } from '../call-pacer.js';

export const SHOPIFY = 'shopify';
const REQUEST_TIMEOUT_MS = 20_000;
/** Renew an expiring access token this long before it expires (Shopify's last one hour). */
const RENEW_BEFORE_MS = 5 * 60_000;

/** The Shopify credentials stored for a shop: the offline access token, and for an expiring one its refresh token. */
export interface ShopifyCredentials {
  accessToken: string;
  scope: string;
  refreshToken: string | null;
  refreshTokenExpiresAt: string | null;
}

/** What `POST /admin/oauth/access_token` answers (the expiring variant adds `expires_in` and the refresh token). */
export interface ShopifyTokenResponse {
  access_token: string;
  scope: string;
  expires_in?: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
}

export interface UserError {
  field?: string[] | null;
  message: string;
}

/** A staged upload target (`stagedUploadsCreate`): where to POST the bytes, with which form fields. */
export interface StagedTarget {
  url: string;
  resourceUrl: string;
  parameters: Array<{ name: string; value: string }>;
}

interface GraphqlBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }> | string;
  extensions?: { cost?: QueryCost };
}

/**
 * The shop's side of Shopify: the OAuth token endpoint (`{shop}/admin/oauth/access_token`, JSON body with the app's
 * client id and secret: Shopify answers without the `token_type` oauth4webapi insists on), the GraphQL Admin API
 * (`{shop}/admin/api/{version}/graphql.json`, `X-Shopify-Access-Token`) with the renewal of expiring tokens, and
 * staged uploads. Failures become MarketplaceErrors: THROTTLED and 429 `rate_limited` with the wait, 5xx
 * `unavailable`, 401 `unauthorized`, the rest `rejected` with Shopify's message.
 */
@Injectable()
export class ShopifyClient {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pacer: MarketplaceCallPacer,
  ) {}

  baseUrl(shop: string): string {
    return shopBaseUrl(this.config.shopifyShopUrlTemplate, shop);
  }

  /** The token endpoint with the app's keys added: an authorization code or a refresh token in `grant`. */
  async requestToken(shop: string, grant: Record<string, string>): Promise<ShopifyTokenResponse> {
    const response = await this.send(`${this.baseUrl(shop)}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ client_id: this.config.shopifyApiKey, client_secret: this.config.shopifyApiSecret, ...grant }),
    });
    const body = (await response.json().catch(() => null)) as
      (Partial<ShopifyTokenResponse> & { error?: string; error_description?: string }) | null;
    if (!response.ok || typeof body?.access_token !== 'string') {
      const message = body?.error_description ?? body?.error ?? `the token endpoint answered ${response.status}`;
      throw new MarketplaceError(SHOPIFY, response.ok ? 'unavailable' : errorKindOf(response.status), message, response.status);
    }
    return body as ShopifyTokenResponse;
  }

  /** One GraphQL Admin API call with an access token as it is (no renewal): `data`, or a MarketplaceError. */
  async graphqlWithToken<T>(shop: string, accessToken: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    await this.pacer.take(SHOPIFY, shop);
    const response = await this.send(`${this.baseUrl(shop)}/admin/api/${this.config.shopifyApiVersion}/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Shopify-Access-Token': accessToken },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json().catch(() => null)) as GraphqlBody<T> | null;
    if (!response.ok) {
      const message =
        typeof body?.errors === 'string' ? body.errors : (body?.errors?.[0]?.message ?? `Shopify answered ${response.status}.`);
      throw new MarketplaceError(
        SHOPIFY,
        errorKindOf(response.status),
        message,
        response.status,
        retryAfter(response.headers.get('retry-after')),
      );
    }
    if (!body) throw new MarketplaceError(SHOPIFY, 'unavailable', 'Shopify answered with something that is not JSON.', response.status);
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      const codes = body.errors.map((error) => error.extensions?.code);
      const message = body.errors.map((error) => error.message).join('; ');
      if (codes.includes('THROTTLED')) {
        throw new MarketplaceError(SHOPIFY, 'rate_limited', message, response.status, throttleWaitSeconds(body.extensions?.cost));
      }
      if (codes.includes('INTERNAL_SERVER_ERROR')) throw new MarketplaceError(SHOPIFY, 'unavailable', message, response.status);
      throw new MarketplaceError(SHOPIFY, 'rejected', message, response.status);
    }
    if (!body.data) throw new MarketplaceError(SHOPIFY, 'unavailable', 'Shopify answered without data.', response.status);
    return body.data;
  }

  /**
   * A GraphQL call for a connected shop: an expiring token is renewed shortly before it expires, and once after a
   * 401; the renewed credentials are saved through the session before they are used.
   */
  async graphql<T>(session: SellerSession, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const shop = sessionShop(session);
    const expiresAt = session.tokenExpiresAt?.getTime();
    if (expiresAt !== undefined && expiresAt - Date.now() < RENEW_BEFORE_MS && credentialsOf(session).refreshToken) {
      await this.renew(session, shop);
    }
    try {
      return await this.graphqlWithToken<T>(shop, credentialsOf(session).accessToken, query, variables);
    } catch (error) {
      if (!(error instanceof MarketplaceError) || error.httpStatus !== 401 || !credentialsOf(session).refreshToken) throw error;
      await this.renew(session, shop);
      return this.graphqlWithToken<T>(shop, credentialsOf(session).accessToken, query, variables);
    }
  }

  /** Sends a picture's bytes to a staged upload target: its parameters as form fields, then the file. */
  async upload(target: StagedTarget, picture: ListingPicture): Promise<void> {
    const form = new FormData();
    for (const { name, value } of target.parameters) form.append(name, value);
    form.append('file', new Blob([picture.data], { type: picture.contentType }), picture.fileName);
    const response = await this.send(target.url, { method: 'POST', body: form });
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) {
      throw new MarketplaceError(
        SHOPIFY,
        errorKindOf(response.status) === 'unauthorized' ? 'rejected' : errorKindOf(response.status),
        `The picture upload to Shopify's storage answered ${response.status}.`,
        response.status,
        retryAfter(response.headers.get('retry-after')),
      );
    }
  }

  /** Exchanges the refresh token for a new access token (and a new refresh token) and saves them; a refusal is `unauthorized`. */
  private async renew(session: SellerSession, shop: string): Promise<void> {
    const current = credentialsOf(session);
    let tokens: ShopifyTokenResponse;
    try {
      tokens = await this.requestToken(shop, { grant_type: 'refresh_token', refresh_token: current.refreshToken! });
    } catch (error) {
      if (error instanceof MarketplaceError && error.kind === 'rejected') {
        throw new MarketplaceError(
          SHOPIFY,
          'unauthorized',
          `Shopify refused to renew the access token: ${error.message}`,
          error.httpStatus,
        );
      }
      throw error;
    }
    const { credentials, tokenExpiresAt } = credentialsFromTokens(tokens, new Date(), current.scope);
    await session.saveCredentials({ ...credentials }, tokenExpiresAt);
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      throw new MarketplaceError(SHOPIFY, 'unavailable', `Shopify could not be reached: ${(error as Error).message}`);
    }
  }
}

/** The credentials and expiry to store from a token response (an expiring token brings its refresh token). */
export function credentialsFromTokens(
  tokens: ShopifyTokenResponse,
  now: Date,
  previousScope = '',
): { credentials: ShopifyCredentials; tokenExpiresAt: Date | null } {
  const expiresIn = Number(tokens.expires_in);
  const refreshExpiresIn = Number(tokens.refresh_token_expires_in);
  return {
    credentials: {
      accessToken: tokens.access_token,
      scope: typeof tokens.scope === 'string' ? tokens.scope : previousScope,
      refreshToken: tokens.refresh_token ?? null,
      refreshTokenExpiresAt:
        tokens.refresh_token && Number.isFinite(refreshExpiresIn) ? new Date(now.getTime() + refreshExpiresIn * 1000).toISOString() : null,
    },
    tokenExpiresAt: tokens.refresh_token && Number.isFinite(expiresIn) ? new Date(now.getTime() + expiresIn * 1000) : null,
  };
}

function credentialsOf(session: SellerSession): ShopifyCredentials {
  const credentials = session.credentials as Partial<ShopifyCredentials>;
  if (typeof credentials.accessToken !== 'string') {
    throw new MarketplaceError(SHOPIFY, 'unauthorized', 'The Shopify connection has no access token: connect the shop again.');
  }
  return {
    accessToken: credentials.accessToken,
    scope: credentials.scope ?? '',
    refreshToken: credentials.refreshToken ?? null,
    refreshTokenExpiresAt: credentials.refreshTokenExpiresAt ?? null,
  };
}

function sessionShop(session: SellerSession): string {
  if (!session.shopId) throw new MarketplaceError(SHOPIFY, 'unauthorized', 'The Shopify connection names no shop: connect the shop again.');
  return session.shopId;
}

/** Shopify's Retry-After may be fractional (`2.0`). */
function retryAfter(header: string | null): number | null {
  if (header && /^\d+\.\d+$/.test(header.trim())) return Math.ceil(Number(header.trim()));
  return retryAfterSeconds(header, new Date());
}

/** Throws the mutation's userErrors as one `rejected` error with Shopify's messages. */
export function rejectUserErrors(userErrors: UserError[] | undefined): void {
  if (!userErrors || userErrors.length === 0) return;
  const message = userErrors
    .map((error) => (error.field?.length ? `${error.field.join('.')}: ${error.message}` : error.message))
    .join('; ');
  throw new MarketplaceError(SHOPIFY, 'rejected', message, 200);
}
