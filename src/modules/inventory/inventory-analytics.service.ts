import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import type { InventoryAnalyticsSummaryDto, InventoryAnalyticsTrendsDto } from './dto/inventory-analytics.dto.js';
import { mapAnalyticsSummary, mapAnalyticsTrends } from './inventory-analytics.mapper.js';
import { InventoryAnalyticsQuery } from './inventory-analytics.query.js';
import { TREND_DAYS, trendRange } from './inventory-analytics.rules.js';

/** Inventory analytics of the caller's organization, computed on each request (no cache to go stale). */
@Injectable()
export class InventoryAnalyticsService {
  constructor(private readonly query: InventoryAnalyticsQuery) {}

  async summary(auth: AuthContext): Promise<InventoryAnalyticsSummaryDto> {
    const now = new Date();
    return mapAnalyticsSummary(await this.query.summary(auth.organizationId), now);
  }

  async trends(auth: AuthContext, days: number = TREND_DAYS.default): Promise<InventoryAnalyticsTrendsDto> {
    const range = trendRange(days, new Date());
    return mapAnalyticsTrends(days, range, await this.query.trends(auth.organizationId, range.start, range.end));
  }
}
