import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import type { InventoryAnalyticsSummaryDto, InventoryAnalyticsTrendsDto } from './dto/inventory-analytics.dto.js';
import { mapAnalyticsSummary, mapAnalyticsTrends } from './inventory-analytics.mapper.js';
import {
  type AgingSummaryRow,
  type FigureRow,
  type FunnelRow,
  InventoryAnalyticsQuery,
  type PeriodSummaryRow,
  type ReportItemRow,
} from './inventory-analytics.query.js';
import { TREND_DAYS, trendRange } from './inventory-analytics.rules.js';
import type { InventoryStatus } from './inventory.rules.js';

/**
 * Inventory analytics of the caller's organization, computed on each request (no cache to go stale). Besides the
 * inventory endpoints, the figures other modules build on (analytics, reports): each one SQL aggregate over the
 * organization's live items, with the definitions of `inventory-analytics.query.ts`. Days are local days of `timeZone`.
 */
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

  funnel(organizationId: string): Promise<FunnelRow> {
    return this.query.funnel(organizationId);
  }

  statusFigures(organizationId: string, statuses: readonly InventoryStatus[]): Promise<Array<FigureRow & { unrealized_gain: string }>> {
    return this.query.statusFigures(organizationId, statuses);
  }

  categoryFigures(organizationId: string, statuses: readonly InventoryStatus[]): Promise<Array<FigureRow & { is_total: boolean }>> {
    return this.query.categoryFigures(organizationId, statuses);
  }

  topItemsByValue(
    organizationId: string,
    statuses: readonly InventoryStatus[],
    limit: number,
    today: string,
    timeZone: string,
  ): Promise<ReportItemRow[]> {
    return this.query.topItemsByValue(organizationId, statuses, limit, today, timeZone);
  }

  oldestItems(organizationId: string, limit: number, today: string, timeZone: string): Promise<ReportItemRow[]> {
    return this.query.oldestItems(organizationId, limit, today, timeZone);
  }

  agingBuckets(organizationId: string, today: string, timeZone: string): Promise<FigureRow[]> {
    return this.query.agingBuckets(organizationId, today, timeZone);
  }

  agingSummary(organizationId: string, today: string, timeZone: string): Promise<AgingSummaryRow> {
    return this.query.agingSummary(organizationId, today, timeZone);
  }

  periodSummary(organizationId: string, start: string, end: string, timeZone: string): Promise<PeriodSummaryRow> {
    return this.query.periodSummary(organizationId, start, end, timeZone);
  }

  periodStatusFigures(organizationId: string, start: string, end: string, timeZone: string): Promise<FigureRow[]> {
    return this.query.periodStatusFigures(organizationId, start, end, timeZone);
  }
}
