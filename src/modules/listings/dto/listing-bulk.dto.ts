import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';
import { BLOCKING_CODE_VALUES, type BlockingCode } from '../listings.rules.js';

/** Most items one bulk listing request takes (seed 000: 1–100 uids); a plan's `max_items_per_batch` may allow fewer. */
export const MAX_BULK_LISTING_ITEMS = 100;

const UIDS_DESCRIPTION =
  `Uids of the items, 1 to ${MAX_BULK_LISTING_ITEMS} (fewer when the plan's \`max_items_per_batch\` is lower), each once. ` +
  "An unknown uid, a deleted item's or another organization's is answered as `Not found.` for that item.";

function platformsProperty(required: boolean) {
  return ApiProperty({
    description: required
      ? 'Slugs of the platforms to list on, each once (`ebay`, `discogs`, `etsy`, `shopify`...).'
      : 'Slugs of the platforms to delist from, each once. Omitted: every platform where the item has a live listing.',
    type: [String],
    required,
    minItems: 1,
    example: ['ebay', 'discogs'],
  });
}

const PLATFORM_LIST_RULES = [
  IsArray({ message: 'Expected a list of items.' }),
  ArrayNotEmpty({ message: 'This list may not be empty.' }),
  IsString({ each: true, message: 'Each platform must be a slug.' }),
  ArrayUnique({ message: 'A platform may be given only once.' }),
];

function applyAll(decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => decorators.forEach((decorator) => decorator(target, property));
}

/** `items` (or its alias `uids`): the items of a bulk request. */
class BulkListingItemsDto {
  @ApiPropertyOptional({
    description: `${UIDS_DESCRIPTION} Required unless \`uids\` is given.`,
    type: [String],
    minItems: 1,
    maxItems: MAX_BULK_LISTING_ITEMS,
    example: ['inv_001', 'inv_002'],
  })
  @IsOptional()
  @IsArray({ message: 'Expected a list of items.' })
  @ArrayNotEmpty({ message: 'This list may not be empty.' })
  @ArrayMaxSize(MAX_BULK_LISTING_ITEMS, { message: `At most ${MAX_BULK_LISTING_ITEMS} items per request.` })
  @IsString({ each: true, message: 'Each item must be a uid.' })
  @ArrayUnique({ message: 'An item may be given only once.' })
  items?: string[];

  @ApiPropertyOptional({
    description: 'Alias of `items` (used when `items` is absent).',
    type: [String],
    minItems: 1,
    maxItems: MAX_BULK_LISTING_ITEMS,
    example: ['inv_001', 'inv_002'],
  })
  @IsOptional()
  @IsArray({ message: 'Expected a list of items.' })
  @ArrayNotEmpty({ message: 'This list may not be empty.' })
  @ArrayMaxSize(MAX_BULK_LISTING_ITEMS, { message: `At most ${MAX_BULK_LISTING_ITEMS} items per request.` })
  @IsString({ each: true, message: 'Each item must be a uid.' })
  @ArrayUnique({ message: 'An item may be given only once.' })
  uids?: string[];
}

/** `POST /api/v1/inventory/bulk/list/`. */
export class BulkListDto extends BulkListingItemsDto {
  @platformsProperty(true)
  @applyAll(PLATFORM_LIST_RULES)
  platforms!: string[];

  @ApiPropertyOptional({
    description: 'Create the listings as drafts (true, the default) or publish them (false).',
    default: true,
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  is_draft?: boolean;
}

/** `POST /api/v1/inventory/bulk/delist/`. */
export class BulkDelistDto extends BulkListingItemsDto {
  @platformsProperty(false)
  @IsOptional()
  @applyAll(PLATFORM_LIST_RULES)
  platforms?: string[];
}

/** `POST /api/v1/inventory/{uid}/platforms/bulk/list/`. */
export class ItemPlatformsListDto {
  @platformsProperty(true)
  @applyAll(PLATFORM_LIST_RULES)
  platforms!: string[];

  @ApiPropertyOptional({
    description: 'Create the listings as drafts (true, the default) or publish them (false).',
    default: true,
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  is_draft?: boolean;
}

/** `POST /api/v1/inventory/{uid}/platforms/bulk/delist/`. */
export class ItemPlatformsDelistDto {
  @platformsProperty(false)
  @IsOptional()
  @applyAll(PLATFORM_LIST_RULES)
  platforms?: string[];
}

export const BULK_LISTING_STATUSES = ['in_progress', 'delisting', 'listing_failed', 'refused'] as const;
export type BulkListingStatus = (typeof BULK_LISTING_STATUSES)[number];

/** What became of one item on one platform. */
export class BulkListingResultDto {
  @ApiProperty({ description: 'The item uid as sent.', example: 'inv_001' })
  uid!: string;

  @ApiProperty({
    description: 'The platform slug; null when the item was refused before any platform (not found, or nothing to list or delist).',
    type: String,
    nullable: true,
    example: 'ebay',
  })
  platform!: string | null;

  @ApiProperty({
    description:
      '`in_progress` (listing) or `delisting`: submitted, carried out in the background; `listing_failed`: recorded as failed for want ' +
      'of a price (`price_not_set`, nothing sent); `refused`: nothing recorded (see `message` and `blocking_code`).',
    enum: BULK_LISTING_STATUSES,
    example: 'in_progress',
  })
  status!: BulkListingStatus;

  @ApiProperty({
    description: "The item's listing on the platform (null when refused).",
    type: String,
    nullable: true,
    example: 'lst_abc123',
  })
  listing_uid!: string | null;

  @ApiProperty({ description: 'What happened, readable.', example: 'Listing submitted to eBay.' })
  message!: string;

  @ApiProperty({
    description:
      'Why it was refused or failed, as `platform_listability` reports it (`price_not_set` for `listing_failed`); null otherwise.',
    enum: BLOCKING_CODE_VALUES,
    nullable: true,
    example: null,
  })
  blocking_code!: BlockingCode | null;
}

/** A pair of the request that was not submitted. */
export class BulkListingErrorDto {
  @ApiProperty({ description: 'The item uid as sent.', example: 'inv_002' })
  uid!: string;

  @ApiProperty({
    description: 'The platform slug, or null when the item was refused before any platform.',
    type: String,
    nullable: true,
    example: 'discogs',
  })
  platform!: string | null;

  @ApiProperty({ description: 'Why it was not submitted.', example: 'Not found.' })
  error!: string;
}

/** The answer of every bulk list or delist: one result per item and platform. */
export class BulkListingResponseDto {
  @ApiProperty({ type: 'integer', description: 'Item × platform pairs submitted (`in_progress` or `delisting`).', example: 4 })
  success_count!: number;

  @ApiProperty({ type: 'integer', description: 'Pairs refused or recorded as failed, each listed in `errors`.', example: 0 })
  failure_count!: number;

  @ApiProperty({ type: 'integer', description: 'All pairs: success_count + failure_count.', example: 4 })
  total_count!: number;

  @ApiProperty({ description: 'Every pair, items in the order sent, then platforms in the order sent.', type: [BulkListingResultDto] })
  results!: BulkListingResultDto[];

  @ApiProperty({ description: 'The pairs not submitted (empty when none).', type: [BulkListingErrorDto] })
  errors!: BulkListingErrorDto[];

  @ApiProperty({
    description: 'Uids of the items with at least one pair submitted, in the order sent.',
    type: [String],
    example: ['inv_001', 'inv_002'],
  })
  updated_uids!: string[];
}
