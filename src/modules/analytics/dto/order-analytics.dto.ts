import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { SALES_PERIODS, type SalesPeriod } from '../../orders/index.js';
import { ANALYTICS_DAYS, TOP_CATEGORIES_LIMIT } from '../analytics.rules.js';

/* The definitions every order figure follows (OrderAnalyticsQuery computes them). */
export const SALES_DEFINITION =
  'A sale is one order line: one item sold, as one row of `GET /api/v1/orders/`, synced from a marketplace or recorded by hand ' +
  '(`POST /api/v1/inventory/{uid}/order/`). Cancelled orders (`sale_state` cancelled: the platform cancelled or refunded it) never ' +
  "count. A sale counts on the local day of its `sold_at` in the caller's `timezone` preference (`GET /api/v1/user/me/preferences/`, " +
  'UTC unless set), so a sale at 23:30 in New York counts on that New York day.';
const REVENUE_DEFINITION =
  "Revenue is the sum of the sales' `sale_price`: what the buyers paid for the items, before fees and shipping (a missing price counts " +
  'as 0), added in decimal arithmetic by the database and answered as a number with two decimals.';
const DAYS_TEXT = `Range in local days, today included (${ANALYTICS_DAYS.min}–${ANALYTICS_DAYS.max}; default ${ANALYTICS_DAYS.default}).`;

const money = (description: string, example: number) => ({
  description: `${description} A number with two decimals.`,
  type: 'number' as const,
  example,
});
const day = (description: string, example: string) => ({ description: `${description} (\`YYYY-MM-DD\`).`, example });

/** `days`, as every order figure takes it. */
export class AnalyticsDaysQueryDto {
  @ApiPropertyOptional({ description: DAYS_TEXT, type: 'integer', minimum: ANALYTICS_DAYS.min, maximum: ANALYTICS_DAYS.max })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(ANALYTICS_DAYS.min, { message: `Ensure this value is greater than or equal to ${ANALYTICS_DAYS.min}.` })
  @Max(ANALYTICS_DAYS.max, { message: `Ensure this value is less than or equal to ${ANALYTICS_DAYS.max}.` })
  days?: number;
}

export class SalesSeriesQueryDto extends AnalyticsDaysQueryDto {
  @ApiPropertyOptional({
    description: 'Bucket size: `day` (default), `week` (ISO weeks, from Monday) or `month` (calendar months).',
    enum: SALES_PERIODS,
  })
  @IsOptional()
  @IsIn(SALES_PERIODS, { message: (args: { value: unknown }) => Msg.choice(args.value) })
  period?: SalesPeriod;
}

export class TopCategoriesQueryDto extends AnalyticsDaysQueryDto {
  @ApiPropertyOptional({
    description: `Number of categories (${TOP_CATEGORIES_LIMIT.min}–${TOP_CATEGORIES_LIMIT.max}; default ${TOP_CATEGORIES_LIMIT.default}).`,
    type: 'integer',
    minimum: TOP_CATEGORIES_LIMIT.min,
    maximum: TOP_CATEGORIES_LIMIT.max,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(TOP_CATEGORIES_LIMIT.min, { message: `Ensure this value is greater than or equal to ${TOP_CATEGORIES_LIMIT.min}.` })
  @Max(TOP_CATEGORIES_LIMIT.max, { message: `Ensure this value is less than or equal to ${TOP_CATEGORIES_LIMIT.max}.` })
  limit?: number;
}

/** What range the figures cover: the days asked, the local days they were, the zone they were read in. */
class AnalyticsRangeDto {
  @ApiProperty({ description: 'The range asked for, in local days (`days`).', type: 'integer', example: 30 })
  days!: number;

  @ApiProperty(day('The first local day of the range', '2025-01-31'))
  range_start!: string;

  @ApiProperty(day('The last local day of the range: today', '2025-03-01'))
  range_end!: string;

  @ApiProperty({ description: 'The time zone the days were read in.', example: 'America/New_York' })
  timezone!: string;
}

export class SalesPointDto {
  @ApiProperty({
    description:
      'The first local day of the bucket (`YYYY-MM-DD`; a Monday for weeks, the 1st for months). The first bucket counts from `range_start` only.',
    example: '2025-02-03',
  })
  date!: string;

  @ApiProperty({ description: 'Sales in the bucket (the value to chart; the same as `orders`).', type: 'integer', example: 12 })
  value!: number;

  @ApiProperty(money("The bucket's revenue.", 489.5))
  revenue!: number;

  @ApiProperty({ description: 'Sales in the bucket: order lines, each one item sold.', type: 'integer', example: 12 })
  orders!: number;
}

export class SalesSeriesDto extends AnalyticsRangeDto {
  @ApiProperty({
    description: 'One bucket per period of the range, oldest first, every bucket present (0 when it had no sale).',
    type: [SalesPointDto],
  })
  data!: SalesPointDto[];

  @ApiProperty({ description: 'Sales over the whole range (the sum of the `value`s).', type: 'integer', example: 48 })
  total!: number;

  @ApiProperty({ description: 'The bucket size asked for.', enum: SALES_PERIODS, example: 'week' })
  period!: SalesPeriod;

  @ApiProperty({
    description: 'What `date` is given in: always `day` (each bucket is named by its first day).',
    enum: ['day'],
    example: 'day',
  })
  granularity!: 'day';

  @ApiProperty(money('Revenue over the whole range (the sum of the buckets, added by the database).', 2140.5))
  total_revenue!: number;
}

export class PlatformSalesDto {
  @ApiProperty({
    description: 'The platform slug; null for the sales recorded by hand outside the platforms.',
    type: String,
    nullable: true,
    example: 'ebay',
  })
  platform!: string | null;

  @ApiProperty({ description: 'Its name (`Direct sale` for the sales outside the platforms).', example: 'eBay' })
  platform_name!: string;

  @ApiProperty({ description: 'Its sales in the range.', type: 'integer', example: 35 })
  count!: number;

  @ApiProperty(money('Their revenue.', 1420.5))
  revenue!: number;
}

export class PlatformChartPointDto {
  @ApiProperty({ description: 'The platform name, as `platform_name`.', example: 'eBay' })
  name!: string;

  @ApiProperty({ description: 'Its sales, as `count`.', type: 'integer', example: 35 })
  value!: number;
}

export class PlatformBreakdownDto extends AnalyticsRangeDto {
  @ApiProperty({
    description:
      'Per platform that sold in the range (only those), the highest revenue first (ties: more sales first, then by name); the sales ' +
      'recorded by hand count as one more platform, `Direct sale`.',
    type: [PlatformSalesDto],
  })
  data!: PlatformSalesDto[];

  @ApiProperty({
    description: 'The same sales counts as `{name, value}` pairs for a chart, in the same order.',
    type: [PlatformChartPointDto],
  })
  platforms!: PlatformChartPointDto[];

  @ApiProperty({ description: 'Sales in the range on every platform (the sum of the `count`s).', type: 'integer', example: 48 })
  total_count!: number;

  @ApiProperty(money('Revenue in the range on every platform.', 2140.5))
  total_revenue!: number;
}

export class RevenueFiguresDto {
  @ApiProperty(money(`Revenue of the period. ${REVENUE_DEFINITION}`, 2140.5))
  total_revenue!: number;

  @ApiProperty(money('`total_revenue` / `total_orders`, rounded to cents; 0 without sales.', 44.59))
  average_order_value!: number;

  @ApiProperty({ description: 'Sales in the period (order lines, each one item sold).', type: 'integer', example: 48 })
  total_orders!: number;

  @ApiProperty(money('Fees of those sales: the sum of `marketplace_fee` + `platform_fee` (a missing fee counts as 0).', 214.05))
  total_fees!: number;

  @ApiProperty(money('Shipping those sales cost the seller: the sum of `shipping_cost`.', 240.0))
  total_shipping!: number;

  @ApiProperty(
    money(
      "What the seller kept: `total_revenue` − `total_fees` − `total_shipping` (each sale's `net_revenue`, summed); the cost of the items is not deducted (see the profit and loss report).",
      1686.45,
    ),
  )
  net_revenue!: number;

  @ApiProperty(day('The first local day of the period', '2025-01-31'))
  range_start!: string;

  @ApiProperty(day('The last local day of the period', '2025-03-01'))
  range_end!: string;
}

export class RevenueSummaryDto extends RevenueFiguresDto {
  @ApiProperty({
    description:
      'The same figures for the previous period: the `days` local days just before `range_start` (for the last 30 days, the 30 before them).',
    type: RevenueFiguresDto,
  })
  previous_period!: RevenueFiguresDto;

  @ApiProperty({ description: 'The length of each period, in local days (`days`).', type: 'integer', example: 30 })
  days!: number;

  @ApiProperty({ description: 'The time zone the days were read in.', example: 'America/New_York' })
  timezone!: string;
}

export class TopCategoryDto {
  @ApiProperty({
    description:
      "The item type of the sold items (`inventory_item_type`'s name: Vinyl, CD, Cassette...); `Uncategorized` for items without " +
      'one and for sales matched to no item.',
    example: 'Vinyl',
  })
  name!: string;

  @ApiProperty({ description: 'Sales of items of that type in the range.', type: 'integer', example: 28 })
  count!: number;

  @ApiProperty(money('Their revenue.', 1120.0))
  revenue!: number;
}

export class TopCategoriesDto extends AnalyticsRangeDto {
  @ApiProperty({
    description:
      'The `limit` item types that brought the most revenue in the range (only types that sold), ties by more sales, then by name.',
    type: [TopCategoryDto],
  })
  categories!: TopCategoryDto[];
}
