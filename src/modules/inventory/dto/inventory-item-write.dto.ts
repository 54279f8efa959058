import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, registerDecorator } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { IsJsonObject, IsMoney, IsReleaseYear, NotNullIfPresent, OptionalText } from '../../../common/validation/fields.js';
import { CONDITIONS, CONTAINER_STATES, INVENTORY_STATUS_CODES, type InventoryStatus, normalizeCondition } from '../inventory.rules.js';

/** A grade as sellers write it (`VG+`, `vg_plus`, `Near Mint (NM or M-)`), stored as its code; an unknown grade is refused. */
function IsCondition(scale: 'item' | 'container') {
  const normalize = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (normalizeCondition(value, scale as 'item') ?? value) : value,
  );
  const codes = scale === 'item' ? Object.keys(CONDITIONS) : [...Object.keys(CONDITIONS), ...Object.keys(CONTAINER_STATES)];
  return (target: object, propertyName: string) => {
    normalize(target, propertyName);
    IsOptional()(target, propertyName);
    registerDecorator({
      name: 'isCondition',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && codes.includes(value),
        defaultMessage: (args) => (typeof args?.value === 'string' ? Msg.choice(args.value) : Msg.string),
      },
    });
  };
}

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** The item fields create and update both take; on update every field is optional. Blank or null clears a text field. */
export class InventoryItemFieldsDto {
  @ApiPropertyOptional({ description: 'Manual name: overrides the computed title.', type: String, nullable: true, maxLength: 500 })
  @OptionalText(500)
  name?: string | null;

  @ApiPropertyOptional({
    description:
      'Item condition grade: a code (`mint, nm, vg_plus, vg, good_plus, good, fair, poor`) or the way graders write it (`VG+`, `Near Mint (NM or M-)`), stored as the code. Null clears it.',
    type: String,
    nullable: true,
    example: 'vg_plus',
  })
  @IsCondition('item')
  condition_item?: string | null;

  @ApiPropertyOptional({
    description:
      'Container (sleeve) condition: a grade as for condition_item, or `generic`, `not_graded`, `no_cover`. Mirrors condition_item unless condition_container_manually_set is true; sending it sets that flag.',
    type: String,
    nullable: true,
    example: 'vg',
  })
  @IsCondition('container')
  condition_container?: string | null;

  @ApiPropertyOptional({
    description: 'True stops the container grade from mirroring the item grade; false makes it mirror again.',
    type: Boolean,
  })
  @NotNullIfPresent()
  @IsBoolean({ message: Msg.boolean })
  condition_container_manually_set?: boolean;

  @ApiPropertyOptional({ description: 'Free-text condition notes.', type: String, nullable: true, maxLength: 5000 })
  @OptionalText(5000)
  condition_comments?: string | null;

  @ApiPropertyOptional({ description: 'Seller-facing condition notes.', type: String, nullable: true, maxLength: 5000 })
  @OptionalText(5000)
  condition_seller_description?: string | null;

  @ApiPropertyOptional({
    description: 'Total listing price in USD (at most 12 digits, 2 decimals).',
    type: String,
    nullable: true,
    example: '34.99',
  })
  @IsOptional()
  @IsMoney()
  price_total_usd?: string | null;

  @ApiPropertyOptional({ description: 'Item-only price in USD.', type: String, nullable: true, example: '29.99' })
  @IsOptional()
  @IsMoney()
  price_item_usd?: string | null;

  @ApiPropertyOptional({ description: 'Shipping price in USD.', type: String, nullable: true, example: '5.00' })
  @IsOptional()
  @IsMoney()
  price_shipping_usd?: string | null;

  @ApiPropertyOptional({ description: 'Expected/target price in USD.', type: String, nullable: true, example: '35.00' })
  @IsOptional()
  @IsMoney()
  price_expected_usd?: string | null;

  @ApiPropertyOptional({ description: 'Cost basis in USD (at most 7 digits, 2 decimals).', type: String, nullable: true, example: '12.00' })
  @IsOptional()
  @IsMoney({ maxDigits: 7 })
  price_purchased_item?: string | null;

  @ApiPropertyOptional({
    description: 'Purchase shipping cost in USD (at most 7 digits, 2 decimals).',
    type: String,
    nullable: true,
    example: '3.50',
  })
  @IsOptional()
  @IsMoney({ maxDigits: 7 })
  price_for_purchases_shipping?: string | null;

  @ApiPropertyOptional({ description: 'Current marketplace listing price in USD.', type: String, nullable: true, example: '34.99' })
  @IsOptional()
  @IsMoney()
  listing_current_price?: string | null;

  @ApiPropertyOptional({
    description:
      'Status (default `draft` on create). `listed` is set by the listing engine and `sold` by orders, never by hand; a listed or sold item keeps its status.',
    enum: INVENTORY_STATUS_CODES,
  })
  @NotNullIfPresent()
  @IsIn(INVENTORY_STATUS_CODES, { message: (args: { value: unknown }) => Msg.choice(args.value) })
  status?: InventoryStatus;

  @ApiPropertyOptional({
    description: 'Write-only. Item type by uid (see GET /api/v1/inventory/types/); null clears it.',
    type: String,
    nullable: true,
    writeOnly: true,
    example: 'type_vinyl',
  })
  @OptionalText(32)
  inventory_item_type_uid?: string | null;

  @ApiPropertyOptional({ description: 'Custom description.', type: String, nullable: true, maxLength: 20000 })
  @OptionalText(20000)
  manual_description?: string | null;

  @ApiPropertyOptional({ description: 'Custom SKU.', type: String, nullable: true, maxLength: 100 })
  @OptionalText(100)
  manual_sku?: string | null;

  @ApiPropertyOptional({ description: 'Free-text notes.', type: String, nullable: true, maxLength: 5000 })
  @OptionalText(5000)
  notes?: string | null;

  @ApiPropertyOptional({
    description: 'Where the item is kept: a shelf, a crate.',
    type: String,
    nullable: true,
    maxLength: 200,
    example: 'Crate 12',
  })
  @OptionalText(200)
  location?: string | null;
}

export class CreateInventoryItemDto extends InventoryItemFieldsDto {
  @ApiPropertyOptional({ description: 'Link to this existing product (give this or product_title).', example: 'prod_a1b2c3' })
  @NotNullIfPresent()
  @IsString()
  @MaxLength(32, { message: Msg.maxLength(32) })
  product_uid?: string;

  @ApiPropertyOptional({
    description: 'Create a product (type `physical`) with this title and link the item to it (give this or product_uid).',
    example: 'Abbey Road',
    maxLength: 500,
  })
  @NotNullIfPresent()
  @IsString()
  @trim
  @IsNotEmpty({ message: Msg.blank })
  @MaxLength(500, { message: Msg.maxLength(500) })
  product_title?: string;

  @ApiPropertyOptional({
    description: 'Write-only. Catalog number of the created product.',
    example: 'PCS 7088',
    writeOnly: true,
    maxLength: 100,
  })
  @OptionalText(100)
  product_catalog_number?: string | null;

  @ApiPropertyOptional({ description: 'Write-only. SKU of the created product.', writeOnly: true, maxLength: 100 })
  @OptionalText(100)
  product_sku?: string | null;

  @ApiPropertyOptional({ description: 'Write-only. UPC (barcode) of the created product.', writeOnly: true, maxLength: 50 })
  @OptionalText(50)
  product_upc?: string | null;

  @ApiPropertyOptional({
    description: 'Write-only. Release year of the created product: `YYYY` or `YYYY-MM-DD`.',
    example: '1969',
    writeOnly: true,
  })
  @IsOptional()
  @IsReleaseYear()
  product_year?: string | null;

  @ApiPropertyOptional({
    description: 'Write-only. Metadata of the created product; must include an `external_id` key.',
    type: 'object',
    additionalProperties: true,
    writeOnly: true,
    example: { external_id: 'discogs:1234567' },
  })
  @IsOptional()
  @IsJsonObject()
  product_metadata?: Record<string, unknown> | null;
}

export class UpdateInventoryItemDto extends InventoryItemFieldsDto {
  @ApiPropertyOptional({ description: 'Move the item to this product of the organization.', example: 'prod_a1b2c3' })
  @NotNullIfPresent()
  @IsString()
  @MaxLength(32, { message: Msg.maxLength(32) })
  product_uid?: string;
}
