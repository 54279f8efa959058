import { FUNNEL_STAGES, type FigureRow, type FunnelRow, INVENTORY_STATUS_CODES } from '../inventory/index.js';
import type { CategorySalesRow, PlatformSalesRow, RevenueFiguresRow, SalesBucketRow, SalesPeriod, SalesRange } from '../orders/index.js';
import type { FunnelDto, InventoryByStatusDto, InventoryMetricsDto } from './dto/analytics.dto.js';
import type {
  PlatformBreakdownDto,
  RevenueFiguresDto,
  RevenueSummaryDto,
  SalesSeriesDto,
  TopCategoriesDto,
} from './dto/order-analytics.dto.js';
import type { LocalDays } from './analytics.rules.js';

/** A decimal string the database rounded to cents, as the JSON number analytics answer (exact: at most two decimals). */
export const moneyNumber = (amount: string) => Number(amount);

export function mapFunnel(row: FunnelRow): FunnelDto {
  return {
    ...row,
    total: row.draft + row.ready_to_sell + row.listed + row.sold,
    stages: FUNNEL_STAGES.map((stage) => ({ stage, count: row[stage] })),
  };
}

/** The per-status rows and their total row (key null) of InventoryAnalyticsService.statusFigures, every status present. */
export function mapInventoryMetrics(rows: FigureRow[]): InventoryMetricsDto {
  const total = rows.find((row) => row.key === null);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const byStatus = Object.fromEntries(
    INVENTORY_STATUS_CODES.map((status) => {
      const row = byKey.get(status);
      return [status, { count: row?.count ?? 0, value: moneyNumber(row?.total_value ?? '0') }];
    }),
  ) as unknown as InventoryByStatusDto;
  return {
    total_items: total?.count ?? 0,
    total_value: moneyNumber(total?.total_value ?? '0'),
    average_item_value: moneyNumber(total?.average_value ?? '0'),
    by_status: byStatus,
  };
}

const rangeFields = (range: SalesRange, days: number) => ({
  days,
  range_start: range.start,
  range_end: range.end,
  timezone: range.timeZone,
});

/** The buckets of OrdersService.salesSeries (each row carries the range's totals; there is always at least one bucket). */
export function mapSalesSeries(rows: SalesBucketRow[], range: SalesRange, days: number, period: SalesPeriod): SalesSeriesDto {
  return {
    data: rows.map((row) => ({ date: row.date, value: row.orders, revenue: moneyNumber(row.revenue), orders: row.orders })),
    total: rows[0]?.total_orders ?? 0,
    period,
    granularity: 'day',
    total_revenue: moneyNumber(rows[0]?.total_revenue ?? '0'),
    ...rangeFields(range, days),
  };
}

/** The platforms of OrdersService.platformBreakdown (no row without sales; each row carries the totals). */
export function mapPlatformBreakdown(rows: PlatformSalesRow[], range: SalesRange, days: number): PlatformBreakdownDto {
  return {
    data: rows.map((row) => ({
      platform: row.platform,
      platform_name: row.platform_name,
      count: row.count,
      revenue: moneyNumber(row.revenue),
    })),
    platforms: rows.map((row) => ({ name: row.platform_name, value: row.count })),
    total_count: rows[0]?.total_count ?? 0,
    total_revenue: moneyNumber(rows[0]?.total_revenue ?? '0'),
    ...rangeFields(range, days),
  };
}

function revenueFigures(row: RevenueFiguresRow, days: LocalDays): RevenueFiguresDto {
  return {
    total_revenue: moneyNumber(row.total_revenue),
    average_order_value: moneyNumber(row.average_order_value),
    total_orders: row.total_orders,
    total_fees: moneyNumber(row.total_fees),
    total_shipping: moneyNumber(row.total_shipping),
    net_revenue: moneyNumber(row.net_revenue),
    range_start: days.start,
    range_end: days.end,
  };
}

export function mapRevenue(
  figures: { current: RevenueFiguresRow; previous: RevenueFiguresRow },
  ranges: { current: LocalDays; previous: LocalDays },
  days: number,
  timeZone: string,
): RevenueSummaryDto {
  return {
    ...revenueFigures(figures.current, ranges.current),
    previous_period: revenueFigures(figures.previous, ranges.previous),
    days,
    timezone: timeZone,
  };
}

export function mapTopCategories(rows: CategorySalesRow[], range: SalesRange, days: number): TopCategoriesDto {
  return {
    categories: rows.map((row) => ({ name: row.name, count: row.count, revenue: moneyNumber(row.revenue) })),
    ...rangeFields(range, days),
  };
}
