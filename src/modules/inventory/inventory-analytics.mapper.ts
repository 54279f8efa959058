import type { AnalyticsTrendPointDto, InventoryAnalyticsSummaryDto, InventoryAnalyticsTrendsDto } from './dto/inventory-analytics.dto.js';
import type { SummaryRow, TrendDayRow } from './inventory-analytics.query.js';
import { statusBreakdown } from './inventory-analytics.rules.js';

/** The summary as the API answers it; the rate and the average are rounded numerics, exact as JSON numbers. */
export function mapAnalyticsSummary(row: SummaryRow, now: Date): InventoryAnalyticsSummaryDto {
  return {
    total_items: row.total_items,
    sellable_items: row.sellable_items,
    listed_items: row.listed_items,
    sold_items: row.sold_items,
    total_cost_basis: row.total_cost_basis,
    expected_value: row.expected_value,
    listed_value: row.listed_value,
    sold_revenue: row.sold_revenue,
    sold_profit: row.sold_profit,
    sell_through_rate: Number(row.sell_through_rate),
    average_days_to_sell: row.average_days_to_sell === null ? null : Number(row.average_days_to_sell),
    status_breakdown: statusBreakdown(row.status_counts),
    updated_at: now.toISOString(),
  };
}

/** The day rows (one per day of the range) split into the three series. */
export function mapAnalyticsTrends(days: number, range: { start: string; end: string }, rows: TrendDayRow[]): InventoryAnalyticsTrendsDto {
  const series = (count: (row: TrendDayRow) => number, value: (row: TrendDayRow) => string): AnalyticsTrendPointDto[] =>
    rows.map((row) => ({ date: row.date, count: count(row), value: value(row) }));
  return {
    range_days: days,
    range_start: range.start,
    range_end: range.end,
    purchases: series(
      (row) => row.purchases,
      (row) => row.purchases_value,
    ),
    listings: series(
      (row) => row.listings,
      (row) => row.listings_value,
    ),
    sales: series(
      (row) => row.sales,
      (row) => row.sales_value,
    ),
  };
}
