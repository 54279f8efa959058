import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsEmail, IsString, MaxLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { dateTimeProperty } from '../../../common/swagger/properties.js';
import { OptionalText } from '../../../common/validation/fields.js';
import { PURCHASE_STATUSES } from '../digital.rules.js';

const trimmed = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class FulfillDigitalPurchaseDto {
  @ApiProperty({ description: 'The product whose digital assets the buyer gets; it must have at least one.', example: 'prod_a1b2c3' })
  @IsDefined({ message: Msg.required })
  @IsString({ message: Msg.string })
  @MaxLength(32, { message: Msg.maxLength(32) })
  product_uid!: string;

  @ApiProperty({ description: 'Where the download email goes (stored lowercased).', maxLength: 254, example: 'buyer@example.com' })
  @IsDefined({ message: Msg.required })
  @trimmed()
  @IsString({ message: Msg.string })
  @MaxLength(254, { message: Msg.maxLength(254) })
  @IsEmail({}, { message: Msg.email })
  buyer_email!: string;

  @ApiPropertyOptional({
    description: "The buyer's name, used to greet them.",
    type: String,
    nullable: true,
    maxLength: 200,
    example: 'Alex Doe',
  })
  @trimmed()
  @OptionalText(200)
  buyer_name?: string | null;

  @ApiPropertyOptional({
    description:
      'The order this fulfils. A product is fulfilled once per order: a second call with the same `order_uid` and product answers the existing purchase (200) and sends nothing.',
    type: String,
    nullable: true,
    maxLength: 64,
    example: 'ord_x1y2z3',
  })
  @trimmed()
  @OptionalText(64)
  order_uid?: string | null;
}

export class DigitalPurchaseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "Case-insensitive match on the buyer's email (or name), for example `example.com`.", maxLength: 254 })
  @OptionalText(254)
  search?: string;

  @ApiPropertyOptional({ description: 'Only purchases of this product (an unknown uid matches nothing).', maxLength: 32 })
  @OptionalText(32)
  product_uid?: string;
}

class PurchasedProductDto {
  @ApiProperty({ description: 'Product identifier.', example: 'prod_a1b2c3' })
  uid!: string;

  @ApiProperty({ description: 'Product title.', example: 'Abbey Road (Digital)' })
  title!: string;
}

/** A buyer's download right (seed 001, Digital fulfillment). The token is never shown: it is only in the emails. */
export class DigitalPurchaseDto {
  @ApiProperty({ description: 'Purchase identifier.', example: 'dpur_8Kq2Lm9Xw7Tz1Fh4' })
  uid!: string;

  @ApiProperty({
    description: 'The product, or null once it is deleted (its title stays in `product_title`).',
    type: PurchasedProductDto,
    nullable: true,
  })
  product!: PurchasedProductDto | null;

  @ApiProperty({ description: 'The product title when the purchase was made.', example: 'Abbey Road (Digital)' })
  product_title!: string;

  @ApiProperty({ description: "The buyer's email.", example: 'buyer@example.com' })
  buyer_email!: string;

  @ApiProperty({ description: "The buyer's name.", type: String, nullable: true, example: 'Alex Doe' })
  buyer_name!: string | null;

  @ApiProperty({ description: 'The order it fulfils.', type: String, nullable: true, example: 'ord_x1y2z3' })
  order_uid!: string | null;

  @ApiProperty({
    description: '`active` (the link works), `expired` (past `expires_at`) or `revoked` (by the seller).',
    enum: PURCHASE_STATUSES,
    example: 'active',
  })
  status!: string;

  @ApiProperty(dateTimeProperty('When the download link stops working.'))
  expires_at!: string;

  @ApiProperty({ description: 'Downloads allowed per asset (a resumed range is not a new download).', example: 5 })
  download_limit!: number;

  @ApiProperty({ description: 'Downloads started so far, all assets together (resumed ranges not counted).', example: 1 })
  download_count!: number;

  @ApiProperty({ description: 'Download emails sent (the first one and each resend).', example: 1 })
  emails_sent!: number;

  @ApiProperty(dateTimeProperty('When the last download email was queued.', true))
  last_emailed_at!: string | null;

  @ApiProperty(dateTimeProperty('When it was revoked.', true))
  revoked_at!: string | null;

  @ApiProperty(dateTimeProperty('When it was fulfilled.'))
  created!: string;
}

export class DigitalDownloadLogDto {
  @ApiProperty({ description: 'Download log entry identifier.', example: 'dlog_2Lm9Xw7Tz1Fh4Kq8' })
  uid!: string;

  @ApiProperty({ description: 'The asset downloaded (kept after the asset is deleted).', example: 'dast_4Fh8Kq2Lm9Xw7Tz1' })
  asset_uid!: string;

  @ApiProperty({ description: 'Its file name at the time.', example: 'album.zip' })
  file_name!: string;

  @ApiProperty(dateTimeProperty('When the request came.'))
  started_at!: string;

  @ApiProperty(dateTimeProperty('When the response ended (completed or cut off); null while it is being sent.', true))
  finished_at!: string | null;

  @ApiProperty({ description: 'Client IP address.', type: String, nullable: true, example: '203.0.113.7' })
  ip_address!: string | null;

  @ApiProperty({ description: 'Client user agent.', type: String, nullable: true, example: 'Mozilla/5.0' })
  user_agent!: string | null;

  @ApiProperty({ description: 'First byte sent: 0 for the whole file or a range from its start.', example: 0 })
  range_start!: number;

  @ApiProperty({ description: 'Bytes the response carries when complete.', example: 734003200 })
  bytes_expected!: number;

  @ApiProperty({ description: 'Bytes sent.', example: 734003200 })
  bytes_sent!: number;

  @ApiProperty({ description: 'A range continuing an earlier download of the asset: not counted as a new download.', example: false })
  is_resume!: boolean;

  @ApiProperty({ description: 'Whether every expected byte was sent.', example: true })
  completed!: boolean;
}
