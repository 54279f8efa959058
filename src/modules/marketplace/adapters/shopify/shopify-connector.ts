import { Inject, Injectable } from '@nestjs/common';
import { ValidationFailed } from '../../../../common/errors/error-response.js';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config.js';
import { MarketplaceError } from '../marketplace-error.js';
import { type ConnectedSeller, ConnectRefused, type ConnectStart, type OAuthConnector } from '../oauth-connector.js';
import { credentialsFromTokens, SHOPIFY, ShopifyClient, type ShopifyTokenResponse } from './shopify.client.js';
import { hasValidHmac, isShopDomain } from './shopify.rules.js';

/** What the listing engine does in a shop: products and their media, orders, and fulfilling them with tracking. */
export const SHOPIFY_SCOPES = [
  'read_products',
  'write_products',
  'read_orders',
  'write_orders',
  'read_fulfillments',
  'write_fulfillments',
  'read_merchant_managed_fulfillment_orders',
  'write_merchant_managed_fulfillment_orders',
];

const SHOP_QUERY = `query ConnectedShop { shop { id name myshopifyDomain } }`;

interface ConnectedShop {
  shop: { id: string; name: string; myshopifyDomain: string };
}

/**
 * Shopify's authorization code grant for an offline access token, on the seller's own shop: consent at
 * `{shop}/admin/oauth/authorize` (empty `grant_options[]` = offline), a callback whose `hmac` (the app secret's
 * HMAC-SHA256 of the sorted query) and `shop` are checked before the code is exchanged at
 * `{shop}/admin/oauth/access_token`, asking for an expiring token (`expiring=1`) with its refresh token; the shop read
 * from the GraphQL Admin API (`shop { id name myshopifyDomain }`).
 */
@Injectable()
export class ShopifyConnector implements OAuthConnector {
  readonly platform = SHOPIFY;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly client: ShopifyClient,
  ) {}

  missingSettings(): string[] {
    const settings = { SHOPIFY_API_KEY: this.config.shopifyApiKey, SHOPIFY_API_SECRET: this.config.shopifyApiSecret };
    return Object.entries(settings)
      .filter(([, value]) => !value)
      .map(([name]) => name);
  }

  start(state: string, options: { shop?: string }): Promise<ConnectStart> {
    const shop = options.shop?.trim().toLowerCase() ?? '';
    if (!isShopDomain(shop)) {
      throw new ValidationFailed({
        shop: [
          shop
            ? 'Enter the shop’s myshopify.com domain, like vinyl-vault.myshopify.com.'
            : 'Shopify needs the shop’s myshopify.com domain.',
        ],
      });
    }
    const url = new URL(`${this.client.baseUrl(shop)}/admin/oauth/authorize`);
    url.searchParams.set('client_id', this.config.shopifyApiKey!);
    url.searchParams.set('scope', SHOPIFY_SCOPES.join(','));
    url.searchParams.set('redirect_uri', `${this.config.publicUrl}/api/v1/marketplace/accounts/shopify/login/callback/`);
    url.searchParams.set('state', state);
    url.searchParams.set('grant_options[]', '');
    return Promise.resolve({ authorizationUrl: url.toString(), secrets: { shop } });
  }

  async finish(callback: URLSearchParams, secrets: Record<string, string>): Promise<ConnectedSeller> {
    if (!hasValidHmac(callback, this.config.shopifyApiSecret!)) {
      throw new ConnectRefused(SHOPIFY, 'The callback is not signed by Shopify (its hmac does not match): connect again.');
    }
    const shop = callback.get('shop');
    if (!shop || shop !== secrets.shop) {
      throw new ConnectRefused(SHOPIFY, `Shopify sent back another shop than ${secrets.shop}: connect again.`);
    }
    const code = callback.get('code');
    if (!code)
      throw new ConnectRefused(SHOPIFY, `Shopify did not grant access: ${callback.get('error_description') ?? 'no code came back'}.`);

    const now = new Date();
    let tokens: ShopifyTokenResponse;
    try {
      tokens = await this.client.requestToken(shop, { code, expiring: '1' });
    } catch (error) {
      if (error instanceof MarketplaceError && error.kind === 'rejected') {
        throw new ConnectRefused(SHOPIFY, `Shopify refused the authorization code: ${error.message}.`);
      }
      throw error;
    }
    const { shop: connected } = await this.client.graphqlWithToken<ConnectedShop>(shop, tokens.access_token, SHOP_QUERY);
    const { credentials, tokenExpiresAt } = credentialsFromTokens(tokens, now);
    return {
      externalUserId: connected.id,
      username: connected.name,
      shopId: connected.myshopifyDomain,
      scopes: credentials.scope.split(',').filter(Boolean),
      authMethod: 'oauth2',
      credentials: { ...credentials },
      tokenExpiresAt,
    };
  }
}
