import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { ConnectState } from './entities/connect-state.entity.js';

/** Who started a connection attempt, for which platform, with its sealed secrets. */
export interface StartedConnect {
  organizationId: string;
  userId: string;
  platformId: string;
  secrets: string;
}

@Injectable()
export class ConnectStatesRepository {
  constructor(private readonly db: TransactionalConnection) {}

  async insert(nonceHash: string, started: StartedConnect, expiresAt: Date): Promise<void> {
    await this.db.getRepository(ConnectState).insert({ nonceHash, ...started, expiresAt, usedAt: null });
  }

  /** Marks the attempt used and returns it, in one statement: a second callback with the same state finds nothing. */
  async consume(nonceHash: string): Promise<StartedConnect | null> {
    const [row] = await this.db.select<{ organization_id: string; user_id: string; platform_id: string; secrets: string }>(
      `UPDATE marketplace_connect_states SET used_at = now()
        WHERE nonce_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING organization_id, user_id, platform_id, secrets`,
      [nonceHash],
    );
    return row ? { organizationId: row.organization_id, userId: row.user_id, platformId: row.platform_id, secrets: row.secrets } : null;
  }

  /** Attempts that ended a day ago or more are of no use to anyone. */
  async deleteEndedBefore(before: Date): Promise<void> {
    await this.db.select(`DELETE FROM marketplace_connect_states WHERE expires_at < $1`, [before]);
  }
}
