import { ApiProperty } from '@nestjs/swagger';
import { CONNECTION_TYPES, type ConnectionType, PLATFORM_TYPES, type PlatformType } from '../entities/platform.entity.js';

export class PlatformRefDto {
  @ApiProperty({ description: 'Platform identifier.', example: 'plat_ebay' })
  uid!: string;

  @ApiProperty({ description: 'Platform name.', example: 'eBay' })
  name!: string;

  @ApiProperty({ description: 'URL-safe platform key.', example: 'ebay' })
  slug!: string;
}

export class PlatformSummaryDto extends PlatformRefDto {
  @ApiProperty({ description: 'Name shown to people.', example: 'eBay' })
  display_name!: string;

  @ApiProperty({ description: '`marketplace` or `print_on_demand`.', enum: PLATFORM_TYPES, example: 'marketplace' })
  platform_type!: PlatformType;

  @ApiProperty({ description: 'Whether digital products can be sold there.', example: false })
  supports_digital!: boolean;

  @ApiProperty({ description: 'Whether the platform is connected over its API (OAuth).', example: true })
  supports_api_connection!: boolean;

  @ApiProperty({ description: '`oauth` or `extension` (browser extension).', enum: CONNECTION_TYPES, example: 'oauth' })
  connection_type!: ConnectionType;
}

export class PlatformDto extends PlatformSummaryDto {
  @ApiProperty({ description: "The platform's website.", example: 'https://ebay.com' })
  url!: string;

  @ApiProperty({ description: 'Whether selling there is currently possible.', example: true })
  is_selling_active!: boolean;

  @ApiProperty({
    description: 'Where to start connecting an account (OAuth platforms).',
    type: String,
    nullable: true,
    example: '/accounts/ebay/login/',
  })
  connection_url!: string | null;
}
