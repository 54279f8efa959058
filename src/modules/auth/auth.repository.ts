import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AuthToken } from './entities/auth-token.entity.js';

@Injectable()
export class AuthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async createToken(userId: string, tokenHash: string): Promise<void> {
    await this.dataSource.getRepository(AuthToken).insert({ userId, tokenHash });
  }

  /** The caller behind a bearer token's digest, in one query. */
  async contextForToken(tokenHash: string): Promise<AuthContext | null> {
    const row = await this.dataSource
      .getRepository(AuthToken)
      .createQueryBuilder('token')
      .innerJoin('token.user', 'user')
      .select(['token.id AS token_id', 'user.id AS user_id', 'user.uid AS user_uid', 'user.organization_id AS organization_id'])
      .where('token.token_hash = :tokenHash', { tokenHash })
      .getRawOne<{ token_id: string; user_id: string; user_uid: string; organization_id: string }>();
    if (!row) return null;
    return {
      userId: row.user_id,
      userUid: row.user_uid,
      organizationId: row.organization_id,
      via: { kind: 'token', tokenId: row.token_id },
    };
  }

  async deleteToken(tokenId: string): Promise<void> {
    await this.dataSource.getRepository(AuthToken).delete({ id: tokenId });
  }
}
