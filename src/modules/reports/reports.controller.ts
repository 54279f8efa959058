import { Controller, Get, Logger, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PassThrough, type Readable } from 'node:stream';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { OnlyDeclaredQuery } from '../../common/http/known-query.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { ApiAuthErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { CSV_COLUMNS, type CsvColumn, inventoryFilters } from '../inventory/index.js';
import {
  AgingReportDto,
  InventorySummaryQueryDto,
  InventorySummaryReportDto,
  InventoryValuationQueryDto,
  ProfitLossReportDto,
  ReportCsvQueryDto,
  ReportFormatQueryDto,
  ReportTypesDto,
  ValuationReportDto,
} from './dto/reports.dto.js';
import { type PrintableReport, ReportsService } from './reports.service.js';

/** A report's 200: its JSON, or with `format=pdf` the printable PDF as an attachment. */
const ReportResponse = (model: new () => unknown, pdfName: string) =>
  ApiOkResponse({
    description: `The report as JSON, or with \`format=pdf\` as a PDF attachment named \`${pdfName}\` (title, organization, period, summary figures, tables).`,
    content: {
      'application/json': { schema: { $ref: getSchemaPath(model) } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  });

@ApiTags('Reports')
@ApiAuthErrors()
@ApiExtraModels(InventorySummaryReportDto, ValuationReportDto, AgingReportDto, ProfitLossReportDto)
@AnyRole()
@Controller('api/v1/reports')
export class ReportsController {
  private readonly logger = new Logger(ReportsController.name);

  constructor(private readonly reports: ReportsService) {}

  @Get('/')
  @OnlyDeclaredQuery()
  @ApiOperation({ summary: 'List available reports', description: 'The report types, where to get each, its formats and its parameters.' })
  @ApiOkResponse({ type: ReportTypesDto, description: 'The reports.' })
  @ApiValidationError('A query parameter: this operation takes none.')
  list(@Urls() urls: RequestUrls): ReportTypesDto {
    return this.reports.types(urls);
  }

  @Get('inventory-summary/')
  @OnlyDeclaredQuery(InventorySummaryQueryDto)
  @ApiOperation({
    summary: 'Inventory summary report',
    description:
      'The items (not deleted) that came into stock from `start_date` to `end_date` (local days; received, else purchased, else created): ' +
      'what they are now, what they cost, what is listed and at what price, and the profit the stock among them should still bring.',
  })
  @ReportResponse(InventorySummaryReportDto, 'inventory-summary-<start>-to-<end>.pdf')
  @ApiValidationError(
    'A date not written YYYY-MM-DD, `start_date` after `end_date`, a period over 3660 days, an unknown `format`, or an unknown parameter, by parameter.',
  )
  async inventorySummary(
    @CurrentAuth() auth: AuthContext,
    @Query() query: InventorySummaryQueryDto,
  ): Promise<InventorySummaryReportDto | StreamableFile> {
    return this.answer(query, await this.reports.inventorySummary(auth, query));
  }

  @Get('inventory-valuation/')
  @OnlyDeclaredQuery(InventoryValuationQueryDto)
  @ApiOperation({
    summary: 'Inventory valuation report',
    description:
      'What the stock (every status but sold and cancelled; sold too with `include_sold`) cost and is worth, by status and by item type, with the most valuable items.',
  })
  @ReportResponse(ValuationReportDto, 'inventory-valuation-<date>.pdf')
  @ApiValidationError('`include_sold` not a boolean, an unknown `format`, or an unknown parameter, by parameter.')
  async valuation(
    @CurrentAuth() auth: AuthContext,
    @Query() query: InventoryValuationQueryDto,
  ): Promise<ValuationReportDto | StreamableFile> {
    return this.answer(query, await this.reports.valuation(auth, query.include_sold ?? false));
  }

  @Get('profit-loss/')
  @OnlyDeclaredQuery(InventorySummaryQueryDto)
  @ApiOperation({
    summary: 'Profit and loss report',
    description:
      "The sales from `start_date` to `end_date` (local days of the caller's time zone): order lines, one item each, synced or recorded by " +
      'hand, not cancelled, counted on the day of their `sold_at`. Sales is what the buyers paid (`sale_price`); fees are ' +
      "`marketplace_fee` + `platform_fee`; shipping is `shipping_cost`; cost is the sold items' cost basis (`price_purchased_item` + " +
      '`price_for_purchases_shipping`); profit is sales − fees − shipping − cost. The totals, the 10 most profitable sales and every ' +
      'month of the period, each one SQL aggregate, amounts as decimal strings. The PDF charts the profit per month.',
  })
  @ReportResponse(ProfitLossReportDto, 'profit-loss-<start>-to-<end>.pdf')
  @ApiValidationError(
    'A date not written YYYY-MM-DD, `start_date` after `end_date`, a period over 3660 days, an unknown `format`, or an unknown parameter, by parameter.',
  )
  async profitLoss(
    @CurrentAuth() auth: AuthContext,
    @Query() query: InventorySummaryQueryDto,
  ): Promise<ProfitLossReportDto | StreamableFile> {
    return this.answer(query, await this.reports.profitLoss(auth, query));
  }

  @Get('aging/')
  @OnlyDeclaredQuery(ReportFormatQueryDto)
  @ApiOperation({
    summary: 'Inventory aging report',
    description:
      'How long the stock (not deleted, neither sold nor cancelled) has been waiting, in local days since it came into stock: items, cost and ' +
      'value per bucket (0-30, 31-60, 61-90, 91-180, 181-365 and more than 365 days), and the 10 oldest items. The PDF charts the buckets.',
  })
  @ReportResponse(AgingReportDto, 'inventory-aging-<date>.pdf')
  @ApiValidationError('An unknown `format`, or an unknown parameter, by parameter.')
  async aging(@CurrentAuth() auth: AuthContext, @Query() query: ReportFormatQueryDto): Promise<AgingReportDto | StreamableFile> {
    return this.answer(query, await this.reports.aging(auth));
  }

  @Get('export/csv/')
  @OnlyDeclaredQuery(ReportCsvQueryDto)
  @ApiOperation({
    summary: 'CSV export with field selection',
    description:
      "The organization's items (not deleted) matching `status` and `search`, oldest first, as a CSV attachment with only the `fields` asked for, " +
      'in that order: the cells of `GET /api/v1/inventory/export/csv/` (UTF-8 with a byte order mark, CRLF line ends, formula-like cells ' +
      "prefixed with `'`), streamed from the database as the client reads.",
  })
  @ApiOkResponse({
    description: 'The CSV file, as an attachment named `inventory-<date>.csv`.',
    content: { 'text/csv': { schema: { type: 'string', example: 'uid,title,status\r\ninv_d4e5f6,Abbey Road - VG+,listed\r\n' } } },
  })
  @ApiValidationError('An unknown field in `fields` or status in `status` (each named), or an unknown parameter.', {
    example: { fields: ['"colour" is not a valid choice.'] },
  })
  exportCsv(
    @CurrentAuth() auth: AuthContext,
    @Query() query: ReportCsvQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Readable {
    const columns = (query.fields?.length ? [...new Set(query.fields)] : CSV_COLUMNS) as readonly CsvColumn[];
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="inventory-${new Date().toISOString().slice(0, 10)}.csv"`);
    const body = new PassThrough();
    // Sent as written; a failure after the first bytes aborts the download (writeCsv destroys the stream).
    this.reports.writeCsv(auth, inventoryFilters(query), columns, body).catch((error: unknown) => {
      this.logger.warn(`The report CSV export stopped: ${(error as Error).message}`);
    });
    return body;
  }

  private async answer<T extends PrintableReport>(query: ReportFormatQueryDto, report: T): Promise<T | StreamableFile> {
    if (query.format !== 'pdf') return report;
    const { file, fileName } = await this.reports.pdf(report);
    return new StreamableFile(file, { type: 'application/pdf', disposition: `attachment; filename="${fileName}"`, length: file.length });
  }
}
