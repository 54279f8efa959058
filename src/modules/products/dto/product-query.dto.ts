import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { invalidChoices, QueryBoolean, QueryList } from '../../../common/validation/fields.js';
import { INVENTORY_STATUS_CODES } from '../../inventory/index.js';
import { PRODUCT_TYPES, type ProductType } from '../entities/product.entity.js';
import { UPLOADABLE_TO_REDBUBBLE_DESCRIPTION } from '../products.rules.js';

export const PRODUCT_ORDERINGS = [
  'title',
  '-title',
  'created',
  '-created',
  'updated',
  '-updated',
  'artist__name',
  '-artist__name',
  'listed_first',
  'unlisted_first',
  'price_high_low',
  'price_low_high',
  'most_inventory',
  'least_inventory',
] as const;
export type ProductOrdering = (typeof PRODUCT_ORDERINGS)[number];

const choice = { message: (args: { value: unknown }) => Msg.choice(args.value) };

export class ProductQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Case-insensitive text search across title, catalog number, tags, marketplace description, license type, license notes, artist name, label name and digital asset file names. For example `beatles`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: Msg.maxLength(200) })
  search?: string;

  @ApiPropertyOptional({ description: 'Products that have (true) or lack (false) any inventory item.', type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: Msg.boolean })
  has_inventory?: boolean;

  @ApiPropertyOptional({
    description: 'Products with (true) or without (false) an available item (received or ready to sell).',
    type: Boolean,
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: Msg.boolean })
  has_available_inventory?: boolean;

  @ApiPropertyOptional({
    description: `Products having an item in one of these statuses; comma-separated or repeated. One of: ${INVENTORY_STATUS_CODES.join(', ')}. For example \`ready-to-sell,listed\`.`,
    type: String,
  })
  @IsOptional()
  @QueryList()
  @IsIn(INVENTORY_STATUS_CODES, {
    each: true,
    message: (args: { value: unknown }) => invalidChoices(args.value, INVENTORY_STATUS_CODES),
  })
  status?: string[];

  @ApiPropertyOptional({ description: 'Product type.', enum: PRODUCT_TYPES })
  @IsOptional()
  @IsIn(PRODUCT_TYPES, choice)
  type?: ProductType;

  @ApiPropertyOptional({
    description:
      'Comma-separated tags; a product matches when any of its tags contains any of them, ignoring case. For example `jazz,vinyl`.',
  })
  @IsOptional()
  @QueryList()
  tags?: string[];

  @ApiPropertyOptional({ description: `${UPLOADABLE_TO_REDBUBBLE_DESCRIPTION} false selects the other products.`, type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: Msg.boolean })
  uploadable_to_redbubble?: boolean;

  @ApiPropertyOptional({
    description:
      'Sort order (default `-created`): title, created, updated, artist__name (each may be prefixed with `-` for descending), ' +
      'listed_first / unlisted_first (products with listed items first / last), price_high_low / price_low_high ' +
      '(by `price_override_usd`, else `price_computed_usd`; products without a price last), most_inventory / least_inventory.',
    enum: PRODUCT_ORDERINGS,
  })
  @IsOptional()
  @IsIn(PRODUCT_ORDERINGS, choice)
  ordering?: ProductOrdering;
}
