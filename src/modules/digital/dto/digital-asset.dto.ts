import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { dateTimeProperty } from '../../../common/swagger/properties.js';
import { NotNullIfPresent, OptionalText, QueryBoolean } from '../../../common/validation/fields.js';
import { DESCRIPTION_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH } from '../digital.rules.js';

/** A downloadable file of a product (seed 001, Digital assets). */
export class DigitalAssetDto {
  @ApiProperty({ description: 'Digital asset identifier.', example: 'dast_4Fh8Kq2Lm9Xw7Tz1' })
  uid!: string;

  @ApiProperty({ description: 'The product the asset belongs to.', example: 'prod_a1b2c3' })
  product_uid!: string;

  @ApiProperty({ description: 'Name shown to buyers (the file name unless one was given).', example: 'Full Album Download' })
  display_name!: string;

  @ApiProperty({ description: 'Free text shown to buyers; empty when none.', example: 'FLAC files, 24-bit' })
  description!: string;

  @ApiProperty({ description: 'Name of the uploaded file, as buyers download it.', example: 'album.zip' })
  file_name!: string;

  @ApiProperty({
    description: 'Media type detected from the bytes (not the one the upload declared); `application/octet-stream` when unknown.',
    example: 'application/zip',
  })
  content_type!: string;

  @ApiProperty({ description: 'Size in bytes.', example: 734003200 })
  size_bytes!: number;

  @ApiProperty({
    description: 'SHA-256 of the file, in hex (the download ETag is this, quoted).',
    example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  })
  sha256!: string;

  @ApiProperty({
    description: "Whether this is the product's primary asset: its first asset is, until another is made primary.",
    example: true,
  })
  is_primary!: boolean;

  @ApiProperty(dateTimeProperty('When it was uploaded.'))
  created!: string;

  @ApiProperty(dateTimeProperty('When its metadata last changed.'))
  updated!: string;
}

/** The text fields of an upload (multipart/form-data: every value arrives as text); the body is declared on the operation. */
export class DigitalAssetUploadFieldsDto {
  @OptionalText(DISPLAY_NAME_MAX_LENGTH)
  display_name?: string;

  @OptionalText(DESCRIPTION_MAX_LENGTH)
  description?: string;

  /** `true`/`false`/`1`/`0` (any case). */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: Msg.boolean })
  is_primary?: boolean;
}

export class UpdateDigitalAssetDto {
  @ApiPropertyOptional({
    description: 'Name shown to buyers; not blank.',
    maxLength: DISPLAY_NAME_MAX_LENGTH,
    example: 'Full Album (FLAC)',
  })
  @NotNullIfPresent()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.blank })
  @MaxLength(DISPLAY_NAME_MAX_LENGTH, { message: Msg.maxLength(DISPLAY_NAME_MAX_LENGTH) })
  display_name?: string;

  @ApiPropertyOptional({
    description: 'Free text shown to buyers; empty to clear.',
    maxLength: DESCRIPTION_MAX_LENGTH,
    example: '24-bit/96 kHz',
  })
  @NotNullIfPresent()
  @IsString({ message: Msg.string })
  @MaxLength(DESCRIPTION_MAX_LENGTH, { message: Msg.maxLength(DESCRIPTION_MAX_LENGTH) })
  description?: string;

  @ApiPropertyOptional({
    description: '`true` makes this the primary asset of its product (the previous one stops being); `false` on the primary is a 400.',
    example: true,
  })
  @NotNullIfPresent()
  @IsBoolean({ message: Msg.boolean })
  is_primary?: boolean;
}
