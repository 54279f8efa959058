import { FUNNEL_STAGES, type FigureRow, type FunnelRow, INVENTORY_STATUS_CODES } from '../inventory/index.js';
import type { FunnelDto, InventoryByStatusDto, InventoryMetricsDto } from './dto/analytics.dto.js';

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
