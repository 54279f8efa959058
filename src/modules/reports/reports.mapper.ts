import {
  AGING_BUCKETS,
  type AgingSummaryRow,
  type FigureRow,
  INVENTORY_STATUS_CODES,
  type InventoryStatus,
  type PeriodSummaryRow,
  type ReportItemRow,
  statusDisplay,
} from '../inventory/index.js';
import type { ProfitableSaleRow, ProfitLossMonthRow } from '../orders/index.js';
import type {
  AgingReportDto,
  CategoryFiguresDto,
  InventorySummaryReportDto,
  ProfitLossReportDto,
  StatusFiguresDto,
  ValuationReportDto,
} from './dto/reports.dto.js';
import { localDate } from '../../common/time/local-days.js';
import type { PdfReport } from './reports.pdf.js';
import { printedMoney } from './reports.rules.js';

/** What every report's metadata starts with. */
export interface ReportContext {
  organization: string;
  timeZone: string;
  generatedAt: Date;
}

const ZERO = '0.00';

/** Every status of `statuses` in workflow order, with its row's figures (zeros when it has no item). */
function statusFigures(rows: FigureRow[], statuses: readonly InventoryStatus[]): StatusFiguresDto[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return INVENTORY_STATUS_CODES.filter((status) => statuses.includes(status)).map((status) => {
    const row = byKey.get(status);
    return {
      status,
      label: statusDisplay(status),
      count: row?.count ?? 0,
      total_cost: row?.total_cost ?? ZERO,
      total_value: row?.total_value ?? ZERO,
    };
  });
}

const metadata = (type: string, context: ReportContext) => ({
  report_type: type,
  generated_at: context.generatedAt.toISOString(),
  organization: context.organization,
  timezone: context.timeZone,
});

export function mapInventorySummary(
  context: ReportContext,
  period: { start: string; end: string },
  summary: PeriodSummaryRow,
  byStatus: FigureRow[],
): InventorySummaryReportDto {
  return {
    metadata: { ...metadata('inventory_summary', context), date_range_start: period.start, date_range_end: period.end },
    summary: {
      total_items: summary.total_items,
      listed_items: summary.listed_items,
      sold_items: summary.sold_items,
      unsold_items: summary.unsold_items,
      cancelled_items: summary.cancelled_items,
    },
    financials: {
      total_purchase_cost: summary.total_purchase_cost,
      total_listed_value: summary.total_listed_value,
      average_purchase_cost: summary.average_purchase_cost,
      average_listed_price: summary.average_listed_price,
      potential_profit: summary.potential_profit,
    },
    by_status: statusFigures(byStatus, INVENTORY_STATUS_CODES),
  };
}

export function mapValuation(
  context: ReportContext,
  includeSold: boolean,
  statuses: readonly InventoryStatus[],
  byStatus: Array<FigureRow & { unrealized_gain: string }>,
  byCategory: Array<FigureRow & { is_total: boolean }>,
  topItems: ReportItemRow[],
): ValuationReportDto {
  const total = byStatus.find((row) => row.key === null);
  return {
    metadata: { ...metadata('inventory_valuation', context), include_sold: includeSold },
    totals: {
      item_count: total?.count ?? 0,
      total_cost: total?.total_cost ?? ZERO,
      total_value: total?.total_value ?? ZERO,
      unrealized_gain: total?.unrealized_gain ?? ZERO,
    },
    by_status: statusFigures(byStatus, statuses),
    by_category: byCategory
      .filter((row) => !row.is_total)
      .map((row): CategoryFiguresDto => ({
        category: row.key!,
        count: row.count,
        total_cost: row.total_cost,
        total_value: row.total_value,
      })),
    top_items: topItems.map((item) => ({ uid: item.uid, title: item.title, value: item.value, cost: item.cost, status: item.status })),
  };
}

export function mapAging(
  context: ReportContext,
  asOf: string,
  summary: AgingSummaryRow,
  buckets: FigureRow[],
  oldest: ReportItemRow[],
): AgingReportDto {
  const byPosition = new Map(buckets.map((row) => [row.key, row]));
  return {
    metadata: { ...metadata('aging', context), as_of: asOf },
    summary: {
      total_items: summary.total_items,
      total_value: summary.total_value,
      total_cost: summary.total_cost,
      average_age_days: Number(summary.average_age_days ?? 0),
    },
    buckets: AGING_BUCKETS.map((bucket, position) => {
      const row = byPosition.get(String(position));
      return { ...bucket, count: row?.count ?? 0, total_value: row?.total_value ?? ZERO, total_cost: row?.total_cost ?? ZERO };
    }),
    oldest_items: oldest.map((item) => ({
      uid: item.uid,
      title: item.title,
      created_at: item.created.toISOString(),
      in_inventory_since: item.in_inventory_since.toISOString(),
      age_days: item.age_days,
      value: item.value,
      cost: item.cost,
      status: item.status,
    })),
  };
}

/** The months of OrdersService.profitLoss (every month of the period, each carrying the period's totals) and its best sales. */
export function mapProfitLoss(
  context: ReportContext,
  period: { start: string; end: string },
  months: ProfitLossMonthRow[],
  mostProfitable: ProfitableSaleRow[],
): ProfitLossReportDto {
  const totals = months[0];
  return {
    metadata: { ...metadata('profit_loss', context), date_range_start: period.start, date_range_end: period.end },
    summary: {
      items_sold: totals?.total_count ?? 0,
      total_sales: totals?.total_sales ?? ZERO,
      total_fees: totals?.total_fees ?? ZERO,
      total_shipping: totals?.total_shipping ?? ZERO,
      total_cost: totals?.total_cost ?? ZERO,
      total_profit: totals?.total_profit ?? ZERO,
      average_profit_per_item: totals?.average_profit_per_item ?? ZERO,
      profit_margin: Number(totals?.profit_margin ?? 0),
    },
    top_profitable: mostProfitable.map((sale) => ({
      uid: sale.item_uid,
      order_uid: sale.order_uid,
      title: sale.item_title,
      platform: sale.platform,
      sold_at: sale.sold_at.toISOString(),
      sale_price: sale.sale_price,
      fees: sale.fees,
      shipping: sale.shipping,
      cost: sale.cost,
      profit: sale.profit,
    })),
    monthly_breakdown: months.map((month) => ({
      month: month.month,
      sales: month.sales,
      fees: month.fees,
      cost: month.cost,
      shipping: month.shipping,
      profit: month.profit,
      count: month.count,
    })),
  };
}

/* The printed reports: the same figures as the JSON, laid out for a person. */

/** The heading every report PDF opens with: its title, whose it is, the period in words, and when it was made. */
function pdfHeading(title: string, meta: { organization: string; generated_at: string; timezone: string }, period: string) {
  return {
    title,
    organization: meta.organization,
    period,
    generatedAt: `${meta.generated_at.slice(0, 16).replace('T', ' ')} UTC`,
    timeZone: meta.timezone,
  };
}
const money = (width: number) => ({ width, align: 'right' as const });
const STATUS_COLUMNS = [
  { header: 'Status', width: 0.4 },
  { header: 'Items', ...money(0.2) },
  { header: 'Cost', ...money(0.2) },
  { header: 'Value', ...money(0.2) },
];
const statusRows = (rows: StatusFiguresDto[]) =>
  rows.map((row) => [row.label, String(row.count), printedMoney(row.total_cost), printedMoney(row.total_value)]);

const COST_NOTE = 'Cost: purchase price plus the shipping paid for it (a missing price counts as 0; a cancelled item costs nothing).';
const VALUE_NOTE =
  'Value: for a sold item what it fetched (the sale price of its order; without one its listing price, else its asking price); otherwise what it should fetch (its expected price, else its asking price).';

export function inventorySummaryPdf(report: InventorySummaryReportDto): PdfReport {
  const { metadata: meta, summary, financials } = report;
  return {
    ...pdfHeading('Inventory Summary', meta, `Items that came into stock from ${meta.date_range_start} to ${meta.date_range_end}`),
    summary: [
      { label: 'Items', value: String(summary.total_items) },
      { label: 'Listed now', value: String(summary.listed_items) },
      { label: 'Sold', value: String(summary.sold_items) },
      { label: 'In stock', value: String(summary.unsold_items) },
      { label: 'Cancelled', value: String(summary.cancelled_items) },
      { label: 'Total purchase cost', value: printedMoney(financials.total_purchase_cost) },
      { label: 'Total listed value', value: printedMoney(financials.total_listed_value) },
      { label: 'Average purchase cost', value: printedMoney(financials.average_purchase_cost) },
      { label: 'Average listed price', value: printedMoney(financials.average_listed_price) },
      { label: 'Potential profit', value: printedMoney(financials.potential_profit) },
    ],
    tables: [{ title: 'By status', columns: STATUS_COLUMNS, rows: statusRows(report.by_status), empty: 'No items.' }],
    notes: [
      'An item comes into stock when it is received, else purchased, else created.',
      COST_NOTE,
      VALUE_NOTE,
      'Potential profit: what the items in stock should fetch minus what they cost.',
    ],
  };
}

export function valuationPdf(report: ValuationReportDto): PdfReport {
  const { metadata: meta, totals } = report;
  return {
    ...pdfHeading(
      'Inventory Valuation',
      meta,
      meta.include_sold ? `Stock and sold items as of ${meta.generated_at.slice(0, 10)}` : `Stock as of ${meta.generated_at.slice(0, 10)}`,
    ),
    summary: [
      { label: 'Items', value: String(totals.item_count) },
      { label: 'Total cost', value: printedMoney(totals.total_cost) },
      { label: 'Total value', value: printedMoney(totals.total_value) },
      { label: 'Unrealized gain', value: printedMoney(totals.unrealized_gain) },
    ],
    tables: [
      { title: 'By status', columns: STATUS_COLUMNS, rows: statusRows(report.by_status), empty: 'No items.' },
      {
        title: 'By category',
        columns: [{ ...STATUS_COLUMNS[0], header: 'Category' }, ...STATUS_COLUMNS.slice(1)],
        rows: report.by_category.map((row) => [
          row.category,
          String(row.count),
          printedMoney(row.total_cost),
          printedMoney(row.total_value),
        ]),
        empty: 'No items.',
      },
      {
        title: 'Most valuable items',
        columns: [
          { header: 'Item', width: 0.46 },
          { header: 'Status', width: 0.18 },
          { header: 'Cost', ...money(0.18) },
          { header: 'Value', ...money(0.18) },
        ],
        rows: report.top_items.map((item) => [item.title, statusDisplay(item.status), printedMoney(item.cost), printedMoney(item.value)]),
        empty: 'No items.',
      },
    ],
    notes: [COST_NOTE, VALUE_NOTE, 'Unrealized gain: value minus cost of the items not sold.'],
  };
}

export function agingPdf(report: AgingReportDto): PdfReport {
  const { metadata: meta, summary } = report;
  return {
    ...pdfHeading('Inventory Aging', meta, `Stock as of ${meta.as_of}`),
    summary: [
      { label: 'Items in stock', value: String(summary.total_items) },
      { label: 'Total value', value: printedMoney(summary.total_value) },
      { label: 'Total cost', value: printedMoney(summary.total_cost) },
      { label: 'Average age (days)', value: summary.average_age_days.toFixed(1) },
    ],
    chart: {
      title: 'Items by age',
      bars: report.buckets.map((bucket) => ({ label: bucket.bucket, value: bucket.count, caption: String(bucket.count) })),
    },
    tables: [
      {
        title: 'Age buckets',
        columns: [
          { header: 'Age', width: 0.34 },
          { header: 'Items', ...money(0.22) },
          { header: 'Cost', ...money(0.22) },
          { header: 'Value', ...money(0.22) },
        ],
        rows: report.buckets.map((bucket) => [
          bucket.bucket,
          String(bucket.count),
          printedMoney(bucket.total_cost),
          printedMoney(bucket.total_value),
        ]),
        empty: 'No items.',
      },
      {
        title: 'Oldest items',
        columns: [
          { header: 'Item', width: 0.4 },
          { header: 'In stock since', width: 0.2 },
          { header: 'Days', ...money(0.12) },
          { header: 'Status', width: 0.14 },
          { header: 'Value', ...money(0.14) },
        ],
        rows: report.oldest_items.map((item) => [
          item.title,
          localDate(new Date(item.in_inventory_since), meta.timezone),
          String(item.age_days),
          statusDisplay(item.status),
          printedMoney(item.value),
        ]),
        empty: 'No items in stock.',
      },
    ],
    notes: [
      'Stock: every item neither sold nor cancelled. Age: local days since the item came into stock (received, else purchased, else created).',
      COST_NOTE,
      VALUE_NOTE,
    ],
  };
}

export function profitLossPdf(report: ProfitLossReportDto): PdfReport {
  const { metadata: meta, summary } = report;
  return {
    ...pdfHeading('Profit & Loss', meta, `Sales from ${meta.date_range_start} to ${meta.date_range_end}`),
    summary: [
      { label: 'Items sold', value: String(summary.items_sold) },
      { label: 'Sales', value: printedMoney(summary.total_sales) },
      { label: 'Fees', value: printedMoney(summary.total_fees) },
      { label: 'Shipping', value: printedMoney(summary.total_shipping) },
      { label: 'Cost of items sold', value: printedMoney(summary.total_cost) },
      { label: 'Profit', value: printedMoney(summary.total_profit) },
      { label: 'Average profit per item', value: printedMoney(summary.average_profit_per_item) },
      { label: 'Profit margin', value: `${(summary.profit_margin * 100).toFixed(1)} %` },
    ],
    chart: {
      title: 'Profit by month',
      bars: report.monthly_breakdown.map((month) => ({
        label: month.month,
        value: Number(month.profit),
        caption: printedMoney(month.profit),
      })),
    },
    tables: [
      {
        title: 'Monthly breakdown',
        columns: [
          { header: 'Month', width: 0.13 },
          { header: 'Items', ...money(0.09) },
          { header: 'Sales', ...money(0.16) },
          { header: 'Fees', ...money(0.14) },
          { header: 'Shipping', ...money(0.14) },
          { header: 'Cost', ...money(0.16) },
          { header: 'Profit', ...money(0.18) },
        ],
        rows: report.monthly_breakdown.map((month) => [
          month.month,
          String(month.count),
          printedMoney(month.sales),
          printedMoney(month.fees),
          printedMoney(month.shipping),
          printedMoney(month.cost),
          printedMoney(month.profit),
        ]),
        empty: 'No months.',
      },
      {
        title: 'Most profitable sales',
        columns: [
          { header: 'Item', width: 0.4 },
          { header: 'Sold', width: 0.15 },
          { header: 'Sale price', ...money(0.15) },
          { header: 'Cost', ...money(0.15) },
          { header: 'Profit', ...money(0.15) },
        ],
        rows: report.top_profitable.map((sale) => [
          sale.title,
          localDate(new Date(sale.sold_at), meta.timezone),
          printedMoney(sale.sale_price),
          printedMoney(sale.cost),
          printedMoney(sale.profit),
        ]),
        empty: 'No sales in the period.',
      },
    ],
    notes: [
      'Sales: the order lines (one item each) sold on a day of the period, synced from the marketplaces or recorded by hand; cancelled orders never count.',
      'Sales amount: what the buyers paid for the items (sale price). Fees: marketplace and payment processing fees. Shipping: what shipping cost the seller.',
      'Cost of items sold: the purchase price plus the purchase shipping of each item sold (a missing price counts as 0).',
      'Profit: sales minus fees, shipping and cost. Profit margin: profit / sales.',
    ],
  };
}
