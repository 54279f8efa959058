import { ApiProperty } from '@nestjs/swagger';
import { dateTimeProperty as dateTime, moneyProperty as money } from '../../../common/swagger/properties.js';
import { CONDITIONS, GRADE_TIERS, INVENTORY_STATUS_CODES } from '../inventory.rules.js';

/** An inventory item as a product response nests it. */
export class InventoryItemSummaryDto {
  @ApiProperty({ description: 'Inventory item identifier.', example: 'inv_d4e5f6' })
  uid!: string;

  @ApiProperty({ description: 'Computed title: the manual name, else the product title with the condition.', example: 'Abbey Road - VG+' })
  title!: string;

  @ApiProperty({ description: 'Current status code.', enum: INVENTORY_STATUS_CODES, example: 'ready-to-sell' })
  status!: string;

  @ApiProperty({ description: 'Human-readable status.', example: 'Ready to Sell' })
  status_display!: string;

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

  @ApiProperty({ description: 'Container/sleeve condition code.', type: String, nullable: true, example: 'vg' })
  condition_container!: string | null;

  @ApiProperty({ description: 'Human-readable container condition.', type: String, nullable: true, example: 'VG' })
  condition_container_display!: string | null;

  @ApiProperty({ description: 'Free-text condition notes.', type: String, nullable: true, example: 'Light surface marks' })
  condition_comments!: string | null;

  @ApiProperty(money('Total price in USD.'))
  price_total_usd!: string | null;

  @ApiProperty(money('Current listing price.'))
  listing_current_price!: string | null;

  @ApiProperty(money('Expected sale price.', '39.99'))
  price_expected_usd!: string | null;

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

  @ApiProperty(dateTime('Creation timestamp.'))
  created!: string;

  @ApiProperty(dateTime('Last update timestamp.'))
  updated!: string;
}
