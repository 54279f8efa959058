import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { invalidChoices, QueryList } from '../../../common/validation/fields.js';
import type { InventoryFilters } from '../inventory-list.query.js';
import { INVENTORY_STATUS_CODES, type InventoryStatus } from '../inventory.rules.js';

const ORDERING_FIELDS = [
  'created',
  'updated',
  'name',
  'title',
  'price_total_usd',
  'status',
  'condition_item',
  'manual_sku',
  'days_in_inventory',
] as const;
export const INVENTORY_ORDERINGS = ORDERING_FIELDS.flatMap((field) => [field, `-${field}`] as const);
export type InventoryOrdering = (typeof INVENTORY_ORDERINGS)[number];

/** The item filters of the list and the CSV export. */
export class InventoryFiltersQueryDto {
  @ApiPropertyOptional({
    description:
      'Case-insensitive text search across the item name, manual description and manual SKU, and the product title, artist name and catalog number. For example `abbey`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: Msg.maxLength(200) })
  search?: string;

  @ApiPropertyOptional({
    description: `Items in any of these statuses; comma-separated or repeated. One of: ${INVENTORY_STATUS_CODES.join(', ')}. For example \`ready-to-sell,listed\`.`,
    type: String,
  })
  @IsOptional()
  @QueryList()
  @IsIn(INVENTORY_STATUS_CODES, {
    each: true,
    message: (args: { value: unknown }) => invalidChoices(args.value, INVENTORY_STATUS_CODES),
  })
  status?: string[];
}

/** The filters a query asks for, as the read model takes them: a blank search is none. */
export function inventoryFilters(query: InventoryFiltersQueryDto): InventoryFilters {
  return { search: query.search?.trim() || undefined, statuses: query.status as InventoryStatus[] | undefined };
}

export class InventoryQueryDto extends IntersectionType(PageQueryDto, InventoryFiltersQueryDto) {
  @ApiPropertyOptional({
    description:
      'Sort order (default `-created`), each field ascending or, prefixed with `-`, descending: `created`, `updated`, ' +
      '`name` (the computed title: the manual name, else the product title; `title` is an alias), `price_total_usd`, ' +
      '`status` (by status code), `condition_item` (by grade, best first), `manual_sku`, `days_in_inventory` (by age). ' +
      'Items without a price, SKU or grade come last either way; ties go by creation.',
    enum: INVENTORY_ORDERINGS,
  })
  @IsOptional()
  @IsIn(INVENTORY_ORDERINGS, { message: (args: { value: unknown }) => Msg.choice(args.value) })
  ordering?: InventoryOrdering;
}
