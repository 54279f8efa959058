import { ApiProperty } from '@nestjs/swagger';
import { dateTimeProperty as dateTime, moneyProperty as money } from '../../../common/swagger/properties.js';
import { InventoryItemSummaryDto } from '../../inventory/index.js';
import { PlatformRefDto, PlatformSummaryDto } from '../../platforms/index.js';
import { PRODUCT_TYPES, type ProductType } from '../entities/product.entity.js';
import { PRICE_COMPUTED_DESCRIPTION, RESOLVED_IDENTIFIER_DESCRIPTION } from '../products.rules.js';

export class NamedRefDto {
  @ApiProperty({ description: 'Identifier.', example: 'art_x1y2' })
  uid!: string;

  @ApiProperty({ description: 'Name.', example: 'The Beatles' })
  name!: string;
}

export class MarketplacePresenceDto {
  @ApiProperty({ description: 'Presence record ID.', example: 1 })
  id!: number;

  @ApiProperty({ type: PlatformRefDto, nullable: true, description: 'The platform.' })
  platform!: PlatformRefDto | null;

  @ApiProperty({ description: 'Marketplace listing identifier.', type: String, nullable: true, example: '28457123' })
  external_listing_id!: string | null;

  @ApiProperty({
    description: 'Link to the marketplace listing.',
    type: String,
    nullable: true,
    example: 'https://discogs.com/sell/item/28457123',
  })
  external_url!: string | null;

  @ApiProperty({ description: 'Listing status on the platform.', type: String, nullable: true, example: 'active' })
  status!: string | null;

  @ApiProperty(money('Price in the listing currency.', '29.99'))
  listing_price!: string | null;

  @ApiProperty({ description: 'Currency code.', type: String, nullable: true, example: 'USD' })
  listing_currency!: string | null;

  @ApiProperty(money('Price in USD.', '29.99'))
  listing_price_usd!: string | null;

  @ApiProperty({ description: 'Whether selling is active.', example: true })
  is_selling_enabled!: boolean;

  @ApiProperty(dateTime('When a price was last set.', true))
  price_last_updated!: string | null;

  @ApiProperty(dateTime('Last platform sync check.', true))
  last_checked_at!: string | null;

  @ApiProperty(dateTime('Creation timestamp.'))
  created_at!: string;

  @ApiProperty(dateTime('Last update timestamp.'))
  updated_at!: string;
}

export class RedbubblePresenceDto {
  @ApiProperty({ description: 'Whether the product has a Redbubble presence.', example: false })
  exists!: boolean;

  @ApiProperty({ description: 'Link to it.', type: String, nullable: true })
  external_url!: string | null;

  @ApiProperty({ description: 'Its Redbubble listing id.', type: String, nullable: true })
  external_listing_id!: string | null;

  @ApiProperty({ description: 'Its status.', type: String, nullable: true })
  status!: string | null;
}

export class ProductMetadataDto {
  @ApiProperty({
    description: 'Identifier on the source the product was imported from.',
    type: String,
    nullable: true,
    example: 'r1234567',
  })
  external_id!: string | null;

  @ApiProperty({ description: 'Title of that external record.', type: String, nullable: true })
  external_id_title!: string | null;
}

export class ProductDto {
  @ApiProperty({ description: 'Unique identifier.', example: 'prod_a1b2c3' })
  uid!: string;

  @ApiProperty({ description: 'Product title.', example: 'Abbey Road' })
  title!: string;

  @ApiProperty({ description: 'Product type.', enum: PRODUCT_TYPES, example: 'physical' })
  type!: ProductType;

  @ApiProperty({ description: 'Human-readable type.', example: 'Physical' })
  type_display!: string;

  @ApiProperty({ type: NamedRefDto, nullable: true, description: 'The artist `{uid, name}`.' })
  artist!: NamedRefDto | null;

  @ApiProperty({ type: NamedRefDto, nullable: true, description: 'The music label `{uid, name}`.' })
  music_label!: NamedRefDto | null;

  @ApiProperty({ description: 'Catalog/release number.', type: String, nullable: true, example: 'PCS 7088' })
  catalog_number!: string | null;

  @ApiProperty({ description: 'Custom SKU.', type: String, nullable: true })
  sku!: string | null;

  @ApiProperty({ description: 'Universal Product Code.', type: String, nullable: true, example: '0077774644020' })
  upc!: string | null;

  @ApiProperty({ description: 'Media formats.', type: [String], nullable: true, example: ['Vinyl'] })
  formats!: string[] | null;

  @ApiProperty({ description: 'Release year (`YYYY` or `YYYY-MM-DD`, as given).', type: String, nullable: true, example: '1969' })
  year!: string | null;

  @ApiProperty({ description: 'Description for marketplace listings.', type: String, nullable: true })
  marketplace_description!: string | null;

  @ApiProperty({ description: 'License type code.', type: String, nullable: true })
  license_type!: string | null;

  @ApiProperty({ description: 'License details.', type: String, nullable: true })
  license_notes!: string | null;

  @ApiProperty({ description: 'Tags.', type: [String], example: ['classic-rock', 'uk-pressing'] })
  tags!: string[];

  @ApiProperty({ description: 'Media type classification.', type: String, nullable: true })
  media_type!: string | null;

  @ApiProperty({ description: 'Mature content flag.', example: false })
  is_mature_content!: boolean;

  @ApiProperty({ description: 'Default listing visibility.', type: String, nullable: true })
  default_visibility!: string | null;

  @ApiProperty({ description: 'Show in shop by default.', example: false })
  default_shop_product!: boolean;

  @ApiProperty({ description: 'Display background color.', type: String, nullable: true })
  background_color!: string | null;

  @ApiProperty({ description: 'Enabled product types configuration.', type: 'object', additionalProperties: true, nullable: true })
  enabled_product_types!: Record<string, unknown> | null;

  @ApiProperty({ description: 'Collection assignments.', type: 'object', additionalProperties: true, nullable: true })
  collections!: Record<string, unknown> | null;

  @ApiProperty({ ...money(PRICE_COMPUTED_DESCRIPTION, '29.99') })
  price_computed_usd!: string | null;

  @ApiProperty(money('User-set price override.', '29.99'))
  price_override_usd!: string | null;

  @ApiProperty({ description: RESOLVED_IDENTIFIER_DESCRIPTION, type: String, nullable: true, example: '0077774644020' })
  resolved_identifier!: string | null;

  @ApiProperty({
    description: 'Source of resolved_identifier.',
    type: String,
    nullable: true,
    enum: ['upc', 'catalog_number', 'sku', 'external_id'],
    example: 'upc',
  })
  resolved_identifier_source!: string | null;

  @ApiProperty({
    description: 'Primary image URL: the uploaded image, else the first photo of its inventory items, else a marketplace presence image.',
    type: String,
    nullable: true,
  })
  product_image!: string | null;

  @ApiProperty({ description: 'Non-deleted inventory items.', example: 3 })
  total_inventory_count!: number;

  @ApiProperty({ description: 'Items with status `listed`.', example: 1 })
  listed_inventory_count!: number;

  @ApiProperty({ description: 'Items available for sale (received or ready to sell).', example: 2 })
  available_inventory_count!: number;

  @ApiProperty({
    description: 'Whether the product has a primary digital asset (digital assets are not supported yet: always false).',
    example: false,
  })
  has_primary_asset!: boolean;

  @ApiProperty({ type: [InventoryItemSummaryDto], description: 'Its non-deleted inventory items, oldest first.' })
  inventory_items!: InventoryItemSummaryDto[];

  @ApiProperty({ type: [PlatformSummaryDto], description: 'Active platforms that sell this type of product.' })
  available_platforms!: PlatformSummaryDto[];

  @ApiProperty({ type: [MarketplacePresenceDto], description: 'Its marketplace presences, oldest first.' })
  marketplace_presences!: MarketplacePresenceDto[];

  @ApiProperty({ type: RedbubblePresenceDto })
  redbubble_presence!: RedbubblePresenceDto;

  @ApiProperty({ type: ProductMetadataDto, nullable: true, description: 'Import metadata `{external_id, external_id_title}`.' })
  metadata!: ProductMetadataDto | null;

  @ApiProperty(dateTime('Creation timestamp.'))
  created!: string;

  @ApiProperty(dateTime('Last update timestamp.'))
  updated!: string;
}
