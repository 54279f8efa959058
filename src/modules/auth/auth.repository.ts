import { Injectable } from '@nestjs/common';
import { Not } from 'typeorm';
import type { AuthContext } from '../../common/auth/auth-context.js';
import type { OrganizationRole } from '../../common/auth/roles.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { AuthToken } from './entities/auth-token.entity.js';

@Injectable()
export class AuthRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get repository() {
    return this.db.getRepository(AuthToken);
  }

  async createToken(userId: string, tokenHash: string): Promise<void> {
    await this.repository.insert({ userId, tokenHash });
  }

  /** The caller behind a bearer token's digest, in one query. */
  async contextForToken(tokenHash: string): Promise<AuthContext | null> {
    const [row] = await this.db.select<{
      token_id: string;
      user_id: string;
      user_uid: string;
      organization_id: string;
      role: OrganizationRole;
      time_zone: string;
    }>(
      `SELECT t.id AS token_id, u.id AS user_id, u.uid AS user_uid, u.organization_id, u.role,
              COALESCE(p.timezone, 'UTC') AS time_zone
         FROM auth_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN user_preferences p ON p.user_id = u.id
        WHERE t.token_hash = $1`,
      [tokenHash],
    );
    if (!row) return null;
    return {
      userId: row.user_id,
      userUid: row.user_uid,
      organizationId: row.organization_id,
      role: row.role,
      timeZone: row.time_zone,
      via: { kind: 'token', tokenId: row.token_id },
    };
  }

  /** Ends the session; a token is only ever ended by its own user. */
  async deleteToken(userId: string, tokenId: string): Promise<void> {
    await this.repository.delete({ userId, id: tokenId });
  }

  /** Ends every session of the user but the one `keepTokenId` names (when given); API keys are not sessions. */
  async deleteTokensOfUser(userId: string, keepTokenId?: string): Promise<void> {
    await this.repository.delete({ userId, ...(keepTokenId ? { id: Not(keepTokenId) } : {}) });
  }
}
