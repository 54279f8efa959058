import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { ValidationFailed } from '../../common/errors/error-response.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { localDate } from '../../common/time/local-days.js';
import {
  type CsvColumn,
  INVENTORY_STATUS_CODES,
  InventoryAnalyticsService,
  type InventoryFilters,
  InventoryService,
  STOCK_STATUSES,
} from '../inventory/index.js';
import { OrdersService } from '../orders/index.js';
import { OrganizationsService } from '../organizations/index.js';
import type {
  AgingReportDto,
  InventorySummaryReportDto,
  ProfitLossReportDto,
  ReportTypesDto,
  ValuationReportDto,
} from './dto/reports.dto.js';
import { REPORT_CATALOGUE } from './reports.catalogue.js';
import {
  agingPdf,
  inventorySummaryPdf,
  mapAging,
  mapInventorySummary,
  mapProfitLoss,
  mapValuation,
  profitLossPdf,
  type ReportContext,
  valuationPdf,
} from './reports.mapper.js';
import { renderReportPdf } from './reports.pdf.js';
import { REPORT_ITEM_ROWS, reportFileName, reportPeriod } from './reports.rules.js';

/** A report that can be printed. */
export type PrintableReport = InventorySummaryReportDto | ValuationReportDto | AgingReportDto | ProfitLossReportDto;

/**
 * The reports (`/api/v1/reports/`): each figure one SQL aggregate of the module that owns the rows (the inventory
 * reports from InventoryAnalyticsService, profit and loss from OrdersService), shaped here as JSON and laid out as PDF.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly inventoryAnalytics: InventoryAnalyticsService,
    private readonly inventory: InventoryService,
    private readonly orders: OrdersService,
    private readonly organizations: OrganizationsService,
  ) {}

  types(urls: RequestUrls): ReportTypesDto {
    return { reports: REPORT_CATALOGUE.map(({ path, ...report }) => ({ ...report, url: urls.absolute(`/api/v1/reports/${path}`) })) };
  }

  async inventorySummary(auth: AuthContext, given: { start_date?: string; end_date?: string }): Promise<InventorySummaryReportDto> {
    const context = await this.context(auth);
    const period = reportPeriod(given, localDate(context.generatedAt, context.timeZone));
    if ('errors' in period) throw new ValidationFailed(period.errors);
    const { organizationId } = auth;
    const [summary, byStatus] = await Promise.all([
      this.inventoryAnalytics.periodSummary(organizationId, period.start, period.end, context.timeZone),
      this.inventoryAnalytics.periodStatusFigures(organizationId, period.start, period.end, context.timeZone),
    ]);
    return mapInventorySummary(context, period, summary, byStatus);
  }

  async profitLoss(auth: AuthContext, given: { start_date?: string; end_date?: string }): Promise<ProfitLossReportDto> {
    const context = await this.context(auth);
    const period = reportPeriod(given, localDate(context.generatedAt, context.timeZone));
    if ('errors' in period) throw new ValidationFailed(period.errors);
    const { months, mostProfitable } = await this.orders.profitLoss(
      auth.organizationId,
      { ...period, timeZone: context.timeZone },
      REPORT_ITEM_ROWS,
    );
    return mapProfitLoss(context, period, months, mostProfitable);
  }

  async valuation(auth: AuthContext, includeSold: boolean): Promise<ValuationReportDto> {
    const context = await this.context(auth);
    const statuses = includeSold ? INVENTORY_STATUS_CODES.filter((status) => status !== 'cancelled') : STOCK_STATUSES;
    const today = localDate(context.generatedAt, context.timeZone);
    const { organizationId } = auth;
    const [byStatus, byCategory, topItems] = await Promise.all([
      this.inventoryAnalytics.statusFigures(organizationId, statuses),
      this.inventoryAnalytics.categoryFigures(organizationId, statuses),
      this.inventoryAnalytics.topItemsByValue(organizationId, statuses, REPORT_ITEM_ROWS, today, context.timeZone),
    ]);
    return mapValuation(context, includeSold, statuses, byStatus, byCategory, topItems);
  }

  async aging(auth: AuthContext): Promise<AgingReportDto> {
    const context = await this.context(auth);
    const today = localDate(context.generatedAt, context.timeZone);
    const { organizationId } = auth;
    const [summary, buckets, oldest] = await Promise.all([
      this.inventoryAnalytics.agingSummary(organizationId, today, context.timeZone),
      this.inventoryAnalytics.agingBuckets(organizationId, today, context.timeZone),
      this.inventoryAnalytics.oldestItems(organizationId, REPORT_ITEM_ROWS, today, context.timeZone),
    ]);
    return mapAging(context, today, summary, buckets, oldest);
  }

  /** The printed report: a PDF of the same figures, with the name to offer it under. */
  async pdf(report: PrintableReport): Promise<{ file: Buffer; fileName: string }> {
    const { metadata } = report;
    if ('date_range_start' in metadata) {
      const period = { start: metadata.date_range_start, end: metadata.date_range_end };
      if (metadata.report_type === 'profit_loss') {
        return {
          file: await renderReportPdf(profitLossPdf(report as ProfitLossReportDto)),
          fileName: reportFileName('profit-loss', period),
        };
      }
      return {
        file: await renderReportPdf(inventorySummaryPdf(report as InventorySummaryReportDto)),
        fileName: reportFileName('inventory-summary', period),
      };
    }
    if ('as_of' in metadata) {
      return {
        file: await renderReportPdf(agingPdf(report as AgingReportDto)),
        fileName: reportFileName('inventory-aging', { asOf: metadata.as_of }),
      };
    }
    const asOf = localDate(new Date(metadata.generated_at), metadata.timezone);
    return {
      file: await renderReportPdf(valuationPdf(report as ValuationReportDto)),
      fileName: reportFileName('inventory-valuation', { asOf }),
    };
  }

  /** The items as CSV with only `columns`, streamed from PostgreSQL's COPY (see InventoryService.writeCsv). */
  writeCsv(auth: AuthContext, filters: InventoryFilters, columns: readonly CsvColumn[], out: Writable): Promise<number> {
    return this.inventory.writeCsv(auth.organizationId, filters, out, undefined, columns);
  }

  /** Read before the figures, so that "today" is the day of the figures' `generated_at`. */
  private async context(auth: AuthContext): Promise<ReportContext> {
    const organization = await this.organizations.get(auth.organizationId);
    const { timeZone } = auth;
    return { organization: organization.display_name, timeZone, generatedAt: new Date() };
  }
}
