import { Injectable } from '@nestjs/common';
import { newUid } from '../../common/ids/uid.js';
import { In } from 'typeorm';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { type AuthMethod, MarketplaceAccount } from './entities/marketplace-account.entity.js';

/** What connecting an account stores: who it is on the platform and its sealed credentials. */
export interface ConnectedAccount {
  organizationId: string;
  platformId: string;
  externalUserId: string;
  username: string;
  shopId: string | null;
  authMethod: AuthMethod;
  scopes: string[];
  credentials: string;
  tokenExpiresAt: Date | null;
}

@Injectable()
export class MarketplaceAccountsRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get repository() {
    return this.db.getRepository(MarketplaceAccount);
  }

  /** The organization's accounts, oldest connection first. */
  list(organizationId: string): Promise<MarketplaceAccount[]> {
    return this.repository.find({ where: { organizationId }, order: { connectedAt: 'ASC', id: 'ASC' } });
  }

  findByUid(organizationId: string, uid: string): Promise<MarketplaceAccount | null> {
    return this.repository.findOneBy({ organizationId, uid });
  }

  /**
   * Stores a connection: a new row, or the same seller's earlier row of this organization made active again with
   * the new credentials (one statement, so two connects at once cannot make two rows).
   */
  async upsert(account: ConnectedAccount): Promise<MarketplaceAccount> {
    const [row] = await this.db.select<{ id: string }>(
      `INSERT INTO marketplace_accounts (uid, organization_id, platform_id, external_user_id, username, shop_id, status, auth_method,
                                         scopes, credentials, token_expires_at, connected_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $9, $10, now())
       ON CONFLICT (organization_id, platform_id, external_user_id) DO UPDATE
          SET username = EXCLUDED.username, shop_id = EXCLUDED.shop_id, status = 'active', auth_method = EXCLUDED.auth_method,
              scopes = EXCLUDED.scopes, credentials = EXCLUDED.credentials, token_expires_at = EXCLUDED.token_expires_at,
              connected_at = now(), last_error = NULL, updated = now()
       RETURNING id`,
      [
        newUid('sa'),
        account.organizationId,
        account.platformId,
        account.externalUserId,
        account.username,
        account.shopId,
        account.authMethod,
        account.scopes,
        account.credentials,
        account.tokenExpiresAt,
      ],
    );
    return this.repository.findOneByOrFail({ id: row.id });
  }

  /** Disconnects: the credentials are wiped and the row kept as `revoked`; false when the organization has no such account. */
  async revoke(organizationId: string, uid: string): Promise<boolean> {
    const result = await this.repository.update({ organizationId, uid }, { status: 'revoked', credentials: null, tokenExpiresAt: null });
    return (result.affected ?? 0) > 0;
  }

  /** The organization's live account on the platform (the most recently connected one). */
  findLive(organizationId: string, platformId: string): Promise<MarketplaceAccount | null> {
    return this.repository.findOne({
      where: { organizationId, platformId, status: In(['active', 'error']) },
      order: { connectedAt: 'DESC', id: 'DESC' },
    });
  }

  /** Stores renewed credentials (sealed) and their expiry in one statement. */
  async saveCredentials(organizationId: string, uid: string, credentials: string, tokenExpiresAt: Date | null): Promise<void> {
    await this.repository.update({ organizationId, uid }, { credentials, tokenExpiresAt });
  }

  /** The platform refused the credentials: the connection shows as expired with the reason. */
  async markExpired(organizationId: string, uid: string, reason: string): Promise<void> {
    await this.repository.update({ organizationId, uid }, { status: 'expired', lastError: reason });
  }

  // --- Orders: the connections the order sync visits ---

  /**
   * The live connections (one per organization and platform, the most recently connected), across organizations, or of
   * one organization: what the order sync visits on each run.
   */
  async liveConnections(organizationId: string | null): Promise<Array<{ organizationId: string; platformId: string; accountUid: string }>> {
    const rows = await this.db.select<{ organization_id: string; platform_id: string; uid: string }>(
      `SELECT DISTINCT ON (organization_id, platform_id) organization_id, platform_id, uid
         FROM marketplace_accounts
        WHERE status IN ('active', 'error') AND credentials IS NOT NULL AND ($1::bigint IS NULL OR organization_id = $1)
        ORDER BY organization_id, platform_id, connected_at DESC, id DESC`,
      [organizationId],
    );
    return rows.map((row) => ({ organizationId: String(row.organization_id), platformId: String(row.platform_id), accountUid: row.uid }));
  }
}
