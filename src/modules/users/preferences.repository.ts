import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { UserPreferences } from './entities/user-preferences.entity.js';

/** What a preferences change sets: null leaves a setting as it is; the objects are merged key by key. */
export interface PreferencesChange {
  currency: string | null;
  timezone: string | null;
  notifications: Record<string, unknown>;
  listingDefaults: Record<string, unknown>;
}

@Injectable()
export class PreferencesRepository {
  constructor(private readonly db: TransactionalConnection) {}

  find(userId: string): Promise<UserPreferences | null> {
    return this.db.getRepository(UserPreferences).findOneBy({ userId });
  }

  /** One statement, so two concurrent changes of different choices both stay. */
  async apply(userId: string, change: PreferencesChange): Promise<void> {
    await this.db.query(
      `INSERT INTO user_preferences (user_id, currency, timezone, notifications, listing_defaults)
       VALUES ($1, COALESCE($2, 'USD'), COALESCE($3, 'UTC'), $4::jsonb, $5::jsonb)
       ON CONFLICT (user_id) DO UPDATE SET
         currency = COALESCE($2, user_preferences.currency),
         timezone = COALESCE($3, user_preferences.timezone),
         notifications = user_preferences.notifications || EXCLUDED.notifications,
         listing_defaults = user_preferences.listing_defaults || EXCLUDED.listing_defaults,
         updated = now()`,
      [userId, change.currency, change.timezone, JSON.stringify(change.notifications), JSON.stringify(change.listingDefaults)],
    );
  }
}
