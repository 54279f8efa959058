import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { PasswordResetToken } from './entities/password-reset-token.entity.js';

@Injectable()
export class PasswordResetsRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get repository() {
    return this.db.getRepository(PasswordResetToken);
  }

  async create(fields: { userId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.repository.insert({ ...fields, usedAt: null });
  }

  findByTokenHash(tokenHash: string): Promise<PasswordResetToken | null> {
    return this.repository.findOneBy({ tokenHash });
  }

  /** The token behind a digest, locked until the transaction ends (so it is used once). */
  lockByTokenHash(tokenHash: string): Promise<PasswordResetToken | null> {
    return this.repository
      .createQueryBuilder('reset')
      .setLock('pessimistic_write')
      .where('reset.token_hash = :tokenHash', { tokenHash })
      .getOne();
  }

  /** Marks every token of the user not used yet as used: none of them can reset the password any more. */
  async invalidateOutstanding(userId: string): Promise<void> {
    await this.repository.update({ userId, usedAt: IsNull() }, { usedAt: new Date() });
  }
}
