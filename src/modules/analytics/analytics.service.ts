import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { ActivityHeatmapDto, type ActivityRangeRequest, ActivitySeriesDto, ActivityService } from '../activity/index.js';
import { INVENTORY_STATUS_CODES, InventoryAnalyticsService } from '../inventory/index.js';
import type { FunnelDto, InventoryMetricsDto } from './dto/analytics.dto.js';
import { mapFunnel, mapInventoryMetrics } from './analytics.mapper.js';

/**
 * The seller's numbers (`/api/v1/analytics/`), each read from the module that owns the rows through one SQL aggregate:
 * the inventory figures from InventoryAnalyticsService, the activity figures from ActivityService. The order-based
 * figures (sales, platforms, revenue, top categories) are to come the same way from the orders module's service.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly inventory: InventoryAnalyticsService,
    private readonly activity: ActivityService,
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
}
