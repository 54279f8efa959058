import { PlatformDto, PlatformRefDto, PlatformSummaryDto } from './dto/platform.dto.js';
import { Platform } from './entities/platform.entity.js';

export function mapPlatformRef(platform: Platform): PlatformRefDto {
  return { uid: platform.uid, name: platform.name, slug: platform.slug };
}

export function mapPlatformSummary(platform: Platform): PlatformSummaryDto {
  return {
    ...mapPlatformRef(platform),
    display_name: platform.displayName,
    platform_type: platform.platformType,
    supports_digital: platform.supportsDigital,
    supports_api_connection: platform.supportsApiConnection,
    connection_type: platform.connectionType,
  };
}

export function mapPlatform(platform: Platform): PlatformDto {
  return {
    ...mapPlatformSummary(platform),
    url: platform.url,
    is_selling_active: platform.isSellingActive,
    connection_url: platform.connectionUrl,
  };
}
