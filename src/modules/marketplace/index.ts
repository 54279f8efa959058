/** What other modules may use of marketplace connections. */
export { MarketplaceAccountDto } from './dto/marketplace-account.dto.js';
export { MarketplaceAccountsService } from './marketplace-accounts.service.js';
export { MarketplaceModule } from './marketplace.module.js';
export type {
  ListingDraft,
  ListingForImport,
  ListingOutcome,
  ListingsPage,
  ListingPicture,
  ListingReference,
  MarketplaceAdapter,
  RemoteAddress,
  RemoteOrder,
  RemoteOrderLine,
  RemoteOrderState,
  SellerSession,
  Shipment,
} from './adapters/marketplace-adapter.js';
export { MarketplaceAdapters } from './adapters/marketplace-adapters.js';
export { MarketplaceError, type MarketplaceErrorKind } from './adapters/marketplace-error.js';
