import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { dateTimeProperty } from '../../../common/swagger/properties.js';
import { isCalendarDate } from '../../../common/time/local-days.js';
import { invalidChoices, QueryBoolean, QueryList } from '../../../common/validation/fields.js';
import { AGING_BUCKETS, CSV_COLUMNS, INVENTORY_STATUS_CODES, InventoryFiltersQueryDto } from '../../inventory/index.js';
import { DATE_FORMAT_MESSAGE, DEFAULT_PERIOD_DAYS, MAX_PERIOD_DAYS, REPORT_FORMATS, type ReportFormat } from '../reports.rules.js';

@ValidatorConstraint({ name: 'isCalendarDate' })
class CalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isCalendarDate(value);
  }
  defaultMessage(): string {
    return DATE_FORMAT_MESSAGE;
  }
}

const money = (description: string, example: string) => ({ description: `${description} A decimal string.`, type: String, example });
const TIME_ZONE = "the caller's `timezone` preference (`GET /api/v1/user/me/preferences/`, UTC unless set)";

const COST =
  'cost basis: `price_purchased_item` + `price_for_purchases_shipping` (a missing price counts as 0; a `cancelled` item costs nothing)';
const VALUE =
  'value: once `sold`, what it fetched (the `sale_price` of its order, the newest not cancelled; without one `listing_current_price`, ' +
  'else `price_total_usd`); once `cancelled`, ' +
  'nothing; otherwise what it should fetch (`price_expected_usd`, else `price_total_usd`); a missing price counts as 0';

export class ReportFormatQueryDto {
  @ApiPropertyOptional({ description: '`json` (default) or `pdf` (a printable report, as an attachment).', enum: REPORT_FORMATS })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: (args: { value: unknown }) => Msg.choice(args.value) })
  format?: ReportFormat;
}

export class InventorySummaryQueryDto extends ReportFormatQueryDto {
  @ApiPropertyOptional({
    description: `First local day of the period, \`YYYY-MM-DD\` (default: ${DEFAULT_PERIOD_DAYS - 1} days before \`end_date\`). Days are ${TIME_ZONE}.`,
    format: 'date',
  })
  @IsOptional()
  @IsString()
  @Validate(CalendarDate)
  start_date?: string;

  @ApiPropertyOptional({
    description: `Last local day of the period, included, \`YYYY-MM-DD\` (default: today). At most ${MAX_PERIOD_DAYS} days from \`start_date\`.`,
    format: 'date',
  })
  @IsOptional()
  @IsString()
  @Validate(CalendarDate)
  end_date?: string;
}

export class InventoryValuationQueryDto extends ReportFormatQueryDto {
  @ApiPropertyOptional({ description: 'Count `sold` items too, at what they fetched (default false: the stock only).', type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  include_sold?: boolean;
}

export class ReportCsvQueryDto extends InventoryFiltersQueryDto {
  @ApiPropertyOptional({
    description: `The columns to write, in this order; comma-separated or repeated (default: all). One of: ${CSV_COLUMNS.join(', ')}. For example \`uid,title,status,price_total_usd\`.`,
    type: String,
  })
  @IsOptional()
  @QueryList()
  @IsIn(CSV_COLUMNS, { each: true, message: (args: { value: unknown }) => invalidChoices(args.value, CSV_COLUMNS) })
  fields?: string[];
}

export class ReportParameterDto {
  @ApiProperty({ description: 'Query parameter name.', example: 'start_date' })
  name!: string;

  @ApiProperty({ description: 'Its type.', enum: ['date', 'boolean', 'string', 'list'], example: 'date' })
  type!: string;

  @ApiProperty({ description: 'What it does and its default.', example: 'First day of the period (default: 29 days before end_date).' })
  description!: string;

  @ApiProperty({ description: 'The values it takes, when it is a choice.', type: [String], nullable: true, example: ['json', 'pdf'] })
  choices!: string[] | null;
}

export class ReportTypeDto {
  @ApiProperty({ description: 'Report type.', example: 'inventory_summary' })
  type!: string;

  @ApiProperty({ description: 'Its name.', example: 'Inventory summary' })
  name!: string;

  @ApiProperty({ description: 'What it shows.', example: 'Items that came into stock in a period, with their financials.' })
  description!: string;

  @ApiProperty({ description: 'Where to get it (absolute URL).', example: 'https://app.instica.com/api/v1/reports/inventory-summary/' })
  url!: string;

  @ApiProperty({ description: 'What it can be answered as.', type: [String], example: ['json', 'pdf'] })
  formats!: string[];

  @ApiProperty({ description: 'Its query parameters.', type: [ReportParameterDto] })
  parameters!: ReportParameterDto[];
}

export class ReportTypesDto {
  @ApiProperty({ description: 'The reports available now.', type: [ReportTypeDto] })
  reports!: ReportTypeDto[];
}

export class ReportMetadataDto {
  @ApiProperty({
    description: 'Which report.',
    enum: ['inventory_summary', 'inventory_valuation', 'aging', 'profit_loss'],
    example: 'inventory_summary',
  })
  report_type!: string;

  @ApiProperty(dateTimeProperty('When it was computed.'))
  generated_at!: string;

  @ApiProperty({ description: "The organization's name.", example: 'Groove Records' })
  organization!: string;

  @ApiProperty({ description: `The time zone its days are read in: ${TIME_ZONE}.`, example: 'America/New_York' })
  timezone!: string;
}

export class PeriodMetadataDto extends ReportMetadataDto {
  @ApiProperty({ description: 'First local day of the period.', example: '2025-01-01' })
  date_range_start!: string;

  @ApiProperty({ description: 'Last local day of the period, included.', example: '2025-03-01' })
  date_range_end!: string;
}

export class InventorySummaryCountsDto {
  @ApiProperty({
    description: 'Items (not deleted) that came into stock in the period: received, else purchased, else created, on a day of the period.',
    type: 'integer',
    example: 180,
  })
  total_items!: number;

  @ApiProperty({
    description: 'Of those, not sold and listed now (status `listed` or a listing live on a platform).',
    type: 'integer',
    example: 90,
  })
  listed_items!: number;

  @ApiProperty({ description: 'Of those, sold now.', type: 'integer', example: 40 })
  sold_items!: number;

  @ApiProperty({
    description: 'Of those, in stock now: any status but `sold` and `cancelled` (listed ones included).',
    type: 'integer',
    example: 135,
  })
  unsold_items!: number;

  @ApiProperty({ description: 'Of those, cancelled.', type: 'integer', example: 5 })
  cancelled_items!: number;
}

export class InventoryFinancialsDto {
  @ApiProperty(money(`Sum of the items' ${COST}.`, '3250.00'))
  total_purchase_cost!: string;

  @ApiProperty(
    money(
      'Sum of what the listed items (as in `listed_items`) ask: `listing_current_price`, else `price_total_usd`; each item once.',
      '5400.00',
    ),
  )
  total_listed_value!: string;

  @ApiProperty(money('`total_purchase_cost` / the items not cancelled, rounded to cents.', '18.06'))
  average_purchase_cost!: string;

  @ApiProperty(money('`total_listed_value` / `listed_items`, rounded to cents.', '60.00'))
  average_listed_price!: string;

  @ApiProperty(
    money(
      'What the items in stock should fetch (`price_expected_usd`, else `price_total_usd`) minus their cost basis, summed: the profit not yet realized.',
      '5250.00',
    ),
  )
  potential_profit!: string;
}

export class StatusFiguresDto {
  @ApiProperty({ description: 'Item status.', enum: INVENTORY_STATUS_CODES, example: 'listed' })
  status!: string;

  @ApiProperty({ description: 'Its label.', example: 'Listed' })
  label!: string;

  @ApiProperty({ description: 'Items in this status.', type: 'integer', example: 120 })
  count!: number;

  @ApiProperty(money(`Their ${COST}.`, '1800.00'))
  total_cost!: string;

  @ApiProperty(money(`Their ${VALUE}.`, '5400.00'))
  total_value!: string;
}

export class InventorySummaryReportDto {
  @ApiProperty({ type: PeriodMetadataDto })
  metadata!: PeriodMetadataDto;

  @ApiProperty({ type: InventorySummaryCountsDto })
  summary!: InventorySummaryCountsDto;

  @ApiProperty({ type: InventoryFinancialsDto })
  financials!: InventoryFinancialsDto;

  @ApiProperty({
    description: 'The items of the period per status they have now, every status (zeros included), in workflow order.',
    type: [StatusFiguresDto],
  })
  by_status!: StatusFiguresDto[];
}

export class ValuationMetadataDto extends ReportMetadataDto {
  @ApiProperty({ description: 'Whether sold items are counted.', example: false })
  include_sold!: boolean;
}

export class ValuationTotalsDto {
  @ApiProperty({
    description: 'Items counted: every status but `sold` and `cancelled` (and `sold` with `include_sold`).',
    type: 'integer',
    example: 245,
  })
  item_count!: number;

  @ApiProperty(money(`Their ${COST}.`, '3250.00'))
  total_cost!: string;

  @ApiProperty(money(`Their ${VALUE}.`, '8500.00'))
  total_value!: string;

  @ApiProperty(money('Value minus cost of the items not sold (sold items have realized theirs, so they never count here).', '5250.00'))
  unrealized_gain!: string;
}

export class CategoryFiguresDto {
  @ApiProperty({ description: 'The item type (`inventory_item_type`), `Uncategorized` for items without one.', example: 'Vinyl' })
  category!: string;

  @ApiProperty({ description: 'Items of that type.', type: 'integer', example: 150 })
  count!: number;

  @ApiProperty(money('Their cost basis, as in `totals`.', '2000.00'))
  total_cost!: string;

  @ApiProperty(money('Their value, as in `totals`.', '6000.00'))
  total_value!: string;
}

export class ValuationItemDto {
  @ApiProperty({ description: 'Item uid.', example: 'inv_001' })
  uid!: string;

  @ApiProperty({ description: "The item's title.", example: 'Abbey Road - NM' })
  title!: string;

  @ApiProperty(money('Its value, as in `totals`.', '89.99'))
  value!: string;

  @ApiProperty(money('Its cost basis, as in `totals`.', '12.00'))
  cost!: string;

  @ApiProperty({ description: 'Its status.', enum: INVENTORY_STATUS_CODES, example: 'listed' })
  status!: string;
}

export class ValuationReportDto {
  @ApiProperty({ type: ValuationMetadataDto })
  metadata!: ValuationMetadataDto;

  @ApiProperty({ type: ValuationTotalsDto })
  totals!: ValuationTotalsDto;

  @ApiProperty({
    description: 'The counted items per status (every counted status, zeros included), in workflow order.',
    type: [StatusFiguresDto],
  })
  by_status!: StatusFiguresDto[];

  @ApiProperty({ description: 'The counted items per item type, the most valuable first.', type: [CategoryFiguresDto] })
  by_category!: CategoryFiguresDto[];

  @ApiProperty({ description: 'The 10 counted items of highest value, ties by time in stock (longest first).', type: [ValuationItemDto] })
  top_items!: ValuationItemDto[];
}

export class AgingMetadataDto extends ReportMetadataDto {
  @ApiProperty({ description: 'The local day ages are counted to (today).', example: '2025-03-01' })
  as_of!: string;
}

export class AgingSummaryDto {
  @ApiProperty({ description: 'Items in stock: not deleted, any status but `sold` and `cancelled`.', type: 'integer', example: 180 })
  total_items!: number;

  @ApiProperty(money(`Their ${VALUE}.`, '6500.00'))
  total_value!: string;

  @ApiProperty(money(`Their ${COST}.`, '2400.00'))
  total_cost!: string;

  @ApiProperty({
    description:
      "Their mean age in days, 1 decimal (0 without items). An item's age is the number of local days from the day it came into stock " +
      '(received, else purchased, else created) to `as_of`.',
    type: 'number',
    example: 42.5,
  })
  average_age_days!: number;
}

export class AgingBucketDto {
  @ApiProperty({ description: 'The bucket.', enum: AGING_BUCKETS.map((bucket) => bucket.bucket), example: '0-30 days' })
  bucket!: string;

  @ApiProperty({ description: 'Youngest age in it, in days.', type: 'integer', example: 0 })
  min_days!: number;

  @ApiProperty({
    description: 'Oldest age in it, in days; null for the last bucket (more than 365 days).',
    type: 'integer',
    nullable: true,
    example: 30,
  })
  max_days!: number | null;

  @ApiProperty({ description: 'Items in stock of that age.', type: 'integer', example: 80 })
  count!: number;

  @ApiProperty(money('Their value, as in `summary`.', '3200.00'))
  total_value!: string;

  @ApiProperty(money('Their cost basis, as in `summary`.', '1200.00'))
  total_cost!: string;
}

export class AgingItemDto {
  @ApiProperty({ description: 'Item uid.', example: 'inv_old001' })
  uid!: string;

  @ApiProperty({ description: "The item's title.", example: 'Rare Jazz LP' })
  title!: string;

  @ApiProperty(dateTimeProperty('When the item was created.'))
  created_at!: string;

  @ApiProperty(dateTimeProperty('When it came into stock (received, else purchased, else created): what its age counts from.'))
  in_inventory_since!: string;

  @ApiProperty({ description: 'Its age in local days, as in `summary`.', type: 'integer', example: 258 })
  age_days!: number;

  @ApiProperty(money('Its value, as in `summary`.', '120.00'))
  value!: string;

  @ApiProperty(money('Its cost basis, as in `summary`.', '40.00'))
  cost!: string;

  @ApiProperty({ description: 'Its status.', enum: INVENTORY_STATUS_CODES, example: 'listed' })
  status!: string;
}

export class AgingReportDto {
  @ApiProperty({ type: AgingMetadataDto })
  metadata!: AgingMetadataDto;

  @ApiProperty({ type: AgingSummaryDto })
  summary!: AgingSummaryDto;

  @ApiProperty({
    description: 'Every bucket, youngest first (zeros included); their counts add up to `summary.total_items`.',
    type: [AgingBucketDto],
  })
  buckets!: AgingBucketDto[];

  @ApiProperty({ description: 'The 10 items longest in stock, oldest first.', type: [AgingItemDto] })
  oldest_items!: AgingItemDto[];
}

const SALES =
  'the sales of the period: order lines (one item sold each, as the rows of `GET /api/v1/orders/`), synced or recorded by hand, not ' +
  "cancelled, sold (`sold_at`) on a local day of the period in the caller's time zone";
const PROFIT = 'sales − fees − shipping − cost';

export class ProfitLossSummaryDto {
  @ApiProperty({ description: `Items sold: ${SALES}.`, type: 'integer', example: 65 })
  items_sold!: number;

  @ApiProperty(money("Revenue: the sales' `sale_price` summed (what the buyers paid for the items).", '4200.00'))
  total_sales!: string;

  @ApiProperty(money("Fees: the sales' `marketplace_fee` + `platform_fee` summed (a missing fee counts as 0).", '420.00'))
  total_fees!: string;

  @ApiProperty(money("Shipping: the sales' `shipping_cost` summed (what shipping cost the seller).", '520.00'))
  total_shipping!: string;

  @ApiProperty(
    money(
      "Cost: the sold items' cost basis summed, `price_purchased_item` + `price_for_purchases_shipping` as inventory analytics counts it " +
        '(a missing price counts as 0; a sale matched to no item costs 0; an item sold twice counts in each sale).',
      '1850.00',
    ),
  )
  total_cost!: string;

  @ApiProperty(money(`Profit: ${PROFIT} (negative after a loss).`, '1410.00'))
  total_profit!: string;

  @ApiProperty(money('`total_profit` / `items_sold`, rounded to cents ("0.00" without sales).', '21.69'))
  average_profit_per_item!: string;

  @ApiProperty({
    description: '`total_profit` / `total_sales`, a number with 3 decimals (0.336 is 33.6 %); 0 without sales.',
    type: 'number',
    example: 0.336,
  })
  profit_margin!: number;
}

export class ProfitableSaleDto {
  @ApiProperty({ description: 'The item sold; null for a sale matched to no item.', type: String, nullable: true, example: 'inv_001' })
  uid!: string | null;

  @ApiProperty({ description: 'The order line.', example: 'ord_m3n4o5' })
  order_uid!: string;

  @ApiProperty({ description: "The item's title (the order line's own title when it has no item).", example: 'Abbey Road - NM' })
  title!: string;

  @ApiProperty({ description: 'Where it sold (platform slug); null when recorded by hand.', type: String, nullable: true, example: 'ebay' })
  platform!: string | null;

  @ApiProperty(dateTimeProperty('When it sold.'))
  sold_at!: string;

  @ApiProperty(money('Its `sale_price`.', '89.99'))
  sale_price!: string;

  @ApiProperty(money('Its fees, as in `summary`.', '9.00'))
  fees!: string;

  @ApiProperty(money('Its shipping, as in `summary`.', '5.00'))
  shipping!: string;

  @ApiProperty(money("The item's cost basis, as in `summary`.", '12.00'))
  cost!: string;

  @ApiProperty(money(`Its profit: ${PROFIT}.`, '63.99'))
  profit!: string;
}

export class ProfitLossMonthDto {
  @ApiProperty({
    description: 'The local calendar month, `YYYY-MM` (the first and last may be partly outside the period).',
    example: '2025-01',
  })
  month!: string;

  @ApiProperty(money('Its revenue, as in `summary`.', '1400.00'))
  sales!: string;

  @ApiProperty(money('Its fees, as in `summary`.', '140.00'))
  fees!: string;

  @ApiProperty(money('Its cost, as in `summary`.', '620.00'))
  cost!: string;

  @ApiProperty(money('Its shipping, as in `summary`.', '175.00'))
  shipping!: string;

  @ApiProperty(money(`Its profit: ${PROFIT}.`, '465.00'))
  profit!: string;

  @ApiProperty({ description: 'Its items sold.', type: 'integer', example: 22 })
  count!: number;
}

export class ProfitLossReportDto {
  @ApiProperty({ type: PeriodMetadataDto })
  metadata!: PeriodMetadataDto;

  @ApiProperty({ type: ProfitLossSummaryDto })
  summary!: ProfitLossSummaryDto;

  @ApiProperty({ description: 'The 10 sales of the period with the highest profit, ties by the latest sale.', type: [ProfitableSaleDto] })
  top_profitable!: ProfitableSaleDto[];

  @ApiProperty({
    description:
      'Every local month the period touches, oldest first (zeros included), counting only the days of the period; they add up to `summary`.',
    type: [ProfitLossMonthDto],
  })
  monthly_breakdown!: ProfitLossMonthDto[];
}
