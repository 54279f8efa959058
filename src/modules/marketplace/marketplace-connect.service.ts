import { Inject, Injectable } from '@nestjs/common';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { sha256Hex } from '../../common/auth/secrets.js';
import { DetailError, NotFound, ValidationFailed } from '../../common/errors/error-response.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { SecretBox } from '../../infra/crypto/secret-box.js';
import { PlatformsService } from '../platforms/index.js';
import { DiscogsConnector } from './adapters/discogs/discogs-connector.js';
import { EbayConnector } from './adapters/ebay/ebay-connector.js';
import { EtsyConnector } from './adapters/etsy/etsy-connector.js';
import { MarketplaceError } from './adapters/marketplace-error.js';
import { ConnectRefused, type OAuthConnector } from './adapters/oauth-connector.js';
import { ShopifyConnector } from './adapters/shopify/shopify-connector.js';
import { ConnectStatesRepository } from './connect-states.repository.js';
import type { MarketplaceAccountDto } from './dto/marketplace-account.dto.js';
import { mapMarketplaceAccount } from './marketplace-accounts.mapper.js';
import { MarketplaceAccountsRepository } from './marketplace-accounts.repository.js';

/** How long a seller has between starting a connection and the platform's callback. */
const STATE_TTL_SECONDS = 15 * 60;
const STATE_KEY_PURPOSE = 'marketplace-connect-state';
const STATE_ISSUER = 'instica-connect';
const EXPIRED_STATE = 'This connection attempt has expired or was already used: start connecting again.';

export interface ConnectStarted {
  authorization_url: string;
  state: string;
}

/**
 * The OAuth connection of seller accounts. The `state` is a JWT signed with a key of its own (HS256, derived from
 * the encryption key) that names the platform and carries a random nonce; the nonce's row (its SHA-256) binds the
 * organization, the user and the platform, holds what the callback needs (sealed), expires with the token and is
 * used once.
 */
@Injectable()
export class MarketplaceConnectService {
  private readonly connectors: Map<string, OAuthConnector>;
  private readonly stateKey: Uint8Array;

  constructor(
    private readonly states: ConnectStatesRepository,
    private readonly accounts: MarketplaceAccountsRepository,
    private readonly platforms: PlatformsService,
    private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    ebay: EbayConnector,
    discogs: DiscogsConnector,
    etsy: EtsyConnector,
    shopify: ShopifyConnector,
  ) {
    this.connectors = new Map<string, OAuthConnector>([ebay, discogs, etsy, shopify].map((connector) => [connector.platform, connector]));
    this.stateKey = secrets.derivedKey(STATE_KEY_PURPOSE);
  }

  async start(auth: AuthContext, slug: string, options: { shop?: string }): Promise<ConnectStarted> {
    const { platform, connector } = await this.connectorFor(slug);
    const nonce = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + STATE_TTL_SECONDS * 1000);
    const state = await new SignJWT({ plt: slug })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(STATE_ISSUER)
      .setJti(nonce)
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.stateKey);
    const started = await connector.start(state, options).catch((error: unknown) => {
      if (error instanceof MarketplaceError) throw new DetailError(502, `The connection could not be started: ${error.message}`);
      throw error;
    });
    await this.states.deleteEndedBefore(new Date(Date.now() - 86_400_000));
    await this.states.insert(
      sha256Hex(nonce),
      {
        organizationId: auth.organizationId,
        userId: auth.userId,
        platformId: platform.id,
        secrets: this.secrets.seal(JSON.stringify(started.secrets)),
      },
      expiresAt,
    );
    return { authorization_url: started.authorizationUrl, state };
  }

  /** The platform's redirect back: the account connected (stored only once everything checked out), or a 400 saying why not. */
  async finish(slug: string, callback: URLSearchParams): Promise<MarketplaceAccountDto> {
    const { platform, connector } = await this.connectorFor(slug);
    const nonce = await this.verifiedNonce(callback.get('state'), slug);
    const started = await this.states.consume(sha256Hex(nonce));
    if (!started || started.platformId !== platform.id) throw new ValidationFailed({ state: [EXPIRED_STATE] });
    const seller = await connector
      .finish(callback, JSON.parse(this.secrets.open(started.secrets)) as Record<string, string>)
      .catch((error: unknown) => {
        if (error instanceof ConnectRefused) throw new DetailError(400, error.message);
        if (error instanceof MarketplaceError) throw new DetailError(502, `The connection could not be completed: ${error.message}`);
        throw error;
      });
    const account = await this.accounts.upsert({
      organizationId: started.organizationId,
      platformId: platform.id,
      externalUserId: seller.externalUserId,
      username: seller.username,
      shopId: seller.shopId,
      authMethod: seller.authMethod,
      scopes: seller.scopes,
      credentials: this.secrets.seal(JSON.stringify(seller.credentials)),
      tokenExpiresAt: seller.tokenExpiresAt,
    });
    const catalog = await this.platforms.catalog();
    return mapMarketplaceAccount(account, catalog.ref(platform.id)!);
  }

  /** Where a browser goes once connected: CONNECT_SUCCESS_URL with the platform and account, or null for our own page. */
  successRedirect(account: MarketplaceAccountDto): string | null {
    if (!this.config.connectSuccessUrl) return null;
    const url = new URL(this.config.connectSuccessUrl);
    url.searchParams.set('platform', account.platform.slug);
    url.searchParams.set('account', account.uid);
    return url.toString();
  }

  private async connectorFor(slug: string): Promise<{ platform: { id: string; displayName: string }; connector: OAuthConnector }> {
    const platform = (await this.platforms.catalog()).bySlug(slug);
    if (!platform) throw new NotFound();
    const connector = this.connectors.get(slug);
    if (!connector) {
      throw new DetailError(503, `Connecting ${platform.displayName} by OAuth is not available on this server.`);
    }
    const missing = connector.missingSettings();
    if (missing.length > 0) {
      throw new DetailError(503, `Connecting ${platform.displayName} is not configured on this server: set ${missing.join(', ')}.`);
    }
    return { platform, connector };
  }

  private async verifiedNonce(state: string | null, slug: string): Promise<string> {
    if (!state) throw new ValidationFailed({ state: ['The callback carries no state: start connecting again.'] });
    try {
      const { payload } = await jwtVerify(state, this.stateKey, { issuer: STATE_ISSUER, algorithms: ['HS256'] });
      if (payload.plt !== slug || typeof payload.jti !== 'string')
        throw new ValidationFailed({ state: ['This state belongs to another platform.'] });
      return payload.jti;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new ValidationFailed({ state: [EXPIRED_STATE] });
      if (error instanceof joseErrors.JOSEError) throw new ValidationFailed({ state: ['The state is not one this server issued.'] });
      throw error;
    }
  }
}
