import { Foundation1764620000000 } from './1764620000000-foundation.js';
import { Products1764630000000 } from './1764630000000-products.js';
import { ProductSearchText1764640000000 } from './1764640000000-product-search-text.js';
import { TenantForeignKeys1764650000000 } from './1764650000000-tenant-foreign-keys.js';
import { ProductListColumns1764660000000 } from './1764660000000-product-list-columns.js';
import { InventoryItemTypes1764670000000 } from './1764670000000-inventory-item-types.js';
import { InventoryItemsApi1764680000000 } from './1764680000000-inventory-items-api.js';
import { InventoryItemListings1764690000000 } from './1764690000000-inventory-item-listings.js';
import { InventoryItemTypeLink1764700000000 } from './1764700000000-inventory-item-type-link.js';
import { InventoryAssetIdentifying1764710000000 } from './1764710000000-inventory-asset-identifying.js';
import { InventoryCounts1764720000000 } from './1764720000000-inventory-counts.js';
import { InventoryAnalytics1764743000000 } from './1764743000000-inventory-analytics.js';
import { ProductSummaryLock1764750000000 } from './1764750000000-product-summary-lock.js';
import { ExportJobs1764760000000 } from './1764760000000-export-jobs.js';
import { OutboundEmails1764770000000 } from './1764770000000-outbound-emails.js';
import { UserPhoneAndApple1764780000000 } from './1764780000000-user-phone-and-apple.js';
import { OrganizationTeam1764810000000 } from './1764810000000-organization-team.js';
import { MarketplaceAccounts1764830000000 } from './1764830000000-marketplace-accounts.js';
import { MarketplaceConnectStates1764840000000 } from './1764840000000-marketplace-connect-states.js';
import { PasswordResetTokens1764850000000 } from './1764850000000-password-reset-tokens.js';
import { Billing1764860000000 } from './1764860000000-billing.js';
import { UserAccount1764870000000 } from './1764870000000-user-account.js';
import { IdempotencyKeys1764880000000 } from './1764880000000-idempotency-keys.js';
import { ActivityEvents1764890000000 } from './1764890000000-activity-events.js';
import { ListingQueuedJobs1764895000000 } from './1764895000000-listing-queued-jobs.js';
import { MarketplaceImports1764900000000 } from './1764900000000-marketplace-imports.js';
import { Orders1764910000000 } from './1764910000000-orders.js';
import { Digital1764920000000 } from './1764920000000-digital.js';

/** Every migration, in order; listed explicitly so that the app, the CLI and the tests agree. */
export const MIGRATIONS = [
  Foundation1764620000000,
  Products1764630000000,
  ProductSearchText1764640000000,
  TenantForeignKeys1764650000000,
  ProductListColumns1764660000000,
  InventoryItemTypes1764670000000,
  InventoryItemsApi1764680000000,
  InventoryItemListings1764690000000,
  InventoryItemTypeLink1764700000000,
  InventoryAssetIdentifying1764710000000,
  InventoryCounts1764720000000,
  InventoryAnalytics1764743000000,
  ProductSummaryLock1764750000000,
  ExportJobs1764760000000,
  OutboundEmails1764770000000,
  UserPhoneAndApple1764780000000,
  OrganizationTeam1764810000000,
  MarketplaceAccounts1764830000000,
  MarketplaceConnectStates1764840000000,
  PasswordResetTokens1764850000000,
  Billing1764860000000,
  UserAccount1764870000000,
  IdempotencyKeys1764880000000,
  ActivityEvents1764890000000,
  ListingQueuedJobs1764895000000,
  MarketplaceImports1764900000000,
  Orders1764910000000,
  Digital1764920000000,
];
