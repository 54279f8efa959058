import { ApiProperty } from '@nestjs/swagger';
import { InventoryAssetDto } from './inventory-asset.dto.js';

/** A file of a multi-file upload that was not stored, and why. */
export class AssetUploadErrorDto {
  @ApiProperty({
    type: 'integer',
    description: 'Position of the file among the files of the request, from 0, in the order they were sent.',
    example: 1,
  })
  index!: number;

  @ApiProperty({ description: 'The file name it was uploaded with.', example: 'notes.jpg' })
  file_name!: string;

  @ApiProperty({
    description:
      'Why it was not stored, keyed by the form field it was sent in (`files` or `file`): not a supported image, ' +
      "corrupt, empty, larger than the size limit, or over the plan's photos per item.",
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { files: ['Upload a valid image: JPEG, PNG, WebP, HEIC/HEIF or GIF.'] },
  })
  errors!: Record<string, string[]>;
}

/** The answer of a multi-file upload: what was stored, and each file that was not. */
export class AssetBatchDto {
  @ApiProperty({ description: 'The stored assets, in the order their files were sent.', type: [InventoryAssetDto] })
  created!: InventoryAssetDto[];

  @ApiProperty({ description: 'The files that were not stored (empty when all were), in the order sent.', type: [AssetUploadErrorDto] })
  errors!: AssetUploadErrorDto[];

  @ApiProperty({ type: 'integer', description: 'How many assets were stored.', example: 3 })
  created_count!: number;

  @ApiProperty({ type: 'integer', description: 'How many files were not stored.', example: 0 })
  failed_count!: number;

  @ApiProperty({
    type: 'integer',
    description: 'How many inventory items received assets: 1 when at least one file was stored, else 0.',
    example: 1,
  })
  associated_inventory_items_count!: number;
}
