import { ApiProperty } from '@nestjs/swagger';
import { dateTimeProperty as dateTime } from '../../../common/swagger/properties.js';
import { ASSET_TYPES } from '../inventory.rules.js';

/** A photo (or other image) of an inventory item. */
export class InventoryAssetDto {
  @ApiProperty({ description: 'Asset identifier.', example: 'ast_g7h8i9' })
  uid!: string;

  @ApiProperty({ description: 'What the image shows (see the asset type choices).', enum: Object.keys(ASSET_TYPES), example: 'photo' })
  type!: string;

  @ApiProperty({ description: 'Free-text description.', example: '' })
  description!: string;

  @ApiProperty({
    description: 'Absolute URL of the uploaded file.',
    example: 'https://api.example.com/media/inventory/inv_d4e5f6/abc/image.jpg',
  })
  file_url!: string;

  @ApiProperty({
    description: 'Absolute URL of its thumbnail (a WebP at most 400 px wide; the original when none could be made).',
    example: 'https://api.example.com/media/inventory/inv_d4e5f6/abc/thumbnail.webp',
  })
  thumbnail_url!: string;

  @ApiProperty({ description: 'Size of the file in bytes.', example: 2847392 })
  file_size!: number;

  @ApiProperty({ description: 'The file name it was uploaded with.', example: 'photo.jpg' })
  file_name!: string;

  @ApiProperty({ description: 'Whether this is the identifying (primary) image of the item; at most one per item.', example: true })
  is_identifying_asset!: boolean;

  @ApiProperty({
    description: 'The marketplace listings this image is used in (filled by the listing engine).',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [],
  })
  listing_assets!: Array<Record<string, unknown>>;

  @ApiProperty(dateTime('Upload timestamp.'))
  created!: string;

  @ApiProperty(dateTime('Last update timestamp.'))
  updated!: string;
}
