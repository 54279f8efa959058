import { ApiProperty } from '@nestjs/swagger';
import { dateTimeProperty } from '../../../common/swagger/properties.js';
import { EXPORT_STATUSES, EXPORT_TYPES } from '../exports.rules.js';

/** The filters an export was asked with. */
export class ExportFiltersDto {
  @ApiProperty({
    description: 'Only items in these statuses (absent: every status).',
    type: String,
    isArray: true,
    required: false,
    example: ['ready-to-sell'],
  })
  status?: string[];

  @ApiProperty({ description: 'Only items matching this search, as the list endpoint reads it.', required: false, example: 'beatles' })
  search?: string;
}

/** An asynchronous export job (seed 000, Export jobs): poll it until `completed`, then download `file_url`. */
export class ExportJobDto {
  @ApiProperty({ description: 'Export job identifier.', example: 'exp_abc' })
  uid!: string;

  @ApiProperty({ description: 'What is exported: `inventory_csv` (the inventory CSV).', enum: EXPORT_TYPES, example: 'inventory_csv' })
  export_type!: string;

  @ApiProperty({
    description:
      '`pending` (queued), `in_progress` (being written), `completed` (`file_url` is ready), `failed` (`error_message` says why).',
    enum: EXPORT_STATUSES,
    example: 'completed',
  })
  status!: string;

  @ApiProperty({
    description: 'How much of the file is written, 0 to 100: rises while `in_progress`, 100 once `completed`.',
    minimum: 0,
    maximum: 100,
    example: 100,
  })
  progress_percentage!: number;

  @ApiProperty({ description: 'The filters the export was asked with.', type: ExportFiltersDto })
  filters!: ExportFiltersDto;

  @ApiProperty({
    description:
      'Where to download the file once `completed` (null before): an API endpoint that answers only to credentials of the organization that owns the export.',
    type: String,
    nullable: true,
    format: 'uri',
    example: 'https://app.instica.com/api/v1/exports/exp_abc/download/',
  })
  file_url!: string | null;

  @ApiProperty({
    description: 'The file name the download is offered under (null before completion).',
    type: String,
    nullable: true,
    example: 'inventory-2025-03-01.csv',
  })
  file_name!: string | null;

  @ApiProperty({ description: 'Size of the file in bytes (null before completion).', type: Number, nullable: true, example: 48213 })
  file_size!: number | null;

  @ApiProperty({ description: 'Rows written, header not counted (null before completion).', type: Number, nullable: true, example: 245 })
  row_count!: number | null;

  @ApiProperty({ description: 'Why the export failed (null unless `failed`).', type: String, nullable: true, example: null })
  error_message!: string | null;

  @ApiProperty({
    description: 'The user who asked for the export (null once that user is deleted).',
    type: String,
    nullable: true,
    example: 'usr_xyz',
  })
  user_uid!: string | null;

  @ApiProperty(dateTimeProperty('When the export was asked for.'))
  created_at!: string;

  @ApiProperty(dateTimeProperty('When a worker started writing it (null while pending).', true))
  started_at!: string | null;

  @ApiProperty(dateTimeProperty('When it completed or failed (null before).', true))
  completed_at!: string | null;
}
