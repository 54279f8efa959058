import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import {
  CONFLICT_TYPES,
  type ConflictType,
  IMPORT_ITEM_STATUSES,
  IMPORT_JOB_STATUSES,
  IMPORT_MARKETPLACES,
  IMPORT_RESOLUTIONS,
  type ImportItemStatus,
  type ImportJobStatus,
  type ImportMarketplace,
  type ImportResolution,
  ISSUE_STATUSES,
  RESOLVE_CHOICES,
  type ResolveChoice,
  RUNNABLE_ITEM_STATUSES,
} from '../imports.rules.js';

const choice = { message: (args: { value: unknown }) => Msg.choice(args.value) };
const MAX_LIMIT = 100_000;

export class CreateImportJobDto {
  @ApiProperty({ description: 'UID of the connected marketplace account (`sa_...`) to import from.', example: 'sa_abc123', maxLength: 32 })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32, { message: Msg.maxLength(32) })
  seller_account_uid!: string;

  @ApiProperty({ description: 'The platform of that account.', enum: IMPORT_MARKETPLACES, example: 'ebay' })
  @IsDefined()
  @IsString()
  @IsIn(IMPORT_MARKETPLACES, choice)
  marketplace!: ImportMarketplace;
}

export class QuickImportDto {
  @ApiPropertyOptional({
    description: 'The account to import from, needed only when the organization has several live connections to the platform.',
    example: 'sa_abc123',
    maxLength: 32,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32, { message: Msg.maxLength(32) })
  seller_account_uid?: string;
}

export class ImportRunDto {
  @ApiProperty({ description: 'Import job UID.', example: 'job_p6q7r8', maxLength: 32 })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32, { message: Msg.maxLength(32) })
  job_uid!: string;

  @ApiPropertyOptional({
    description:
      'Only process items with this status. Default: `pending` for a start (the listings still to import), `pending` and `conflict` for a ' +
      'preview (which evaluates them again). `failed` retries the failed ones, `conflict` checks the conflicts again, `skipped` takes ' +
      'skipped listings up again.',
    enum: RUNNABLE_ITEM_STATUSES,
  })
  @IsOptional()
  @IsString()
  @IsIn(RUNNABLE_ITEM_STATUSES, choice)
  status_filter?: ImportItemStatus;

  @ApiPropertyOptional({
    description: `Max items to process: the run records at most this many new listings and processes at most this many items (1 to ${MAX_LIMIT}).`,
    type: 'integer',
    minimum: 1,
    maximum: MAX_LIMIT,
  })
  @IsOptional()
  @IsInt()
  @Min(1, { message: Msg.greaterThan(0) })
  @Max(MAX_LIMIT, { message: `Ensure this value is less than or equal to ${MAX_LIMIT}.` })
  limit?: number;
}

export class StartImportDto extends ImportRunDto {
  @ApiPropertyOptional({
    description: 'Auto-skip conflicting items: every conflict (found before or during this run) becomes `skipped`.',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  skip_conflicts?: boolean;
}

export class ResolveImportItemDto {
  @ApiPropertyOptional({
    description:
      '`link` (default): attach the listing to the existing item it conflicts with, creating no duplicate; `create`: import it as a new ' +
      'item anyway (a listing already linked to an item cannot be imported again); `skip`: leave it out.',
    enum: RESOLVE_CHOICES,
    default: 'link',
  })
  @IsOptional()
  @IsString()
  @IsIn(RESOLVE_CHOICES, choice)
  resolution?: ResolveChoice;
}

export class ImportJobsQueryDto {
  @ApiPropertyOptional({ description: 'Only jobs of this platform.', enum: IMPORT_MARKETPLACES })
  @IsOptional()
  @IsString()
  @IsIn(IMPORT_MARKETPLACES, choice)
  marketplace?: ImportMarketplace;

  @ApiPropertyOptional({ description: 'Only jobs in this status.', enum: IMPORT_JOB_STATUSES })
  @IsOptional()
  @IsString()
  @IsIn(IMPORT_JOB_STATUSES, choice)
  status?: ImportJobStatus;
}

export class ImportItemsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only items in this status.', enum: IMPORT_ITEM_STATUSES })
  @IsOptional()
  @IsString()
  @IsIn(IMPORT_ITEM_STATUSES, choice)
  status?: ImportItemStatus;
}

export class ImportIssuesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only `failed` or only `conflict` items (default: both).', enum: ISSUE_STATUSES })
  @IsOptional()
  @IsString()
  @IsIn(ISSUE_STATUSES, choice)
  status?: (typeof ISSUE_STATUSES)[number];
}

export class ImportJobDto {
  @ApiProperty({ description: 'Job UID.', example: 'job_p6q7r8' })
  id!: string;

  @ApiProperty({ description: 'Platform slug.', enum: IMPORT_MARKETPLACES, example: 'ebay' })
  marketplace!: string;

  @ApiProperty({
    description:
      '`pending` (created, or between runs: after a preview, or a start limited to part of the listings), `in_progress` (a preview or an ' +
      'import is running), `completed` (every listing found was processed), `failed` (the platform ended the job: see `error_message`; ' +
      'what was imported stays, and a new start continues where it stopped).',
    enum: IMPORT_JOB_STATUSES,
    example: 'in_progress',
  })
  status!: ImportJobStatus;

  @ApiProperty({ description: 'Total listings discovered on the platform so far.', example: 150 })
  total_listings_found!: number;

  @ApiProperty({ description: 'Successfully imported count (new items and listings linked to existing ones).', example: 82 })
  items_imported!: number;

  @ApiProperty({ description: 'Skipped items count.', example: 0 })
  items_skipped!: number;

  @ApiProperty({ description: 'Failed items count.', example: 3 })
  items_failed!: number;

  @ApiProperty({ description: 'Conflicting items count (waiting for a resolution).', example: 2 })
  items_conflicted!: number;

  @ApiProperty({ description: 'Whether any items failed or conflicted.', example: true })
  has_issues!: boolean;

  @ApiProperty({ description: 'Human-readable issue summary.', example: '3 failed, 2 conflicts' })
  issue_summary!: string;

  @ApiProperty({
    description: 'Processed listings (imported, skipped, failed or in conflict) out of those found, 0.0 to 100.0.',
    type: 'number',
    format: 'float',
    example: 58.0,
  })
  progress_percentage!: number;

  @ApiProperty({ description: 'Job-level error (nullable).', type: String, nullable: true, example: null })
  error_message!: string | null;

  @ApiProperty({ description: 'When the job was created.', format: 'date-time', example: '2026-02-15T09:00:00Z' })
  created_at!: string;

  @ApiProperty({
    description: 'When processing began (nullable).',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-02-15T09:00:05Z',
  })
  started_at!: string | null;

  @ApiProperty({ description: 'When the job finished (nullable).', type: String, format: 'date-time', nullable: true, example: null })
  completed_at!: string | null;
}

export class ImportItemDto {
  @ApiProperty({ description: 'Item UID.', example: 'item_xyz' })
  id!: string;

  @ApiProperty({ description: 'Marketplace listing ID.', example: '394857201' })
  external_listing_id!: string;

  @ApiProperty({ description: 'Marketplace SKU (nullable).', type: String, nullable: true, example: 'PCS-7088-001' })
  external_sku!: string | null;

  @ApiProperty({
    description: '`pending` (to import), `imported`, `failed`, `conflict` (waiting for a resolution) or `skipped`.',
    enum: IMPORT_ITEM_STATUSES,
    example: 'conflict',
  })
  status!: ImportItemStatus;

  @ApiProperty({ description: 'Title from the marketplace.', example: 'Abbey Road - VG+' })
  listing_title!: string;

  @ApiProperty({ description: 'Listed price (nullable).', type: String, nullable: true, example: '34.99' })
  listing_price!: string | null;

  @ApiProperty({ description: 'Type of conflict (nullable).', enum: CONFLICT_TYPES, nullable: true, example: 'duplicate_sku' })
  conflict_type!: ConflictType | null;

  @ApiProperty({
    description: 'Conflict description (nullable).',
    type: String,
    nullable: true,
    example: 'SKU matches existing item inv_d4e5f6',
  })
  conflict_details!: string | null;

  @ApiProperty({ description: 'Error details, or a note on an imported item (nullable).', type: String, nullable: true, example: null })
  error_message!: string | null;

  @ApiProperty({
    description:
      'Error code (nullable): `missing_title`, `invalid_price`, `unsupported_currency`, `not_active`, `picture_unavailable`, `already_listed`.',
    type: String,
    nullable: true,
    example: null,
  })
  error_code!: string | null;

  @ApiProperty({
    description: 'How the listing was taken in: `pending` (not yet, or a conflict to resolve), `create` (a new item), `link`, `skip`.',
    enum: IMPORT_RESOLUTIONS,
    example: 'pending',
  })
  resolution!: ImportResolution;

  @ApiProperty({
    description: 'UID of the item the listing belongs to now: the created item, or the existing one it was linked to (nullable).',
    type: String,
    nullable: true,
    example: null,
  })
  created_inventory_item_uid!: string | null;

  @ApiProperty({
    description: 'When the item was processed (nullable).',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-02-15T09:05:00Z',
  })
  processed_at!: string | null;
}
