import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, registerDecorator, ValidateNested } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { IsMoney, NotNullIfPresent } from '../../../common/validation/fields.js';
import {
  BULK_FIELDS,
  BULK_PRICE_MODE_CODES,
  BULK_PRICE_MODES,
  BULK_STATUSES,
  type BulkPriceMode,
  MAX_BULK_ITEMS,
  RESTORE_STATUSES,
} from '../inventory-bulk.rules.js';
import type { InventoryStatus } from '../inventory.rules.js';
import { InventoryItemFieldsDto } from './inventory-item-write.dto.js';

const choiceMessage = (args: { value: unknown }) => Msg.choice(args.value);

function itemsProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return Msg.list;
  if (value.length === 0) return 'This list may not be empty.';
  if (value.length > MAX_BULK_ITEMS) return `Ensure this field has no more than ${MAX_BULK_ITEMS} elements.`;
  const invalid = value.findIndex((uid) => typeof uid !== 'string' || uid.trim() === '');
  if (invalid !== -1) return `Each item must be an item uid (a non-blank string); the one at position ${invalid} is not.`;
  return null;
}

/** A list of 1 to 100 item uids. */
function IsItemUids() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isItemUids',
      target: target.constructor,
      propertyName,
      validator: { validate: (value: unknown) => itemsProblem(value) === null, defaultMessage: (args) => itemsProblem(args?.value) ?? '' },
    });
}

function updatesProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return Msg.object;
  const keys = Object.keys(value);
  const unknown = keys.filter((key) => !(BULK_FIELDS as readonly string[]).includes(key));
  const allowed = `the fields a bulk update can change are ${BULK_FIELDS.join(', ')}.`;
  if (unknown.length > 0) {
    const names = unknown.map((key) => `"${key}"`).join(', ');
    return `Unknown field${unknown.length === 1 ? '' : 's'} ${names}: ${allowed}`;
  }
  if (!keys.some((key) => (value as Record<string, unknown>)[key] !== undefined)) return `Give at least one field: ${allowed}`;
  return null;
}

/**
 * The `updates` object: only the bulk fields, at least one. Checked on the object as sent, before its fields are
 * validated and unknown keys stripped, so that an unknown key is refused rather than ignored.
 */
function IsBulkFieldUpdates() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isBulkFieldUpdates',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => updatesProblem(value) === null,
        defaultMessage: (args) => updatesProblem(args?.value) ?? '',
      },
    });
}

export class BulkItemsDto {
  @ApiProperty({
    description: `Uids of the items, 1 to ${MAX_BULK_ITEMS} (fewer if the plan's \`max_items_per_batch\` is lower: see GET /api/v1/inventory/bulk/config/). A uid sent twice is one item, counted once. An unknown uid, or another organization's, fails as not found.`,
    type: [String],
    minItems: 1,
    maxItems: MAX_BULK_ITEMS,
    example: ['inv_001', 'inv_002', 'inv_003'],
  })
  @IsDefined()
  @IsItemUids()
  items!: string[];
}

export class BulkPriceDto extends BulkItemsDto {
  @ApiProperty({
    description:
      'The amount, as a decimal string or a JSON number: at most 10 digits, 2 decimals. A price for `set`, an amount in USD for `increase`/`decrease`, ' +
      'a percentage for `percentage` (the only mode that takes a negative value).',
    type: String,
    example: '10',
  })
  @IsDefined()
  @IsMoney({ maxDigits: 10, allowNegative: (dto) => (dto as BulkPriceDto).mode === 'percentage' })
  value!: string;

  @ApiPropertyOptional({
    description: `How the new price is computed from \`value\` (default \`set\`): ${Object.entries(BULK_PRICE_MODES)
      .map(([mode, meaning]) => `\`${mode}\`: ${meaning}`)
      .join(' ')}`,
    enum: BULK_PRICE_MODE_CODES,
    default: 'set',
    example: 'percentage',
  })
  @NotNullIfPresent()
  @IsIn(BULK_PRICE_MODE_CODES, { message: choiceMessage })
  mode?: BulkPriceMode;
}

export class BulkStatusDto extends BulkItemsDto {
  @ApiProperty({
    description: 'The new status. `listed` and `sold` are never set by hand; a listed or sold item keeps its status (that item fails).',
    enum: BULK_STATUSES,
    example: 'ready-to-sell',
  })
  @IsDefined()
  @IsIn(BULK_STATUSES, { message: choiceMessage })
  status!: InventoryStatus;
}

/** The fields of a bulk field update, validated (and grades normalised) exactly as on a single item. */
export class BulkFieldUpdatesDto extends PickType(InventoryItemFieldsDto, BULK_FIELDS) {}

export class BulkFieldsDto extends BulkItemsDto {
  @ApiProperty({
    description:
      `The fields to set on every item, at least one of: ${BULK_FIELDS.join(', ')}; any other key is a 400 on \`updates\`. ` +
      'Each value is validated as on a single item, and an invalid one is a 400 keyed by its field inside `updates`. Null clears a field. ' +
      'A grade is normalised (`VG+` -> `vg_plus`); the container grade mirrors the item grade unless it was set by hand, ' +
      'and sending `condition_container` sets it by hand.',
    type: BulkFieldUpdatesDto,
    example: { condition_item: 'VG+', location: 'Crate 12' },
  })
  @IsDefined()
  @IsBulkFieldUpdates()
  @ValidateNested()
  @Type(() => BulkFieldUpdatesDto)
  updates!: BulkFieldUpdatesDto;
}

export class BulkDeleteDto extends BulkItemsDto {
  @ApiPropertyOptional({
    description:
      'False (default): soft delete, restorable with bulk restore; the items leave every list. True: removed for good with their photos ' +
      '(files included), listings and audit log; an item already soft-deleted may be removed this way too.',
    type: Boolean,
    default: false,
    example: false,
  })
  @NotNullIfPresent()
  @IsBoolean({ message: Msg.boolean })
  hard_delete?: boolean;
}

export class BulkRestoreDto extends BulkItemsDto {
  @ApiPropertyOptional({
    description: 'The status the restored items come back with (default `draft`).',
    enum: RESTORE_STATUSES,
    default: 'draft',
    example: 'draft',
  })
  @NotNullIfPresent()
  @IsIn(RESTORE_STATUSES, { message: choiceMessage })
  target_status?: InventoryStatus;
}

/** An item of the request that was not changed, and why. */
export class BulkItemErrorDto {
  @ApiProperty({ description: 'The uid as sent.', example: 'inv_002' })
  uid!: string;

  @ApiProperty({ description: 'Why this item was not changed.', example: 'Not found.' })
  error!: string;
}

export class BulkResultDto {
  @ApiProperty({
    type: 'integer',
    description: 'Items the operation succeeded on (an item that already had the values counts, with no audit entry).',
    example: 3,
  })
  success_count!: number;

  @ApiProperty({ type: 'integer', description: 'Items that failed, each listed in `errors`.', example: 0 })
  failure_count!: number;

  @ApiProperty({ type: 'integer', description: 'Distinct uids of the request: success_count + failure_count.', example: 3 })
  total_count!: number;

  @ApiProperty({ description: 'The items that failed, in the order sent (empty when none did).', type: [BulkItemErrorDto] })
  errors!: BulkItemErrorDto[];

  @ApiProperty({
    description: 'Uids of the items the operation succeeded on, in the order sent.',
    type: [String],
    example: ['inv_001', 'inv_002', 'inv_003'],
  })
  updated_uids!: string[];
}

export class BulkConfigDto {
  @ApiProperty({
    type: 'integer',
    description: `Most items one bulk request may take: the plan's limit, at most ${MAX_BULK_ITEMS} (${MAX_BULK_ITEMS} without a subscription).`,
    example: 100,
  })
  max_items_per_batch!: number;

  @ApiProperty({ description: "Whether the organization's plan is a pro plan (false without a subscription).", example: true })
  is_pro!: boolean;

  @ApiProperty({
    description: 'The statuses bulk status change takes.',
    enum: BULK_STATUSES,
    isArray: true,
    example: BULK_STATUSES,
  })
  allowed_bulk_statuses!: InventoryStatus[];
}
