/** What other modules may use of listings. */
export { ListingDto, ListingErrorCodeDto, ListingPermissionsDto, ListingPlatformDto } from './dto/listing.dto.js';
export { PlatformListabilityDto } from './dto/platform-listability.dto.js';
export { ListingStatusChanged } from './listing-announcer.js';
export { ListingEngineService, type SaleDelist } from './listing-engine.service.js';
export { ListingsModule } from './listings.module.js';
export {
  ACTIVE_LISTING_STATUSES,
  BLOCKING_CODE_VALUES,
  BLOCKING_CODES,
  type BlockingCode,
  LISTING_STATUS_CODES,
  LISTING_STATUSES,
  type ListingAction,
  type ListingItemFacts,
  type ListingStatus,
  listingPrice,
} from './listings.rules.js';
export { type ImportedListing, type ItemForListability, ListingsService } from './listings.service.js';
