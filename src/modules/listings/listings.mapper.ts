import type { PlatformDto, PlatformSummaryDto } from '../platforms/index.js';
import { ListingDto, ListingErrorCodeDto, ListingPlatformDto } from './dto/listing.dto.js';
import { PlatformListabilityDto } from './dto/platform-listability.dto.js';
import type { ListingRow } from './listings.repository.js';
import { type Listability, type ListingActions, listingStatusDisplay } from './listings.rules.js';

export function mapListingPlatform(platform: PlatformDto): ListingPlatformDto {
  return {
    uid: platform.uid,
    name: platform.name,
    display_name: platform.display_name,
    slug: platform.slug,
    platform_type: platform.platform_type,
  };
}

export function mapPlatformSummary(platform: PlatformDto): PlatformSummaryDto {
  return {
    ...mapListingPlatform(platform),
    supports_digital: platform.supports_digital,
    supports_api_connection: platform.supports_api_connection,
    connection_type: platform.connection_type,
  };
}

/** The stored error as documented, whatever an older writer left in the column. */
function mapListingError(error: ListingRow['last_error']): ListingErrorCodeDto | null {
  if (error === null || typeof error !== 'object') return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { uid: text(error.uid), slug: text(error.slug), message: text(error.message), description: text(error.description) };
}

export function mapListing(row: ListingRow, platform: PlatformDto, actions: ListingActions): ListingDto {
  return {
    uid: row.uid,
    status: row.status,
    status_display: listingStatusDisplay(row.status),
    platform: mapListingPlatform(platform),
    listing_id: row.listing_id,
    listing_price_usd: row.listing_price_usd,
    marketplace_url: row.marketplace_url,
    marketplace_description: row.marketplace_description,
    ml_generated_title: row.ml_generated_title,
    ml_generated_description: row.ml_generated_description,
    marketplace_details: row.marketplace_details ?? {},
    is_sold: row.is_sold,
    permissions: { ...actions.permissions },
    action_reasons: { ...actions.action_reasons },
    last_error_code: mapListingError(row.last_error),
    created: row.created.toISOString(),
    updated: row.updated.toISOString(),
  };
}

export function mapPlatformListability(platform: PlatformDto, listability: Listability): PlatformListabilityDto {
  return { platform: mapPlatformSummary(platform), ...listability };
}
