import { ApiProperty } from '@nestjs/swagger';
import { PlatformListabilityDto } from '../../listings/index.js';
import { dateTimeProperty as dateTime, moneyProperty as money } from '../../../common/swagger/properties.js';
import { CONDITIONS, CONTAINER_STATES, GRADE_TIERS, INVENTORY_STATUS_CODES } from '../inventory.rules.js';
import { InventoryAssetDto } from './inventory-asset.dto.js';
import { ItemTypeRefDto } from './item-type.dto.js';

export class ItemArtistDto {
  @ApiProperty({ description: 'Artist identifier.', example: 'art_x1y2' })
  uid!: string;

  @ApiProperty({ description: 'Artist name.', example: 'The Beatles' })
  name!: string;
}

/** The parent product, as an item shows it. */
export class ItemProductDto {
  @ApiProperty({ description: 'Product identifier.', example: 'prod_a1b2c3' })
  uid!: string;

  @ApiProperty({ description: 'Product title.', example: 'Abbey Road' })
  title!: string;

  @ApiProperty({ description: '`physical` or `digital`.', enum: ['physical', 'digital'], example: 'physical' })
  type!: string;

  @ApiProperty({ description: "The product's artist.", type: ItemArtistDto, nullable: true })
  artist!: ItemArtistDto | null;

  @ApiProperty({ description: 'Catalog or release number.', type: String, nullable: true, example: 'PCS 7088' })
  catalog_number!: string | null;
}

export class ItemOrganizationDto {
  @ApiProperty({ description: 'Organization identifier.', example: 'org_abc' })
  uid!: string;

  @ApiProperty({ description: 'Name shown to people.', example: 'My Store' })
  display_name!: string;

  @ApiProperty({ description: 'URL-safe organization key.', example: 'my-store' })
  slug!: string;

  @ApiProperty({ description: 'Barcode type printed on labels.', example: 'code128' })
  default_barcode_type!: string;
}

export class ItemUserDto {
  @ApiProperty({ description: 'User identifier.', example: 'usr_xyz' })
  uid!: string;

  @ApiProperty({ description: 'Username.', example: 'vinylvault' })
  username!: string;

  @ApiProperty({ description: 'Email address.', example: 'seller@example.com' })
  email!: string;
}

export class PricingModelDto {
  @ApiProperty({ description: 'Pricing model identifier.', example: 'pm_fixed_price' })
  uid!: string;

  @ApiProperty({ description: 'Pricing model code.', example: 'fixed_price' })
  type!: string;

  @ApiProperty({ description: 'Human-readable pricing model.', example: 'Fixed price' })
  type_display!: string;
}

const CONTAINER_CODES = [...Object.keys(CONDITIONS), ...Object.keys(CONTAINER_STATES)];

/** An inventory item, as lists show it. */
export class InventoryItemDto {
  @ApiProperty({ description: 'Inventory item identifier.', example: 'inv_d4e5f6' })
  uid!: string;

  @ApiProperty({ description: 'Computed title: the manual name, else the product title and the item grade.', example: 'Abbey Road - VG+' })
  title!: string;

  @ApiProperty({ description: 'Manual name (overrides the computed title).', type: String, nullable: true, example: null })
  name!: string | null;

  @ApiProperty({ description: 'Who created the item.', type: ItemUserDto, nullable: true })
  user!: ItemUserDto | null;

  @ApiProperty({ description: 'The organization that owns the item.', type: ItemOrganizationDto })
  organization!: ItemOrganizationDto;

  @ApiProperty({ description: 'Parent product summary.', type: ItemProductDto })
  product!: ItemProductDto;

  @ApiProperty({ description: 'Item type (vinyl, CD...).', type: ItemTypeRefDto, nullable: true })
  inventory_item_type!: ItemTypeRefDto | null;

  @ApiProperty({
    description: 'Item condition grade code.',
    type: String,
    nullable: true,
    enum: Object.keys(CONDITIONS),
    example: 'vg_plus',
  })
  condition_item!: string | null;

  @ApiProperty({ description: 'Human-readable item condition.', type: String, nullable: true, example: 'VG+' })
  condition_item_display!: string | null;

  @ApiProperty({
    description: 'Container (sleeve) condition: a grade code, or `generic`, `not_graded`, `no_cover`.',
    type: String,
    nullable: true,
    enum: CONTAINER_CODES,
    example: 'vg',
  })
  condition_container!: string | null;

  @ApiProperty({ description: 'Human-readable container condition.', type: String, nullable: true, example: 'VG' })
  condition_container_display!: string | null;

  @ApiProperty({
    description: 'When true, the container grade no longer mirrors the item grade.',
    example: false,
  })
  condition_container_manually_set!: boolean;

  @ApiProperty({ description: 'Free-text condition notes.', type: String, nullable: true, example: 'Light surface marks' })
  condition_comments!: string | null;

  @ApiProperty({ description: 'Seller-facing condition notes.', type: String, nullable: true, example: null })
  condition_seller_description!: string | null;

  @ApiProperty({
    description: 'Grade tier of the item condition.',
    type: String,
    nullable: true,
    enum: Object.keys(GRADE_TIERS),
    example: 'good',
  })
  grade_tier_code!: string | null;

  @ApiProperty({ description: 'Grade tier label.', type: String, nullable: true, example: 'Good' })
  grade_tier_label!: string | null;

  @ApiProperty({ description: 'Current status code.', enum: INVENTORY_STATUS_CODES, example: 'ready-to-sell' })
  status!: string;

  @ApiProperty({ description: 'Human-readable status.', example: 'Ready to Sell' })
  status_display!: string;

  @ApiProperty(money('Total listing price.'))
  price_total_usd!: string | null;

  @ApiProperty(money('Item-only price.', '29.99'))
  price_item_usd!: string | null;

  @ApiProperty(money('Shipping price.', '5.00'))
  price_shipping_usd!: string | null;

  @ApiProperty(money('Expected/target price.', '35.00'))
  price_expected_usd!: string | null;

  @ApiProperty(money('Purchase cost basis.', '12.00'))
  price_purchased_item!: string | null;

  @ApiProperty(money('Purchase shipping cost.', '3.50'))
  price_for_purchases_shipping!: string | null;

  @ApiProperty(money('Current marketplace listing price.'))
  listing_current_price!: string | null;

  @ApiProperty({ description: 'The pricing model listings of the item use.', type: PricingModelDto })
  default_pricing_model!: PricingModelDto;

  @ApiProperty({ description: 'Custom description.', type: String, nullable: true, example: 'Original 1969 UK pressing.' })
  manual_description!: string | null;

  @ApiProperty({ description: 'Custom SKU.', type: String, nullable: true, example: 'PCS-7088-001' })
  manual_sku!: string | null;

  @ApiProperty({
    description: "The item's SKU: its manual SKU, else the product's SKU, else the catalog number.",
    type: String,
    nullable: true,
    example: 'PCS-7088-001',
  })
  resolved_sku!: string | null;

  @ApiProperty({
    description: 'Where resolved_sku came from.',
    type: String,
    nullable: true,
    enum: ['manual', 'product', 'catalog_number'],
    example: 'manual',
  })
  resolved_sku_source!: string | null;

  @ApiProperty({ description: 'Free-text notes.', type: String, nullable: true, example: 'Bought at the Sunday fair.' })
  notes!: string | null;

  @ApiProperty({ description: 'Where the item is kept (a shelf, a crate).', type: String, nullable: true, example: 'Crate 12' })
  location!: string | null;

  @ApiProperty({ description: 'Attached images, the identifying one first, then oldest first.', type: [InventoryAssetDto] })
  assets!: InventoryAssetDto[];

  @ApiProperty({ description: 'Days since the item was received, else purchased, else created (one decimal).', example: 14.2 })
  days_in_inventory!: number;

  @ApiProperty({ description: 'Days since the item was first listed (one decimal); 0 when it never was.', example: 0 })
  days_listed!: number;

  @ApiProperty(dateTime('When the item was first listed.', true))
  listed_at!: string | null;

  @ApiProperty(dateTime('When the item first reached `purchased`.', true))
  purchased_at!: string | null;

  @ApiProperty(dateTime('When the item first reached `received`.', true))
  received_at!: string | null;

  @ApiProperty({ description: 'Whether the item can be deleted: not sold and with no active marketplace listing.', example: true })
  is_deletable!: boolean;

  @ApiProperty(dateTime('Creation timestamp.'))
  created!: string;

  @ApiProperty(dateTime('Last update timestamp.'))
  updated!: string;
}

/** The full item: the list fields, whether it sold, and where it can be listed. */
export class InventoryItemDetailDto extends InventoryItemDto {
  @ApiProperty({ description: 'Whether this item has been sold.', example: false })
  is_sold!: boolean;

  @ApiProperty({
    description: 'Per platform, in display order: whether the item can be listed there now, and if not the first reason why.',
    type: [PlatformListabilityDto],
  })
  platform_listability!: PlatformListabilityDto[];
}
