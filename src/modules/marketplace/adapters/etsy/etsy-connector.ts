import { Inject, Injectable } from '@nestjs/common';
import * as oauth from 'oauth4webapi';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config.js';
import { MarketplaceError } from '../marketplace-error.js';
import { type ConnectedSeller, ConnectRefused, type ConnectStart, type OAuthConnector } from '../oauth-connector.js';
import { ETSY_PLATFORM, EtsyApi, type EtsyCredentials } from './etsy.client.js';
import { MarketplaceCallPacer } from '../call-pacer.js';

/** What the listing engine does on Etsy: listings (read, write, delete), the shop, receipts and their tracking, the seller's email. */
export const ETSY_SCOPES = ['listings_r', 'listings_w', 'listings_d', 'shops_r', 'transactions_r', 'transactions_w', 'email_r'];

/** Where Etsy sends the seller back: the app's registered callback URL. */
export function etsyRedirectUri(config: AppConfig): string {
  return `${config.publicUrl}/api/v1/marketplace/accounts/etsy/login/callback/`;
}

/**
 * Etsy's OAuth 2 authorization code grant with PKCE (S256, oauth4webapi): consent at ETSY_WEB_URL/oauth/connect, the
 * verifier kept sealed with the state row until the callback, the code exchanged at ETSY_API_URL/v3/public/oauth/token,
 * then the seller and their shop read from `/v3/application/users/me` and `/v3/application/shops/{shop_id}`.
 */
@Injectable()
export class EtsyConnector implements OAuthConnector {
  readonly platform = ETSY_PLATFORM;
  private readonly api: EtsyApi;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    pacer: MarketplaceCallPacer,
  ) {
    this.api = new EtsyApi(config, pacer);
  }

  missingSettings(): string[] {
    return etsyMissingSettings(this.config);
  }

  async start(state: string): Promise<ConnectStart> {
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const url = new URL(`${this.config.etsyWebUrl}/oauth/connect`);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.config.etsyApiKey!);
    url.searchParams.set('redirect_uri', etsyRedirectUri(this.config));
    url.searchParams.set('scope', ETSY_SCOPES.join(' '));
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    return { authorizationUrl: url.toString(), secrets: { codeVerifier } };
  }

  async finish(callback: URLSearchParams, secrets: Record<string, string>): Promise<ConnectedSeller> {
    if (!secrets.codeVerifier)
      throw new ConnectRefused(ETSY_PLATFORM, 'This connection attempt has no PKCE verifier: start connecting again.');
    let tokens: oauth.TokenEndpointResponse;
    try {
      tokens = await this.api.exchangeCode(callback, secrets.codeVerifier, etsyRedirectUri(this.config));
    } catch (error) {
      throw refusal(error);
    }
    if (!tokens.refresh_token) throw new MarketplaceError(ETSY_PLATFORM, 'unavailable', "Etsy's token endpoint gave no refresh token.");
    const me = await this.api.request<{ user_id: number; shop_id: number | null }>(tokens.access_token, {
      method: 'GET',
      path: '/v3/application/users/me',
    });
    if (!me.shop_id) throw new ConnectRefused(ETSY_PLATFORM, 'This Etsy account has no shop: open an Etsy shop, then connect again.');
    const shop = await this.api.request<{ shop_id: number; shop_name: string }>(tokens.access_token, {
      method: 'GET',
      path: `/v3/application/shops/${me.shop_id}`,
    });
    const credentials: EtsyCredentials = { accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
    return {
      externalUserId: String(me.user_id),
      username: shop.shop_name,
      shopId: String(me.shop_id),
      scopes: typeof tokens.scope === 'string' ? tokens.scope.split(' ').filter(Boolean) : ETSY_SCOPES,
      authMethod: 'oauth2',
      credentials: { ...credentials },
      tokenExpiresAt: tokens.expires_in === undefined ? null : new Date(Date.now() + tokens.expires_in * 1000),
    };
  }
}

/** The Etsy settings that are not set: without the keystring and the shared secret no Etsy call can be made. */
export function etsyMissingSettings(config: AppConfig): string[] {
  const settings = { ETSY_API_KEY: config.etsyApiKey, ETSY_SHARED_SECRET: config.etsySharedSecret };
  return Object.entries(settings)
    .filter(([, value]) => !value)
    .map(([name]) => name);
}

/** A failed consent or code exchange, as the seller should read it. */
function refusal(error: unknown): Error {
  const sentence = (text: string) => text.trim().replace(/\.+$/, '');
  if (error instanceof oauth.AuthorizationResponseError) {
    return new ConnectRefused(ETSY_PLATFORM, `Etsy did not grant access: ${sentence(error.error_description ?? error.error)}.`);
  }
  if (error instanceof oauth.ResponseBodyError) {
    return new ConnectRefused(ETSY_PLATFORM, `Etsy refused the authorization code: ${sentence(error.error_description ?? error.error)}.`);
  }
  if (error instanceof oauth.OperationProcessingError || error instanceof TypeError || error instanceof oauth.UnsupportedOperationError) {
    return new MarketplaceError(ETSY_PLATFORM, 'unavailable', `Etsy's token endpoint answered unexpectedly: ${error.message}`);
  }
  return error as Error;
}
