import { ApiProperty, PickType } from '@nestjs/swagger';
import { dateTimeProperty as dateTime, moneyProperty as money } from '../../../common/swagger/properties.js';
import { PlatformSummaryDto } from '../../platforms/index.js';
import { LISTING_STATUS_CODES } from '../listings.rules.js';

/** The platform a listing is on, as the seed's listing shows it. */
export class ListingPlatformDto extends PickType(PlatformSummaryDto, ['uid', 'name', 'display_name', 'slug', 'platform_type'] as const) {}

/** What a user can do with the listing now. */
export class ListingPermissionsDto {
  @ApiProperty({ description: 'Whether the item can be listed (or relisted) on the platform with this listing.', example: false })
  can_list!: boolean;

  @ApiProperty({ description: 'Whether the live listing can be taken down.', example: true })
  can_delist!: boolean;

  @ApiProperty({ description: "Whether the listing's price can be changed.", example: true })
  can_update_price!: boolean;

  @ApiProperty({ description: 'Whether a failed listing can be tried again.', example: false })
  can_retry_listing!: boolean;

  @ApiProperty({ description: 'Whether a failed delisting can be tried again.', example: false })
  can_retry_delisting!: boolean;
}

/** The last failure of a listing action. */
export class ListingErrorCodeDto {
  @ApiProperty({ description: 'Error code identifier.', example: 'err_price_not_set' })
  uid!: string;

  @ApiProperty({ description: 'Machine-readable error code.', example: 'price_not_set' })
  slug!: string;

  @ApiProperty({ description: 'Short human-readable message.', example: 'Price not set' })
  message!: string;

  @ApiProperty({ description: 'What went wrong and how to fix it.', example: 'Set a price before listing.' })
  description!: string;
}

/** An inventory item's listing on one marketplace. */
export class ListingDto {
  @ApiProperty({ description: 'Listing identifier.', example: 'lst_abc123' })
  uid!: string;

  @ApiProperty({ description: 'Listing status code.', enum: LISTING_STATUS_CODES, example: 'listed' })
  status!: string;

  @ApiProperty({ description: 'Human-readable status.', example: 'Listed' })
  status_display!: string;

  @ApiProperty({ type: ListingPlatformDto, description: 'The platform the listing is on.' })
  platform!: ListingPlatformDto;

  @ApiProperty({ description: 'External marketplace listing ID.', type: String, nullable: true, example: '394857201' })
  listing_id!: string | null;

  @ApiProperty(money('Listing price in USD.'))
  listing_price_usd!: string | null;

  @ApiProperty({
    description: 'Link to the marketplace listing (when listed).',
    type: String,
    nullable: true,
    example: 'https://ebay.com/itm/394857201',
  })
  marketplace_url!: string | null;

  @ApiProperty({ description: 'Listing description.', type: String, nullable: true, example: 'Original 1969 UK pressing.' })
  marketplace_description!: string | null;

  @ApiProperty({ description: 'AI-generated title.', type: String, nullable: true, example: 'The Beatles - Abbey Road LP 1969 UK VG+' })
  ml_generated_title!: string | null;

  @ApiProperty({
    description: 'AI-generated description.',
    type: String,
    nullable: true,
    example: 'Original 1969 UK pressing of Abbey Road in VG+ condition.',
  })
  ml_generated_description!: string | null;

  @ApiProperty({
    description: 'Platform-specific data (shallow merge on update).',
    type: 'object',
    additionalProperties: true,
    example: { category_id: '176985' },
  })
  marketplace_details!: Record<string, unknown>;

  @ApiProperty({ description: 'Whether the item sold through this listing.', example: false })
  is_sold!: boolean;

  @ApiProperty({ type: ListingPermissionsDto, description: 'What can be done with the listing now.' })
  permissions!: ListingPermissionsDto;

  @ApiProperty({
    description:
      'Explanations for disabled actions, keyed by permission: given for each action the listing status offers that ' +
      'something else (a sale, a missing price, an action in progress) disables.',
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { can_list: 'Set a price before listing.' },
  })
  action_reasons!: Record<string, string>;

  @ApiProperty({ type: ListingErrorCodeDto, nullable: true, description: 'The last failure of a listing action, if any.' })
  last_error_code!: ListingErrorCodeDto | null;

  @ApiProperty(dateTime('When the listing was created.'))
  created!: string;

  @ApiProperty(dateTime('When the listing last changed.'))
  updated!: string;
}
