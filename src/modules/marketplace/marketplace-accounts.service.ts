import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DetailError, NotFound, ValidationFailed } from '../../common/errors/error-response.js';
import { SecretBox } from '../../infra/crypto/secret-box.js';
import { PlatformsService } from '../platforms/index.js';
import { DiscogsClient, type DiscogsCredentials } from './adapters/discogs/discogs.client.js';
import type { SellerSession } from './adapters/marketplace-adapter.js';
import { MarketplaceError } from './adapters/marketplace-error.js';
import type { ConnectWithTokenDto, MarketplaceAccountDto } from './dto/marketplace-account.dto.js';
import { mapMarketplaceAccount } from './marketplace-accounts.mapper.js';
import type { MarketplaceAccount } from './entities/marketplace-account.entity.js';
import { MarketplaceAccountsRepository } from './marketplace-accounts.repository.js';
import { isLiveAccount } from './marketplace-accounts.rules.js';

@Injectable()
export class MarketplaceAccountsService {
  constructor(
    private readonly accounts: MarketplaceAccountsRepository,
    private readonly platforms: PlatformsService,
    private readonly secrets: SecretBox,
    private readonly discogs: DiscogsClient,
  ) {}

  async list(auth: AuthContext): Promise<MarketplaceAccountDto[]> {
    const [accounts, catalog] = await Promise.all([this.accounts.list(auth.organizationId), this.platforms.catalog()]);
    return accounts.map((account) => mapMarketplaceAccount(account, catalog.ref(account.platformId)!));
  }

  /** Connects a Discogs seller by personal access token, once Discogs says whose it is; 400 when Discogs refuses it. */
  async connectWithToken(auth: AuthContext, input: ConnectWithTokenDto): Promise<MarketplaceAccountDto> {
    const credentials: DiscogsCredentials = { personalToken: input.personal_token.trim() };
    const identity = await this.discogs.identity(credentials).catch((error: unknown) => {
      if (error instanceof MarketplaceError && error.kind === 'unauthorized') {
        throw new ValidationFailed({ personal_token: [`Discogs did not accept this token: ${error.message}`] });
      }
      throw unreachable(error);
    });
    const catalog = await this.platforms.catalog();
    const platform = catalog.bySlug(input.platform)!;
    const account = await this.accounts.upsert({
      organizationId: auth.organizationId,
      platformId: platform.id,
      externalUserId: String(identity.id),
      username: identity.username,
      shopId: null,
      authMethod: 'personal_token',
      scopes: [],
      credentials: this.secrets.seal(JSON.stringify(credentials)),
      tokenExpiresAt: null,
    });
    return mapMarketplaceAccount(account, catalog.ref(platform.id)!);
  }

  /** The ids of the platforms the organization has a live connection to (what listability and eligibility check). */
  async connectedPlatformIds(organizationId: string): Promise<Set<string>> {
    const accounts = await this.accounts.list(organizationId);
    return new Set(accounts.filter((account) => isLiveAccount(account.status)).map((account) => account.platformId));
  }

  async disconnect(auth: AuthContext, uid: string): Promise<void> {
    if (!(await this.accounts.revoke(auth.organizationId, uid))) throw new NotFound();
  }

  /**
   * The organization's live account on the platform as an adapter uses it: its credentials unsealed, renewed ones
   * sealed and stored before use; null when there is no live account.
   */
  async sellerSession(organizationId: string, platformId: string): Promise<SellerSession | null> {
    return this.sessionOf(organizationId, await this.accounts.findLive(organizationId, platformId));
  }

  private sessionOf(organizationId: string, account: MarketplaceAccount | null): SellerSession | null {
    if (!account?.credentials || !isLiveAccount(account.status)) return null;
    const accounts = this.accounts;
    const secrets = this.secrets;
    const session: SellerSession = {
      accountUid: account.uid,
      externalUserId: account.externalUserId,
      shopId: account.shopId,
      credentials: JSON.parse(this.secrets.open(account.credentials)) as Record<string, unknown>,
      tokenExpiresAt: account.tokenExpiresAt,
      async saveCredentials(credentials, tokenExpiresAt) {
        await accounts.saveCredentials(organizationId, account.uid, secrets.seal(JSON.stringify(credentials)), tokenExpiresAt);
        session.credentials = credentials;
        session.tokenExpiresAt = tokenExpiresAt;
      },
    };
    return session;
  }

  /** The platform refused the account's credentials: it shows as expired (reconnect) with the reason. */
  markExpired(organizationId: string, accountUid: string, reason: string): Promise<void> {
    return this.accounts.markExpired(organizationId, accountUid, reason.slice(0, 2000));
  }

  // --- Imports: a job works with the one account it was created for. ---

  /** The organization's live accounts on the platform (ids and platform id), oldest connection first. */
  async liveAccounts(organizationId: string, platformId?: string): Promise<Array<{ id: string; uid: string; platformId: string }>> {
    const accounts = await this.accounts.list(organizationId);
    return accounts
      .filter((account) => isLiveAccount(account.status) && (platformId === undefined || account.platformId === platformId))
      .map((account) => ({ id: account.id, uid: account.uid, platformId: account.platformId }));
  }

  /** The session of this account of the organization, or null when it is not (or no longer) a live connection. */
  async sessionForAccount(organizationId: string, accountUid: string): Promise<SellerSession | null> {
    return this.sessionOf(organizationId, await this.accounts.findByUid(organizationId, accountUid));
  }

  // --- Orders: the connections the order sync visits ---

  /** Every live connection (one per organization and platform), or those of one organization. */
  liveConnections(
    organizationId: string | null = null,
  ): Promise<Array<{ organizationId: string; platformId: string; accountUid: string }>> {
    return this.accounts.liveConnections(organizationId);
  }
}

/** A platform that failed for another reason than the credentials: 502, naming the platform's answer. */
function unreachable(error: unknown): Error {
  if (!(error instanceof MarketplaceError)) return error as Error;
  return new DetailError(502, `The marketplace could not check the credentials now: ${error.message}`);
}
