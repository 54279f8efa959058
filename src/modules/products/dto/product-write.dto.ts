import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { Msg } from '../../../common/errors/messages.js';
import { IsJsonObject, IsMoney, IsReleaseYear, NotNullIfPresent, OptionalText } from '../../../common/validation/fields.js';
import { PRODUCT_TYPES, type ProductType } from '../entities/product.entity.js';

const choice = { message: (args: { value: unknown }) => Msg.choice(args.value) };
const MAX_TAGS = 100;

/** Fields both create and update accept; on update every field is optional, and blank or null clears text fields. */
export class ProductFieldsDto {
  @ApiPropertyOptional({ description: 'Catalog or release number.', example: 'PCS 7088', type: String, nullable: true, maxLength: 100 })
  @OptionalText(100)
  catalog_number?: string | null;

  @ApiPropertyOptional({ description: 'Custom SKU.', type: String, nullable: true, maxLength: 100 })
  @OptionalText(100)
  sku?: string | null;

  @ApiPropertyOptional({
    description: 'Universal Product Code (barcode).',
    example: '0077774644020',
    type: String,
    nullable: true,
    maxLength: 50,
  })
  @OptionalText(50)
  upc?: string | null;

  @ApiPropertyOptional({ description: 'Media formats.', example: ['Vinyl'], type: [String], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true, message: Msg.maxLength(50) })
  formats?: string[] | null;

  @ApiPropertyOptional({ description: 'Release year: `YYYY` or `YYYY-MM-DD`.', example: '1969', type: String, nullable: true })
  @IsOptional()
  @IsReleaseYear()
  year?: string | null;

  @ApiPropertyOptional({
    description:
      'Write-only. Links the music label with this name, creating it if the organization has none (names match ignoring case). Blank or null unlinks.',
    example: 'Apple Records',
    type: String,
    nullable: true,
    writeOnly: true,
    maxLength: 255,
  })
  @OptionalText(255)
  music_label_name?: string | null;

  @ApiPropertyOptional({
    description:
      'Write-only. Links the artist with this name, creating it if the organization has none (names match ignoring case). Blank or null unlinks.',
    example: 'The Beatles',
    type: String,
    nullable: true,
    writeOnly: true,
    maxLength: 255,
  })
  @OptionalText(255)
  artist_name?: string | null;

  @ApiPropertyOptional({ description: 'Description for marketplace listings.', type: String, nullable: true, maxLength: 20000 })
  @OptionalText(20000)
  marketplace_description?: string | null;

  @ApiPropertyOptional({
    description: `Tags, at most ${MAX_TAGS} characters each. Blank and repeated (ignoring case) tags are dropped.`,
    example: ['classic-rock', 'uk-pressing'],
    type: [String],
  })
  @NotNullIfPresent()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(MAX_TAGS, { each: true, message: Msg.maxLength(MAX_TAGS) })
  tags?: string[];

  @ApiPropertyOptional({ description: 'License type code.', type: String, nullable: true, maxLength: 100 })
  @OptionalText(100)
  license_type?: string | null;

  @ApiPropertyOptional({ description: 'License details.', type: String, nullable: true, maxLength: 5000 })
  @OptionalText(5000)
  license_notes?: string | null;

  @ApiPropertyOptional({
    description: 'Manual price override in USD: positive, or null to clear.',
    example: '29.99',
    type: String,
    nullable: true,
  })
  @IsOptional()
  @IsMoney({ positive: true })
  price_override_usd?: string | null;

  @ApiPropertyOptional({ description: 'Media type classification.', type: String, nullable: true, maxLength: 100 })
  @OptionalText(100)
  media_type?: string | null;

  @ApiPropertyOptional({ description: 'Mature content flag.', type: Boolean })
  @NotNullIfPresent()
  @IsBoolean()
  is_mature_content?: boolean;

  @ApiPropertyOptional({ description: 'Default listing visibility.', type: String, nullable: true, maxLength: 50 })
  @OptionalText(50)
  default_visibility?: string | null;

  @ApiPropertyOptional({ description: 'Show in shop by default.', type: Boolean })
  @NotNullIfPresent()
  @IsBoolean()
  default_shop_product?: boolean;

  @ApiPropertyOptional({ description: 'Display background color.', example: '#ffffff', type: String, nullable: true, maxLength: 50 })
  @OptionalText(50)
  background_color?: string | null;

  @ApiPropertyOptional({
    description: 'Enabled product type configuration (JSON object).',
    type: 'object',
    additionalProperties: true,
    nullable: true,
  })
  @IsOptional()
  @IsJsonObject()
  enabled_product_types?: Record<string, unknown> | null;

  @ApiPropertyOptional({ description: 'Collection assignments (JSON object).', type: 'object', additionalProperties: true, nullable: true })
  @IsOptional()
  @IsJsonObject()
  collections?: Record<string, unknown> | null;
}

export class CreateProductDto extends ProductFieldsDto {
  @ApiProperty({ description: 'Product title; must not be blank.', example: 'Abbey Road', maxLength: 500 })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @MaxLength(500, { message: Msg.maxLength(500) })
  title!: string;

  @ApiPropertyOptional({ description: 'Product type (default `digital`).', enum: PRODUCT_TYPES, default: 'digital' })
  @NotNullIfPresent()
  @IsIn(PRODUCT_TYPES, choice)
  type?: ProductType;
}

export class UpdateProductDto extends ProductFieldsDto {
  @ApiPropertyOptional({
    description: 'Product title; blank or null leaves it empty.',
    example: 'Abbey Road (Remastered)',
    type: String,
    nullable: true,
    maxLength: 500,
  })
  @OptionalText(500)
  title?: string | null;

  @ApiPropertyOptional({
    description:
      'Product type. A change must suit the platforms the product has marketplace presences on (a digital product cannot stay on Discogs).',
    enum: PRODUCT_TYPES,
  })
  @NotNullIfPresent()
  @IsIn(PRODUCT_TYPES, choice)
  type?: ProductType;
}
