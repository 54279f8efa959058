import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { IsJsonObject, IsMoney, NotNullIfPresent, OptionalText } from '../../../common/validation/fields.js';
import { SHIPMENT_CARRIERS } from '../../inventory/index.js';
import { SHIPMENT_STATUSES } from '../orders.rules.js';

const CARRIER_CODES = Object.keys(SHIPMENT_CARRIERS);
const DATE_TIME_MESSAGE = 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].';

/** A blank string is null: the shipment fields take null and blank alike. */
const BlankIsNull = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? null : value));

/** An optional, nullable, blank-allowed text field of at most `maxLength` characters. */
const ShipmentText = (maxLength: number) => applyDecorators(BlankIsNull(), OptionalText(maxLength));

/** An optional, nullable date-time. */
const ShipmentDateTime = () =>
  applyDecorators(
    BlankIsNull(),
    IsOptional(),
    IsString({ message: DATE_TIME_MESSAGE }),
    IsISO8601({ strict: true }, { message: DATE_TIME_MESSAGE }),
  );

/** An optional, nullable JSON object. */
const ShipmentObject = () => applyDecorators(IsOptional(), IsJsonObject());

/** A carrier code of `choices/shipment-carriers/`. */
const Carrier = () =>
  IsIn(CARRIER_CODES, { message: (args: { value: unknown }) => `${Msg.choice(args.value)} Use one of: ${CARRIER_CODES.join(', ')}.` });

/** The buyer's address, each part optional (a nested update changes only the parts sent; blank clears an optional one). */
export class OrderAddressInputDto {
  @ApiPropertyOptional({ description: 'Recipient name.', example: 'John Doe', maxLength: 200 })
  @NotNullIfPresent()
  @IsString()
  @MaxLength(200, { message: Msg.maxLength(200) })
  name?: string;

  @ApiPropertyOptional({ description: 'Recipient email.', type: String, nullable: true, example: 'john@example.com', maxLength: 254 })
  @BlankIsNull()
  @OptionalText(254)
  @IsEmail({}, { message: Msg.email })
  email_address?: string | null;

  @ApiPropertyOptional({ description: 'Recipient phone.', type: String, nullable: true, example: '+15551234567', maxLength: 50 })
  @BlankIsNull()
  @OptionalText(50)
  phone_number?: string | null;

  @ApiPropertyOptional({ description: 'Street number.', type: String, nullable: true, example: '123', maxLength: 50 })
  @BlankIsNull()
  @OptionalText(50)
  street_number?: string | null;

  @ApiPropertyOptional({ description: 'Street address line 1.', example: '123 Main St', maxLength: 200 })
  @NotNullIfPresent()
  @IsString()
  @MaxLength(200, { message: Msg.maxLength(200) })
  street_1?: string;

  @ApiPropertyOptional({ description: 'Street address line 2.', type: String, nullable: true, example: 'Apt 4B', maxLength: 200 })
  @BlankIsNull()
  @OptionalText(200)
  street_2?: string | null;

  @ApiPropertyOptional({ description: 'City.', example: 'Los Angeles', maxLength: 100 })
  @NotNullIfPresent()
  @IsString()
  @MaxLength(100, { message: Msg.maxLength(100) })
  city?: string;

  @ApiPropertyOptional({ description: 'State or province.', example: 'CA', maxLength: 100 })
  @NotNullIfPresent()
  @IsString()
  @MaxLength(100, { message: Msg.maxLength(100) })
  state_province?: string;

  @ApiPropertyOptional({ description: 'Postal/ZIP code.', example: '90001', maxLength: 20 })
  @NotNullIfPresent()
  @IsString()
  @MaxLength(20, { message: Msg.maxLength(20) })
  postal_code?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 country code (any case; stored uppercase; blank when unknown).', example: 'US' })
  @NotNullIfPresent()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @ValidateIf((_object: object, value: unknown) => value !== '')
  @IsISO31661Alpha2({ message: 'Enter a valid ISO 3166-1 alpha-2 country code.' })
  country?: string;
}

/** `POST /api/v1/inventory/{uid}/order/ship/`. */
export class ShipOrderDto {
  @ApiProperty({ description: 'Carrier tracking number.', example: '1Z999AA10123456784', maxLength: 100 })
  @IsDefined({ message: Msg.required })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty({ message: Msg.blank })
  @MaxLength(100, { message: Msg.maxLength(100) })
  tracking_number!: string;

  @ApiProperty({
    description: 'Carrier code, from `GET /api/v1/inventory/choices/shipment-carriers/`.',
    enum: CARRIER_CODES,
    example: 'ups',
  })
  @IsDefined({ message: Msg.required })
  @IsString()
  @Carrier()
  carrier!: string;
}

/** `PUT`/`PATCH /api/v1/inventory/{uid}/order/`: the writable shipment fields, each optional, null and blank allowed. */
export class UpdateOrderDto {
  @ApiPropertyOptional({ description: 'Shipping service identifier.', type: String, nullable: true, maxLength: 100 })
  @ShipmentText(100)
  shipment_service_id?: string | null;

  @ApiPropertyOptional({
    description: 'Carrier tracking number (one makes the order `shipped`).',
    type: String,
    nullable: true,
    maxLength: 100,
  })
  @ShipmentText(100)
  shipment_tracking_number?: string | null;

  @ApiPropertyOptional({ description: 'When tracking was created (ISO 8601).', type: String, format: 'date-time', nullable: true })
  @ShipmentDateTime()
  shipment_tracking_created?: string | null;

  @ApiPropertyOptional({
    description: 'Carrier code, from `GET /api/v1/inventory/choices/shipment-carriers/`.',
    type: String,
    enum: CARRIER_CODES,
    nullable: true,
  })
  @BlankIsNull()
  @IsOptional()
  @IsString()
  @Carrier()
  shipment_carrier?: string | null;

  @ApiPropertyOptional({
    description: `Shipment status: ${SHIPMENT_STATUSES.join(', ')} (\`delivered\` completes the order; \`shipped\` and \`in_transit\` make it shipped).`,
    type: String,
    enum: SHIPMENT_STATUSES,
    nullable: true,
  })
  @BlankIsNull()
  @IsOptional()
  @IsString()
  @IsIn(SHIPMENT_STATUSES, { message: (args: { value: unknown }) => Msg.choice(args.value) })
  shipment_status?: string | null;

  @ApiPropertyOptional({ description: 'Full rate quote data.', type: 'object', additionalProperties: true, nullable: true })
  @ShipmentObject()
  shipment_rate_detail?: Record<string, unknown> | null;

  @ApiPropertyOptional({ description: 'Whether rate retrieval was attempted (null is false).', type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean({ message: Msg.boolean })
  shipment_rate_retrieval_tried?: boolean | null;

  @ApiPropertyOptional({ description: 'Cheapest rate price (decimal).', type: String, nullable: true, example: '4.50' })
  @BlankIsNull()
  @IsOptional()
  @IsMoney()
  shipment_rate_cheapest_price?: string | null;

  @ApiPropertyOptional({ description: 'Carrier of the cheapest rate.', type: String, nullable: true, maxLength: 30 })
  @ShipmentText(30)
  shipment_rate_cheapest_carrier?: string | null;

  @ApiPropertyOptional({ description: 'Product name of the cheapest rate.', type: String, nullable: true, maxLength: 200 })
  @ShipmentText(200)
  shipment_rate_cheapest_product?: string | null;

  @ApiPropertyOptional({ description: 'Service id of the cheapest rate.', type: String, nullable: true, maxLength: 100 })
  @ShipmentText(100)
  shipment_rate_cheapest_service_id?: string | null;

  @ApiPropertyOptional({ description: 'Label generation details.', type: 'object', additionalProperties: true, nullable: true })
  @ShipmentObject()
  label_detail?: Record<string, unknown> | null;

  @ApiPropertyOptional({ description: 'Label last updated (ISO 8601).', type: String, format: 'date-time', nullable: true })
  @ShipmentDateTime()
  label_last_updated?: string | null;

  @ApiPropertyOptional({ description: 'Raw recipient data.', type: 'object', additionalProperties: true, nullable: true })
  @ShipmentObject()
  shipment_recipient_detail?: Record<string, unknown> | null;

  @ApiPropertyOptional({ description: 'Recipient details last synced (ISO 8601).', type: String, format: 'date-time', nullable: true })
  @ShipmentDateTime()
  shipment_recipient_last_updated?: string | null;

  @ApiPropertyOptional({
    description: "Nested update of the buyer's address (the parts sent change; the order gets one when it had none). Null removes it.",
    type: OrderAddressInputDto,
    nullable: true,
  })
  @IsOptional()
  @IsJsonObject()
  @ValidateNested()
  @Type(() => OrderAddressInputDto)
  shipment_address?: OrderAddressInputDto | null;
}

/** `POST /api/v1/inventory/{uid}/order/`: a sale made outside any platform. */
export class ManualSaleDto {
  @ApiProperty({ description: 'What the buyer paid for the item (decimal).', type: String, example: '25.00' })
  @IsDefined({ message: Msg.required })
  @IsMoney()
  sale_price!: string;

  @ApiPropertyOptional({ description: 'Shipping cost (decimal), if it ships.', type: String, nullable: true, example: '5.00' })
  @BlankIsNull()
  @IsOptional()
  @IsMoney()
  shipping_cost?: string | null;

  @ApiPropertyOptional({ description: 'When it sold (ISO 8601; now when absent).', type: String, format: 'date-time' })
  @NotNullIfPresent()
  @IsString({ message: DATE_TIME_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_TIME_MESSAGE })
  sold_at?: string;

  @ApiPropertyOptional({
    description: "The buyer's address when it ships; without one the sale is handed over at once (`completed`).",
    type: OrderAddressInputDto,
    nullable: true,
  })
  @IsOptional()
  @IsJsonObject()
  @ValidateNested()
  @Type(() => OrderAddressInputDto)
  shipment_address?: OrderAddressInputDto | null;
}
