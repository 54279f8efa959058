import { MarketplaceError } from './marketplace-error.js';
import type { AuthMethod } from '../entities/marketplace-account.entity.js';

/** Where to send the seller to grant access, and what the callback will need that must not travel in the URL. */
export interface ConnectStart {
  authorizationUrl: string;
  secrets: Record<string, string>;
}

/** The seller account a finished connection stands for, with the credentials to store (sealed). */
export interface ConnectedSeller {
  externalUserId: string;
  username: string;
  shopId: string | null;
  scopes: string[];
  authMethod: AuthMethod;
  credentials: Record<string, unknown>;
  tokenExpiresAt: Date | null;
}

/** One platform's OAuth connection flow: the start (the consent URL) and the finish (the callback's parameters). */
export interface OAuthConnector {
  readonly platform: string;
  /** The settings the flow needs that are not set (a connect attempt then answers 503 naming them). */
  missingSettings(): string[];
  start(state: string, options: { shop?: string }): Promise<ConnectStart>;
  /** Exchanges what the platform sent back to the callback for the seller's credentials; throws a ConnectRefused. */
  finish(callback: URLSearchParams, secrets: Record<string, string>): Promise<ConnectedSeller>;
}

/** The seller or the platform said no (access denied, a code that does not exchange): the message says which. */
export class ConnectRefused extends MarketplaceError {
  constructor(platform: string, message: string) {
    super(platform, 'rejected', message);
    this.name = 'ConnectRefused';
  }
}
