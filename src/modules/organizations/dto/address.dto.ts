import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsEmail, IsISO31661Alpha2, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { dateTimeProperty } from '../../../common/swagger/properties.js';
import { NotNullIfPresent, OptionalText } from '../../../common/validation/fields.js';

/** A text field the address must have: required on create (`required`), never null nor blank. */
const AddressText = (maxLength: number, required: boolean) =>
  applyDecorators(
    required ? IsDefined({ message: Msg.required }) : NotNullIfPresent(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString({ message: Msg.string }),
    IsNotEmpty({ message: Msg.blank }),
    MaxLength(maxLength, { message: Msg.maxLength(maxLength) }),
  );

const Country = (required: boolean) =>
  applyDecorators(
    required ? IsDefined({ message: Msg.required }) : NotNullIfPresent(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)),
    IsISO31661Alpha2({ message: 'Enter a valid ISO 3166-1 alpha-2 country code.' }),
  );

const OptionalEmail = () => applyDecorators(OptionalText(254), IsEmail({}, { message: Msg.email }));

export class AddressDto {
  @ApiProperty({ description: 'Address identifier.', example: 'adr_5Hq2Lm9Kp3Xw7Tz1' })
  uid!: string;

  @ApiProperty({ description: 'Recipient or sender name.', example: 'Groove Records' })
  name!: string;

  @ApiProperty({ description: 'Contact email.', type: String, nullable: true, example: 'ship@grooverecords.example' })
  email_address!: string | null;

  @ApiProperty({ description: 'Contact phone.', type: String, nullable: true, example: '+15551234567' })
  phone_number!: string | null;

  @ApiProperty({ description: 'Street number.', type: String, nullable: true, example: '42' })
  street_number!: string | null;

  @ApiProperty({ description: 'Street address line 1.', example: 'Main Street' })
  street_1!: string;

  @ApiProperty({ description: 'Street address line 2.', type: String, nullable: true, example: 'Unit 3' })
  street_2!: string | null;

  @ApiProperty({ description: 'City.', example: 'Portland' })
  city!: string;

  @ApiProperty({ description: 'State or province.', example: 'OR' })
  state_province!: string;

  @ApiProperty({ description: 'Postal/ZIP code.', example: '97201' })
  postal_code!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code.', example: 'US' })
  country!: string;

  @ApiProperty({ description: "Whether this is the organization's primary address (exactly one is, while any exists).", example: true })
  is_primary!: boolean;

  @ApiProperty(dateTimeProperty('When the address was added.'))
  created!: string;

  @ApiProperty(dateTimeProperty('When the address last changed.'))
  updated!: string;
}

export class CreateAddressDto {
  @ApiProperty({ description: 'Recipient or sender name.', example: 'Groove Records', maxLength: 200 })
  @AddressText(200, true)
  name!: string;

  @ApiPropertyOptional({
    description: 'Contact email.',
    type: String,
    nullable: true,
    example: 'ship@grooverecords.example',
    maxLength: 254,
  })
  @OptionalEmail()
  email_address?: string | null;

  @ApiPropertyOptional({ description: 'Contact phone.', type: String, nullable: true, example: '+15551234567', maxLength: 50 })
  @OptionalText(50)
  phone_number?: string | null;

  @ApiPropertyOptional({ description: 'Street number.', type: String, nullable: true, example: '42', maxLength: 50 })
  @OptionalText(50)
  street_number?: string | null;

  @ApiProperty({ description: 'Street address line 1.', example: 'Main Street', maxLength: 200 })
  @AddressText(200, true)
  street_1!: string;

  @ApiPropertyOptional({ description: 'Street address line 2.', type: String, nullable: true, example: 'Unit 3', maxLength: 200 })
  @OptionalText(200)
  street_2?: string | null;

  @ApiProperty({ description: 'City.', example: 'Portland', maxLength: 100 })
  @AddressText(100, true)
  city!: string;

  @ApiProperty({ description: 'State or province.', example: 'OR', maxLength: 100 })
  @AddressText(100, true)
  state_province!: string;

  @ApiProperty({ description: 'Postal/ZIP code.', example: '97201', maxLength: 20 })
  @AddressText(20, true)
  postal_code!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code (any case; stored uppercase).', example: 'US' })
  @Country(true)
  country!: string;

  @ApiPropertyOptional({
    description: 'Make this the primary address (the previous primary stops being it). The first address is primary whatever is sent.',
    example: false,
  })
  @NotNullIfPresent()
  @IsBoolean({ message: Msg.boolean })
  is_primary?: boolean;
}

/** Partial update: only the fields sent change. */
export class UpdateAddressDto {
  @ApiPropertyOptional({ description: 'Recipient or sender name.', example: 'Groove Records', maxLength: 200 })
  @AddressText(200, false)
  name?: string;

  @ApiPropertyOptional({
    description: 'Contact email.',
    type: String,
    nullable: true,
    example: 'ship@grooverecords.example',
    maxLength: 254,
  })
  @OptionalEmail()
  email_address?: string | null;

  @ApiPropertyOptional({ description: 'Contact phone.', type: String, nullable: true, example: '+15551234567', maxLength: 50 })
  @OptionalText(50)
  phone_number?: string | null;

  @ApiPropertyOptional({ description: 'Street number.', type: String, nullable: true, example: '42', maxLength: 50 })
  @OptionalText(50)
  street_number?: string | null;

  @ApiPropertyOptional({ description: 'Street address line 1.', example: 'Main Street', maxLength: 200 })
  @AddressText(200, false)
  street_1?: string;

  @ApiPropertyOptional({ description: 'Street address line 2.', type: String, nullable: true, example: 'Unit 3', maxLength: 200 })
  @OptionalText(200)
  street_2?: string | null;

  @ApiPropertyOptional({ description: 'City.', example: 'Portland', maxLength: 100 })
  @AddressText(100, false)
  city?: string;

  @ApiPropertyOptional({ description: 'State or province.', example: 'OR', maxLength: 100 })
  @AddressText(100, false)
  state_province?: string;

  @ApiPropertyOptional({ description: 'Postal/ZIP code.', example: '97201', maxLength: 20 })
  @AddressText(20, false)
  postal_code?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 country code (any case; stored uppercase).', example: 'US' })
  @Country(false)
  country?: string;

  @ApiPropertyOptional({
    description:
      '`true` makes this the primary address (the previous primary stops being it). `false` on the primary is refused: make another one primary instead.',
    example: true,
  })
  @NotNullIfPresent()
  @IsBoolean({ message: Msg.boolean })
  is_primary?: boolean;
}
