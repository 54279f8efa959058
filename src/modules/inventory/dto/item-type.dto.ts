import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { ITEM_TYPE_QUERY_MAX_LENGTH } from '../item-types.rules.js';

/** An item type as an inventory item shows it (`inventory_item_type`). */
export class ItemTypeRefDto {
  @ApiProperty({
    description: 'Item type identifier: `type_` and the slug with `_` for `-`; what `inventory_item_type_uid` takes.',
    example: 'type_vinyl',
  })
  uid!: string;

  @ApiProperty({ description: 'Item type name.', example: 'Vinyl' })
  name!: string;

  @ApiProperty({ description: 'URL-safe item type key.', example: 'vinyl' })
  slug!: string;
}

/** A category of one platform. */
export class PlatformCategoryDto {
  @ApiProperty({
    description:
      "The platform's own key for the category, always a string: an eBay (US) leaf category id, a Discogs format name, " +
      'an Etsy seller taxonomy id, a Shopify product type.',
    example: '176985',
  })
  id!: string;

  @ApiProperty({ description: 'The category name as the platform writes it.', example: 'Records' })
  name!: string;
}

/** Per platform, the category an item type lists under; a platform without one has no key. */
export class ItemTypePlatformCategoriesDto {
  @ApiPropertyOptional({
    type: PlatformCategoryDto,
    description: 'eBay (US marketplace) leaf category.',
    example: { id: '176985', name: 'Records' },
  })
  ebay?: PlatformCategoryDto;

  @ApiPropertyOptional({
    type: PlatformCategoryDto,
    description: 'Discogs format (`id` and `name` are the format name); only music formats have one.',
    example: { id: 'Vinyl', name: 'Vinyl' },
  })
  discogs?: PlatformCategoryDto;

  @ApiPropertyOptional({
    type: PlatformCategoryDto,
    description: 'Etsy seller taxonomy node (Open API v3 `taxonomy_id`); none is seeded yet.',
  })
  etsy?: PlatformCategoryDto;

  @ApiPropertyOptional({
    type: PlatformCategoryDto,
    description: 'Shopify product type (free text: `id` and `name` are the same).',
    example: { id: 'Vinyl Record', name: 'Vinyl Record' },
  })
  shopify?: PlatformCategoryDto;
}

/** An item type with the category it maps to on each platform. */
export class ItemTypeDto extends ItemTypeRefDto {
  @ApiProperty({
    type: ItemTypePlatformCategoriesDto,
    description: 'Per platform slug, the category this type lists under there; a platform without one has no key.',
    example: {
      ebay: { id: '176985', name: 'Records' },
      discogs: { id: 'Vinyl', name: 'Vinyl' },
      shopify: { id: 'Vinyl Record', name: 'Vinyl Record' },
    },
  })
  platform_categories!: ItemTypePlatformCategoriesDto;
}

/** An item type as one platform lists it. */
export class PlatformItemTypeDto extends ItemTypeRefDto {
  @ApiProperty({ description: 'Slug of the platform searched.', example: 'ebay' })
  platform!: string;

  @ApiProperty({
    type: PlatformCategoryDto,
    description: 'The category this type lists under on that platform.',
    example: { id: '176985', name: 'Records' },
  })
  category!: PlatformCategoryDto;
}

export class ItemTypeSearchQueryDto {
  @ApiPropertyOptional({
    description:
      `Text the name, slug or another name of the type (\`lp\`, \`record\`, \`tape\`) contains, ignoring case, spaces and punctuation ` +
      `(\`blu ray\` finds Blu-ray); at most ${ITEM_TYPE_QUERY_MAX_LENGTH} characters. Missing or empty: every type. For example \`vinyl\`.`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(ITEM_TYPE_QUERY_MAX_LENGTH, { message: Msg.maxLength(ITEM_TYPE_QUERY_MAX_LENGTH) })
  q?: string;
}
