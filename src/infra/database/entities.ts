import { ApiKey } from '../../modules/api-keys/entities/api-key.entity.js';
import { AuthToken } from '../../modules/auth/entities/auth-token.entity.js';
import { InventoryAsset } from '../../modules/inventory/entities/inventory-asset.entity.js';
import { InventoryItem } from '../../modules/inventory/entities/inventory-item.entity.js';
import { Organization } from '../../modules/organizations/entities/organization.entity.js';
import { Platform } from '../../modules/platforms/entities/platform.entity.js';
import { Artist } from '../../modules/products/entities/artist.entity.js';
import { MarketplacePresence } from '../../modules/products/entities/marketplace-presence.entity.js';
import { MusicLabel } from '../../modules/products/entities/music-label.entity.js';
import { Product } from '../../modules/products/entities/product.entity.js';
import { Plan } from '../../modules/subscriptions/entities/plan.entity.js';
import { Subscription } from '../../modules/subscriptions/entities/subscription.entity.js';
import { User } from '../../modules/users/entities/user.entity.js';

/** Every entity, listed explicitly so the app, the migration CLI and the drift check agree. */
export const ENTITIES = [
  Organization,
  User,
  AuthToken,
  ApiKey,
  Plan,
  Subscription,
  Platform,
  Artist,
  MusicLabel,
  Product,
  MarketplacePresence,
  InventoryItem,
  InventoryAsset,
];
