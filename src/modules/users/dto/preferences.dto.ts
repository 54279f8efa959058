import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { IsJsonObject, NotNullIfPresent } from '../../../common/validation/fields.js';
import { MAX_HANDLING_DAYS } from '../users.rules.js';

export class NotificationPreferencesDto {
  @ApiProperty({ description: 'Email me when an item sells.', example: true })
  sale_email!: boolean;

  @ApiProperty({ description: 'Push a notification to my devices when an item sells.', example: true })
  sale_push!: boolean;

  @ApiProperty({ description: 'Email me when an order is marked shipped.', example: true })
  order_shipped_email!: boolean;

  @ApiProperty({ description: 'Email me when a marketplace refuses or ends a listing.', example: true })
  listing_error_email!: boolean;

  @ApiProperty({ description: 'Push a notification when a marketplace refuses or ends a listing.', example: true })
  listing_error_push!: boolean;

  @ApiProperty({ description: 'Email me when an import or export finishes.', example: true })
  import_finished_email!: boolean;

  @ApiProperty({ description: 'A weekly email of sales, profit and stale stock.', example: true })
  weekly_summary_email!: boolean;

  @ApiProperty({ description: 'News about Instica itself (opt-in).', example: false })
  product_news_email!: boolean;
}

export class ListingDefaultsDto {
  @ApiProperty({
    description: 'Platform slugs preselected when listing an item (see `GET /api/v1/platforms/`).',
    example: ['ebay', 'discogs'],
    type: [String],
  })
  platforms!: string[];

  @ApiProperty({ description: 'End the other listings of an item once it sells on one platform.', example: true })
  delist_on_sale!: boolean;

  @ApiProperty({ description: "Accept buyers' offers where the platform supports them.", example: false })
  accept_offers!: boolean;

  @ApiProperty({
    description: 'Business days promised between a sale and its shipment.',
    example: 1,
    minimum: 0,
    maximum: MAX_HANDLING_DAYS,
  })
  handling_days!: number;
}

export class PreferencesDto {
  @ApiProperty({ description: 'ISO 4217 currency the apps show amounts in.', example: 'USD' })
  currency!: string;

  @ApiProperty({ description: 'IANA time zone for dates and reports, as the server names it canonically.', example: 'America/New_York' })
  timezone!: string;

  @ApiProperty({ description: 'Which notifications to send, and how.', type: NotificationPreferencesDto })
  notifications!: NotificationPreferencesDto;

  @ApiProperty({ description: 'Settings new listings start from.', type: ListingDefaultsDto })
  listing_defaults!: ListingDefaultsDto;
}

const Choice = (description: string) =>
  applyDecorators(ApiPropertyOptional({ description, example: true }), NotNullIfPresent(), IsBoolean());

export class UpdateNotificationPreferencesDto {
  @Choice('Email me when an item sells.') sale_email?: boolean;
  @Choice('Push a notification to my devices when an item sells.') sale_push?: boolean;
  @Choice('Email me when an order is marked shipped.') order_shipped_email?: boolean;
  @Choice('Email me when a marketplace refuses or ends a listing.') listing_error_email?: boolean;
  @Choice('Push a notification when a marketplace refuses or ends a listing.') listing_error_push?: boolean;
  @Choice('Email me when an import or export finishes.') import_finished_email?: boolean;
  @Choice('A weekly email of sales, profit and stale stock.') weekly_summary_email?: boolean;
  @Choice('News about Instica itself (opt-in).') product_news_email?: boolean;
}

export class UpdateListingDefaultsDto {
  @ApiPropertyOptional({ description: 'Platform slugs preselected when listing an item; each must be a known platform.', type: [String] })
  @NotNullIfPresent()
  @IsArray()
  @ArrayMaxSize(20, { message: 'Ensure this field has no more than 20 elements.' })
  @IsString({ each: true, message: Msg.string })
  platforms?: string[];

  @ApiPropertyOptional({ description: 'End the other listings of an item once it sells on one platform.', example: true })
  @NotNullIfPresent()
  @IsBoolean()
  delist_on_sale?: boolean;

  @ApiPropertyOptional({ description: "Accept buyers' offers where the platform supports them.", example: false })
  @NotNullIfPresent()
  @IsBoolean()
  accept_offers?: boolean;

  @ApiPropertyOptional({
    description: 'Business days promised between a sale and its shipment.',
    example: 2,
    minimum: 0,
    maximum: MAX_HANDLING_DAYS,
  })
  @NotNullIfPresent()
  @IsInt()
  @Min(0, { message: 'Ensure this value is greater than or equal to 0.' })
  @Max(MAX_HANDLING_DAYS, { message: `Ensure this value is less than or equal to ${MAX_HANDLING_DAYS}.` })
  handling_days?: number;
}

/** Only the fields sent change, inside `notifications` and `listing_defaults` too. */
export class UpdatePreferencesDto {
  @ApiPropertyOptional({ description: 'ISO 4217 currency code (`USD`, `EUR`, `GBP`...).', example: 'EUR' })
  @NotNullIfPresent()
  @IsString()
  currency?: string;

  @ApiPropertyOptional({ description: 'IANA time zone name (`Europe/London`); stored under its canonical name.', example: 'Europe/London' })
  @NotNullIfPresent()
  @IsString()
  @MaxLength(64, { message: Msg.maxLength(64) })
  timezone?: string;

  @ApiPropertyOptional({ description: 'Notification choices to change.', type: UpdateNotificationPreferencesDto })
  @NotNullIfPresent()
  @IsJsonObject()
  @ValidateNested()
  @Type(() => UpdateNotificationPreferencesDto)
  notifications?: UpdateNotificationPreferencesDto;

  @ApiPropertyOptional({ description: 'Listing defaults to change.', type: UpdateListingDefaultsDto })
  @NotNullIfPresent()
  @IsJsonObject()
  @ValidateNested()
  @Type(() => UpdateListingDefaultsDto)
  listing_defaults?: UpdateListingDefaultsDto;
}
