import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { DeviceToken, type PushProvider } from './entities/device-token.entity.js';

export interface DeviceRegistration {
  userId: string;
  token: string;
  provider: PushProvider;
  deviceName: string | null;
}

@Injectable()
export class DeviceTokensRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get repository() {
    return this.db.getRepository(DeviceToken);
  }

  /**
   * Registers the token for the user in one statement: a token already known moves to this user (the device changed
   * hands) and is marked registered now; a name not sent stays. Says whether the token was new.
   */
  async register(registration: DeviceRegistration): Promise<{ device: DeviceToken; created: boolean }> {
    const [row] = await this.db.query<Array<{ id: string; created: boolean }>>(
      `INSERT INTO device_tokens (token, user_id, provider, device_name)
       VALUES ($1, $2, $3, COALESCE($4, ''))
       ON CONFLICT (token) DO UPDATE SET
         user_id = EXCLUDED.user_id,
         provider = EXCLUDED.provider,
         device_name = COALESCE($4, device_tokens.device_name),
         last_registered = now(),
         updated = now()
       RETURNING id, (xmax = 0) AS created`,
      [registration.token, registration.userId, registration.provider, registration.deviceName],
    );
    return { device: (await this.repository.findOneBy({ id: row.id }))!, created: row.created };
  }

  /** Removes the user's registration of the token; another user's is left alone. */
  async remove(userId: string, token: string): Promise<void> {
    await this.repository.delete({ userId, token });
  }

  count(userId: string): Promise<number> {
    return this.repository.countBy({ userId });
  }

  /** Most recently registered first. */
  page(userId: string, offset: number, limit: number): Promise<DeviceToken[]> {
    return this.repository.find({ where: { userId }, order: { lastRegistered: 'DESC', id: 'DESC' }, skip: offset, take: limit });
  }
}
