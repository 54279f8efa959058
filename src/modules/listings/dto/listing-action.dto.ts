import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { BLOCKING_CODE_VALUES, type BlockingCode } from '../listings.rules.js';

/** `POST .../platforms/{slug}/list/`. */
export class ListOnPlatformDto {
  @ApiProperty({
    description: 'Create the listing as a draft on the platform (not live) when true; publish it when false. Default: true.',
    required: false,
    default: true,
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  is_draft?: boolean;

  @ApiProperty({
    description:
      'Extension platforms (Redbubble, TeePublic, Society6) only, required there: the page of the listing the seller made on the platform, ' +
      "an https URL on the platform's domain. The listing is recorded `listed` at once.",
    required: false,
    maxLength: 1000,
    example: 'https://www.redbubble.com/i/sticker/Blue-Note-by-groove/160554831.EJUG5',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  listing_url?: string;

  @ApiProperty({
    description: "Extension platforms only, required there: the platform's identifier of that listing.",
    required: false,
    maxLength: 200,
    example: '160554831',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  listing_id?: string;
}

/** The answer to a list or delist request: recorded now, carried out in the background. */
export class ListingActionAcceptedDto {
  @ApiProperty({ description: 'The platform slug.', example: 'ebay' })
  platform!: string;

  @ApiProperty({ description: "The item's listing on the platform.", example: 'lst_abc123' })
  listing_uid!: string;

  @ApiProperty({
    description:
      'The listing status now: `in_progress` (listing) or `delisting` while the platform is asked; `listing_failed` when no price is set ' +
      '(the listing shows `last_error_code.slug` `price_not_set` and nothing was sent). Poll `GET .../{uid}/listings/` for the outcome. ' +
      'On extension platforms, where the seller lists by hand, the outcome at once: `listed` or `delisted`.',
    enum: ['in_progress', 'delisting', 'listing_failed', 'listed', 'delisted'],
    example: 'in_progress',
  })
  status!: 'in_progress' | 'delisting' | 'listing_failed' | 'listed' | 'delisted';

  @ApiProperty({ description: 'What happened, readable.', example: 'Listing submitted to eBay.' })
  message!: string;
}

/** A listing request refused because the item cannot be listed there now. */
export class ListingBlockedDto {
  @ApiProperty({ description: 'The reason, readable.', type: [String], example: ['Connect your account on this platform before listing.'] })
  non_field_errors!: string[];

  @ApiProperty({
    description: 'The blocking code (as `platform_listability` reports them).',
    enum: BLOCKING_CODE_VALUES,
    example: 'not_connected',
  })
  blocking_code!: BlockingCode;
}
