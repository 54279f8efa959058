import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { ActivityHeatmapDto, type ActivityRangeRequest, ActivitySeriesDto, ActivityService } from '../activity/index.js';
import { INVENTORY_STATUS_CODES, InventoryAnalyticsService } from '../inventory/index.js';
import { OrdersService, type SalesPeriod, type SalesRange } from '../orders/index.js';
import type { FunnelDto, InventoryMetricsDto } from './dto/analytics.dto.js';
import type { PlatformBreakdownDto, RevenueSummaryDto, SalesSeriesDto, TopCategoriesDto } from './dto/order-analytics.dto.js';
import { mapFunnel, mapInventoryMetrics, mapPlatformBreakdown, mapRevenue, mapSalesSeries, mapTopCategories } from './analytics.mapper.js';
import { ANALYTICS_DAYS, comparedRanges, TOP_CATEGORIES_LIMIT } from './analytics.rules.js';
import { lastDays } from '../../common/time/local-days.js';

/**
 * The seller's numbers (`/api/v1/analytics/`), each read from the module that owns the rows through one SQL aggregate:
 * the inventory figures from InventoryAnalyticsService, the activity figures from ActivityService, the order figures
 * (sales, platforms, revenue, top categories) from OrdersService, over the caller's local days.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly inventory: InventoryAnalyticsService,
    private readonly activity: ActivityService,
    private readonly orders: OrdersService,
  ) {}

  async funnel(auth: AuthContext): Promise<FunnelDto> {
    return mapFunnel(await this.inventory.funnel(auth.organizationId));
  }

  async inventoryMetrics(auth: AuthContext): Promise<InventoryMetricsDto> {
    return mapInventoryMetrics(await this.inventory.statusFigures(auth.organizationId, INVENTORY_STATUS_CODES));
  }

  activitySeries(auth: AuthContext, request: Parameters<ActivityService['series']>[1]): Promise<ActivitySeriesDto> {
    return this.activity.series(auth, request);
  }

  activityHeatmap(auth: AuthContext, request: ActivityRangeRequest): Promise<ActivityHeatmapDto> {
    return this.activity.heatmap(auth, request);
  }

  async salesSeries(auth: AuthContext, request: { days?: number; period?: SalesPeriod }): Promise<SalesSeriesDto> {
    const { range, days } = await this.range(auth, request.days);
    const period = request.period ?? 'day';
    return mapSalesSeries(await this.orders.salesSeries(auth.organizationId, range, period), range, days, period);
  }

  async platformBreakdown(auth: AuthContext, request: { days?: number }): Promise<PlatformBreakdownDto> {
    const { range, days } = await this.range(auth, request.days);
    return mapPlatformBreakdown(await this.orders.platformBreakdown(auth.organizationId, range), range, days);
  }

  async revenue(auth: AuthContext, request: { days?: number }): Promise<RevenueSummaryDto> {
    const days = request.days ?? ANALYTICS_DAYS.default;
    const timeZone = auth.timeZone;
    const ranges = comparedRanges(days, new Date(), timeZone);
    const figures = await this.orders.revenue(auth.organizationId, { ...ranges.current, timeZone }, ranges.previous.start);
    return mapRevenue(figures, ranges, days, timeZone);
  }

  async topCategories(auth: AuthContext, request: { days?: number; limit?: number }): Promise<TopCategoriesDto> {
    const { range, days } = await this.range(auth, request.days);
    const limit = request.limit ?? TOP_CATEGORIES_LIMIT.default;
    return mapTopCategories(await this.orders.topCategories(auth.organizationId, range, limit), range, days);
  }

  /** The last `days` local days of the caller (today included). */
  private async range(auth: AuthContext, requested: number | undefined): Promise<{ range: SalesRange; days: number }> {
    const days = requested ?? ANALYTICS_DAYS.default;
    const timeZone = auth.timeZone;
    return { range: { ...lastDays(days, new Date(), timeZone), timeZone }, days };
  }
}
