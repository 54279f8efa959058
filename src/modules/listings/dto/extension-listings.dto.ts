import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export const MAX_REPORTED_LISTINGS = 500;
export const REPORTED_STATUSES = ['active', 'ended', 'sold'] as const;
export type ReportedStatus = (typeof REPORTED_STATUSES)[number];

/** One listing the browser extension found on the seller's shop page. */
export class ExtensionReportedListingDto {
  @ApiProperty({ description: "The platform's own identifier of the listing.", maxLength: 200, example: '160554831' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  listing_id!: string;

  @ApiProperty({
    description: "The listing's page: an https URL on the platform's domain.",
    maxLength: 1000,
    example: 'https://www.redbubble.com/i/t-shirt/Blue-Note-by-groove/160554831.1YYVU',
  })
  @IsString()
  @MaxLength(1000)
  listing_url!: string;

  @ApiProperty({ description: 'The title as the platform shows it.', maxLength: 500, example: 'Blue Note Sticker' })
  @IsString()
  @MaxLength(500)
  title!: string;

  @ApiProperty({ description: 'The price the platform shows, in US dollars.', required: false, example: '24.99' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,10}(\.\d{1,2})?$/, { message: 'price_usd must be a decimal amount with at most 2 decimals.' })
  price_usd?: string;

  @ApiProperty({
    description: 'The state of the listing there: `active` (recorded `listed`), `ended` (`delisted`) or `sold` (`sold`). Default: active.',
    enum: REPORTED_STATUSES,
    required: false,
    default: 'active',
    example: 'sold',
  })
  @IsOptional()
  @IsIn(REPORTED_STATUSES)
  status?: ReportedStatus;

  @ApiProperty({
    description:
      'The inventory item this listing is of, when the extension knows it; without it the listing is matched by platform and `listing_id` to an existing listing.',
    required: false,
    example: 'inv_abc123',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  item_uid?: string;
}

/** `POST /api/v1/marketplace/extension/listings/`: what the browser extension scraped from one extension platform. */
export class ExtensionListingsReportDto {
  @ApiProperty({ description: 'The extension platform the listings are on (`redbubble`, `teepublic`, `society6`).', example: 'redbubble' })
  @IsString()
  platform!: string;

  @ApiProperty({ description: `The listings found, at most ${MAX_REPORTED_LISTINGS}.`, type: [ExtensionReportedListingDto] })
  @IsArray()
  @ArrayMaxSize(MAX_REPORTED_LISTINGS)
  @ValidateNested({ each: true })
  @Type(() => ExtensionReportedListingDto)
  listings!: ExtensionReportedListingDto[];
}

/** A reported listing that was not recorded. */
export class UnmatchedListingDto {
  @ApiProperty({ description: 'The `listing_id` as reported.', example: '160554831' })
  listing_id!: string;

  @ApiProperty({
    description:
      'Why it was not recorded: `not found` (no such item in the organization), no listing with this `listing_id` and no `item_uid`, a URL off the platform, or the reason the item cannot be listed there.',
    example: 'not found',
  })
  reason!: string;
}

/** What the report changed. */
export class ExtensionListingsResultDto {
  @ApiProperty({ description: 'How many reported listings were matched to an item of the organization.', example: 3 })
  matched!: number;

  @ApiProperty({
    description: 'How many of the matched listings were created or changed (the others were already as reported).',
    example: 2,
  })
  updated!: number;

  @ApiProperty({
    description: 'The reported listings that were not recorded (unknown items are not created), with the reason.',
    type: [UnmatchedListingDto],
  })
  unmatched!: UnmatchedListingDto[];
}
