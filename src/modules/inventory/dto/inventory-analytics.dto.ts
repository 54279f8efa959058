import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { dateTimeProperty } from '../../../common/swagger/properties.js';
import { TREND_DAYS } from '../inventory-analytics.rules.js';
import { INVENTORY_STATUS_CODES } from '../inventory.rules.js';

/** A money total: a decimal string with two decimals, `"0.00"` when nothing counts. */
const total = (description: string, example: string) => ({ description, type: String, example });

const LIVE = "the organization's items that are not deleted";

export class AnalyticsStatusCountDto {
  @ApiProperty({ description: 'Status code.', enum: INVENTORY_STATUS_CODES, example: 'ready-to-sell' })
  status!: string;

  @ApiProperty({
    description:
      "The status's label, as `status_display` on items and the status choices show it (`Ready to Sell`, which the seed's example shortens to `Ready`).",
    example: 'Ready to Sell',
  })
  label!: string;

  @ApiProperty({ description: 'Live items in this status.', type: 'integer', example: 60 })
  count!: number;
}

export class InventoryAnalyticsSummaryDto {
  @ApiProperty({ description: `Every one of ${LIVE}, whatever their status (the item list's count).`, type: 'integer', example: 245 })
  total_items!: number;

  @ApiProperty({
    description: 'Items in hand and not sold: status `received`, `ready-to-sell` or `listed`.',
    type: 'integer',
    example: 180,
  })
  sellable_items!: number;

  @ApiProperty({ description: 'Items with status `listed`.', type: 'integer', example: 120 })
  listed_items!: number;

  @ApiProperty({ description: 'Items with status `sold`.', type: 'integer', example: 65 })
  sold_items!: number;

  @ApiProperty(
    total(
      'What the items cost: the sum of `price_purchased_item` + `price_for_purchases_shipping` (a missing price counts as 0) ' +
        'over every item except `cancelled` ones (a cancelled purchase cost nothing).',
      '3250.00',
    ),
  )
  total_cost_basis!: string;

  @ApiProperty(
    total(
      'What the unsold items should fetch: the sum of `price_expected_usd`, else `price_total_usd`, over items `purchased`, ' +
        '`received`, `ready-to-sell` or `listed`.',
      '8500.00',
    ),
  )
  expected_value!: string;

  @ApiProperty(total('What the listings ask: the sum of `listing_current_price`, else `price_total_usd`, over `listed` items.', '5600.00'))
  listed_value!: string;

  @ApiProperty(
    total(
      "What the sold items fetched: the sum of their sale price over `sold` items. An item's sale price is the `sale_price` of its " +
        'order (the newest not cancelled, as `GET /api/v1/inventory/{uid}/order/`), else (sold without an order) its ' +
        '`listing_current_price`, else `price_total_usd`.',
      '4200.00',
    ),
  )
  sold_revenue!: string;

  @ApiProperty(total('`sold_revenue` minus the cost basis (as in `total_cost_basis`) of the sold items; negative after a loss.', '1850.00'))
  sold_profit!: string;

  @ApiProperty({
    description:
      'The fraction (0 to 1) of the items a seller had to sell that sold: `sold_items / (sold_items + sellable_items)`, ' +
      'rounded to 3 decimals; 0 when there are none. Drafts, items still on their way (`purchased`) and cancelled ones do not count.',
    type: Number,
    example: 0.265,
  })
  sell_through_rate!: number;

  @ApiProperty({
    description:
      'The average, over `sold` items with a sale time, of the days from when each came into stock (received, else purchased, ' +
      'else created) to its sale, to one decimal (an item sold before it came into stock counts 0 days); null when no sold item has a sale time.',
    type: Number,
    nullable: true,
    example: 18.3,
  })
  average_days_to_sell!: number | null;

  @ApiProperty({
    description:
      'The count of every status, zeros included, in workflow order (as the status choices list them); the counts add up to `total_items`.',
    type: AnalyticsStatusCountDto,
    isArray: true,
  })
  status_breakdown!: AnalyticsStatusCountDto[];

  @ApiProperty({
    ...dateTimeProperty('When these figures were computed: now (they are computed on every request).'),
    example: '2025-03-01T12:00:00Z',
  })
  updated_at!: string;
}

export class AnalyticsTrendPointDto {
  @ApiProperty({ description: 'The UTC day, `YYYY-MM-DD`.', format: 'date', example: '2025-02-01' })
  date!: string;

  @ApiProperty({ description: 'Items that day.', type: 'integer', example: 5 })
  count!: number;

  @ApiProperty(total('Those items\' value (see the series), a decimal string; `"0.00"` on a day without any.', '120.00'))
  value!: string;
}

export class InventoryAnalyticsTrendsDto {
  @ApiProperty({ description: 'Days in the range: `days` as asked; each series has one entry per day.', type: 'integer', example: 30 })
  range_days!: number;

  @ApiProperty({
    description:
      'The first day (UTC), `range_days - 1` days before `range_end`, both included: 30 days up to 2025-03-01 start on 2025-01-31 ' +
      "(the seed's example, 2025-02-01 to 2025-03-01, covers 29 days).",
    format: 'date',
    example: '2025-01-31',
  })
  range_start!: string;

  @ApiProperty({ description: 'The last day: today (UTC).', format: 'date', example: '2025-03-01' })
  range_end!: string;

  @ApiProperty({
    description: `Per day, ${LIVE} purchased that day (\`purchased_at\`), except cancelled ones; value: their cost basis (as in the summary).`,
    type: AnalyticsTrendPointDto,
    isArray: true,
  })
  purchases!: AnalyticsTrendPointDto[];

  @ApiProperty({
    description: `Per day, ${LIVE} first listed that day (\`listed_at\`), whatever became of them; value: their listing price (as in \`listed_value\`).`,
    type: AnalyticsTrendPointDto,
    isArray: true,
  })
  listings!: AnalyticsTrendPointDto[];

  @ApiProperty({
    description: `Per day, ${LIVE} sold that day (their sale time); value: their sale price (as in \`sold_revenue\`).`,
    type: AnalyticsTrendPointDto,
    isArray: true,
  })
  sales!: AnalyticsTrendPointDto[];
}

export class InventoryAnalyticsTrendsQueryDto {
  // No `example`: Swagger UI's "Try it out" would send it as the value.
  @ApiPropertyOptional({
    description: `How many days the trends cover, ending today (UTC): a whole number from ${TREND_DAYS.min} to ${TREND_DAYS.max} (default ${TREND_DAYS.default}).`,
    type: 'integer',
    minimum: TREND_DAYS.min,
    maximum: TREND_DAYS.max,
    default: TREND_DAYS.default,
  })
  @IsOptional()
  // Digits only: `7.5`, `1e2`, ` 7` or a repeated parameter stay as sent and fail @IsInt.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(TREND_DAYS.min, { message: `Ensure this value is greater than or equal to ${TREND_DAYS.min}.` })
  @Max(TREND_DAYS.max, { message: `Ensure this value is less than or equal to ${TREND_DAYS.max}.` })
  days?: number;
}
