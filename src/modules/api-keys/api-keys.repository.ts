import { Injectable } from '@nestjs/common';
import type { OrganizationRole } from '../../common/auth/roles.js';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { ApiKey } from './entities/api-key.entity.js';

export interface ApiKeyCredentials {
  id: string;
  keyHash: string;
  userId: string;
  userUid: string;
  organizationId: string;
  role: OrganizationRole;
  timeZone: string;
}

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get repository() {
    return this.db.getRepository(ApiKey);
  }

  create(fields: Pick<ApiKey, 'organizationId' | 'userId' | 'name' | 'prefix' | 'keyHash'>): Promise<ApiKey> {
    return this.repository.save({ ...fields, uid: newUid('key'), lastUsedAt: null });
  }

  count(organizationId: string): Promise<number> {
    return this.repository.countBy({ organizationId });
  }

  /** Newest first. */
  page(organizationId: string, offset: number, limit: number): Promise<ApiKey[]> {
    return this.repository.find({ where: { organizationId }, order: { created: 'DESC', id: 'DESC' }, skip: offset, take: limit });
  }

  /** Deletes the organization's key; false when there is none with that uid in the organization. */
  async delete(organizationId: string, uid: string): Promise<boolean> {
    const result = await this.repository.delete({ organizationId, uid });
    return (result.affected ?? 0) > 0;
  }

  async deleteForUser(organizationId: string, userId: string): Promise<void> {
    await this.repository.delete({ organizationId, userId });
  }

  async credentialsByPrefix(prefix: string): Promise<ApiKeyCredentials | null> {
    const row = await this.repository
      .createQueryBuilder('key')
      .innerJoin('key.user', 'user')
      .select([
        'key.id AS id',
        'key.key_hash AS key_hash',
        'user.id AS user_id',
        'user.uid AS user_uid',
        'key.organization_id AS organization_id',
        'user.role AS role',
      ])
      .addSelect(`COALESCE((SELECT p.timezone FROM user_preferences p WHERE p.user_id = "user"."id"), 'UTC')`, 'time_zone')
      .where('key.prefix = :prefix', { prefix })
      .getRawOne<{
        id: string;
        key_hash: string;
        user_id: string;
        user_uid: string;
        organization_id: string;
        role: OrganizationRole;
        time_zone: string;
      }>();
    if (!row) return null;
    return {
      id: row.id,
      keyHash: row.key_hash,
      userId: row.user_id,
      userUid: row.user_uid,
      organizationId: row.organization_id,
      role: row.role,
      timeZone: row.time_zone,
    };
  }

  /** Records use at most once a minute, so authentication does not write on every request. */
  async touch(organizationId: string, id: string): Promise<void> {
    await this.repository
      .createQueryBuilder()
      .update()
      .set({ lastUsedAt: () => 'now()' })
      .where('organization_id = :organizationId AND id = :id', { organizationId, id })
      .andWhere("(last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
      .execute();
  }
}
