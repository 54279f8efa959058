import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../../../config/app-config.js';
import { MarketplaceError } from '../marketplace-error.js';
import { type ConnectedSeller, ConnectRefused, type ConnectStart, type OAuthConnector } from '../oauth-connector.js';
import { type DiscogsCredentials, DiscogsClient, discogsFailure } from './discogs.client.js';
import { type OAuthHeaderParameters, oauthPlaintextHeader } from './discogs.rules.js';

const PLATFORM = 'discogs';
const REQUEST_TIMEOUT_MS = 20_000;
const CALLBACK_PATH = '/api/v1/marketplace/accounts/discogs/login/callback/';

/**
 * Discogs' OAuth 1.0a flow as it documents it, with PLAINTEXT signatures: a request token from
 * `GET /oauth/request_token` (our callback URL carries the state; the token secret stays with the connect state,
 * sealed), the seller's consent at DISCOGS_WEB_URL/oauth/authorize, the verifier exchanged at
 * `POST /oauth/access_token` for the access token and its secret (they do not expire), then `GET /oauth/identity`.
 */
@Injectable()
export class DiscogsConnector implements OAuthConnector {
  readonly platform = PLATFORM;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly client: DiscogsClient,
  ) {}

  missingSettings(): string[] {
    const settings = { DISCOGS_CONSUMER_KEY: this.config.discogsConsumerKey, DISCOGS_CONSUMER_SECRET: this.config.discogsConsumerSecret };
    return Object.entries(settings)
      .filter(([, value]) => !value)
      .map(([name]) => name);
  }

  async start(state: string): Promise<ConnectStart> {
    const callback = new URL(`${this.config.publicUrl}${CALLBACK_PATH}`);
    callback.searchParams.set('state', state);
    const granted = await this.tokenCall('GET', '/oauth/request_token', { callback: callback.toString() });
    const authorization = new URL(`${this.config.discogsWebUrl}/oauth/authorize`);
    authorization.searchParams.set('oauth_token', granted.token);
    return {
      authorizationUrl: authorization.toString(),
      secrets: { requestToken: granted.token, requestTokenSecret: granted.tokenSecret },
    };
  }

  async finish(callback: URLSearchParams, secrets: Record<string, string>): Promise<ConnectedSeller> {
    const token = callback.get('oauth_token');
    const verifier = callback.get('oauth_verifier');
    if (callback.has('denied') || !verifier) throw new ConnectRefused(PLATFORM, 'Discogs did not grant access: the seller declined.');
    if (token !== secrets.requestToken)
      throw new ConnectRefused(PLATFORM, 'Discogs sent back a request token this connection did not ask for.');
    const granted = await this.tokenCall('POST', '/oauth/access_token', {
      token,
      tokenSecret: secrets.requestTokenSecret,
      verifier,
    }).catch((error: unknown) => {
      if (error instanceof MarketplaceError && (error.kind === 'unauthorized' || error.kind === 'rejected')) {
        throw new ConnectRefused(PLATFORM, `Discogs refused the authorization: ${error.message}`);
      }
      throw error;
    });
    const credentials: DiscogsCredentials = { token: granted.token, tokenSecret: granted.tokenSecret };
    const identity = await this.client.identity(credentials);
    return {
      externalUserId: String(identity.id),
      username: identity.username,
      shopId: null,
      scopes: [],
      authMethod: 'oauth1',
      credentials: { ...credentials },
      tokenExpiresAt: null,
    };
  }

  /** A request-token or access-token call: the OAuth header, a form-encoded answer with `oauth_token` and `oauth_token_secret`. */
  private async tokenCall(
    method: string,
    path: string,
    parameters: Pick<OAuthHeaderParameters, 'callback' | 'token' | 'tokenSecret' | 'verifier'>,
  ): Promise<{ token: string; tokenSecret: string }> {
    const authorization = oauthPlaintextHeader({
      ...parameters,
      consumerKey: this.config.discogsConsumerKey!,
      consumerSecret: this.config.discogsConsumerSecret!,
      nonce: randomBytes(16).toString('hex'),
      timestamp: Math.floor(Date.now() / 1000),
    });
    let response: Response;
    try {
      response = await fetch(`${this.config.discogsApiUrl}${path}`, {
        method,
        headers: {
          Authorization: authorization,
          'Content-Type': 'application/x-www-form-urlencoded',
          'User-Agent': this.client.userAgent(),
        },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new MarketplaceError(PLATFORM, 'unavailable', `Discogs could not be reached: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) throw discogsFailure(response, text);
    const answer = new URLSearchParams(text);
    const token = answer.get('oauth_token');
    const tokenSecret = answer.get('oauth_token_secret');
    if (!token || !tokenSecret) {
      throw new MarketplaceError(PLATFORM, 'unavailable', `Discogs answered ${path} without a token.`, response.status);
    }
    return { token, tokenSecret };
  }
}
