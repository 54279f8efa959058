import { ApiProperty } from '@nestjs/swagger';
import { dateTimeProperty } from '../../../common/swagger/properties.js';

class DownloadProductDto {
  @ApiProperty({ description: 'Product identifier.', example: 'prod_a1b2c3' })
  uid!: string;

  @ApiProperty({ description: 'Product title.', example: 'Abbey Road (Digital)' })
  title!: string;
}

export class DownloadableAssetDto {
  @ApiProperty({ description: 'Digital asset identifier (the last segment of `download_url`).', example: 'dast_4Fh8Kq2Lm9Xw7Tz1' })
  uid!: string;

  @ApiProperty({ description: 'Name shown for it.', example: 'Full Album Download' })
  display_name!: string;

  @ApiProperty({ description: 'Its description; empty when none.', example: 'FLAC files, 24-bit' })
  description!: string;

  @ApiProperty({ description: 'The file name it downloads as.', example: 'album.zip' })
  file_name!: string;

  @ApiProperty({ description: 'Its media type.', example: 'application/zip' })
  content_type!: string;

  @ApiProperty({ description: 'Size in bytes.', example: 734003200 })
  size_bytes!: number;

  @ApiProperty({ description: 'New downloads left for this file (a resumed range is not one).', example: 4 })
  downloads_remaining!: number;

  @ApiProperty({
    description: 'Where to download it (supports HTTP `Range`).',
    format: 'uri',
    example: 'https://app.instica.com/api/v1/digital/download/TOKEN/dast_4Fh8Kq2Lm9Xw7Tz1/',
  })
  download_url!: string;
}

/** The public download page of a link, as JSON. */
export class DownloadPageDto {
  @ApiProperty({ description: 'The product bought.', type: DownloadProductDto })
  product!: DownloadProductDto;

  @ApiProperty({ description: "The buyer's name, when the seller gave it.", type: String, nullable: true, example: 'Alex Doe' })
  buyer_name!: string | null;

  @ApiProperty(dateTimeProperty('When the link stops working.'))
  expires_at!: string;

  @ApiProperty({ description: 'Downloads allowed per file.', example: 5 })
  download_limit!: number;

  @ApiProperty({ description: 'The files, primary first.', type: [DownloadableAssetDto] })
  assets!: DownloadableAssetDto[];
}
