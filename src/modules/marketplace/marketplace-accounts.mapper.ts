import type { PlatformRefDto } from '../platforms/index.js';
import type { MarketplaceAccountDto } from './dto/marketplace-account.dto.js';
import type { MarketplaceAccount } from './entities/marketplace-account.entity.js';

export function mapMarketplaceAccount(account: MarketplaceAccount, platform: PlatformRefDto): MarketplaceAccountDto {
  return {
    uid: account.uid,
    platform,
    external_user_id: account.externalUserId,
    username: account.username,
    shop_id: account.shopId,
    status: account.status,
    scopes: account.scopes,
    connected_at: account.connectedAt.toISOString(),
    last_sync_at: account.lastSyncAt?.toISOString() ?? null,
    last_error: account.lastError,
  };
}
