/** What other modules may use of inventory. */
export { InventoryItemSummaryDto } from './dto/inventory-item-summary.dto.js';
export { type ConditionCode, type ContainerCondition, INVENTORY_STATUS_CODES, type InventoryStatus } from './inventory.rules.js';
export { InventoryFiltersQueryDto, inventoryFilters } from './dto/inventory-query.dto.js';
export type { InventoryFilters } from './inventory-list.query.js';
export { InventoryModule } from './inventory.module.js';
export { type ItemForSale, InventoryService, type ProductForInventory, type ProductInventory } from './inventory.service.js';
export type { Actor } from './inventory-audit.service.js';
export { SHIPMENT_CARRIERS, type ShipmentCarrier } from './inventory.rules.js';
export { InventoryPricesChanged, type ItemPriceChange } from './inventory-prices-changed.event.js';
export { InventoryAnalyticsService } from './inventory-analytics.service.js';
export type { AgingSummaryRow, FigureRow, FunnelRow, PeriodSummaryRow, ReportItemRow } from './inventory-analytics.query.js';
export { ITEM_COST_BASIS } from './inventory-analytics.query.js';
export {
  AGING_BUCKETS,
  type AgingBucket,
  FUNNEL_STAGES,
  type FunnelStage,
  SELLABLE_STATUSES,
  STOCK_STATUSES,
} from './inventory-analytics.rules.js';
export { CSV_COLUMNS, type CsvColumn } from './inventory-csv.rules.js';
export { INVENTORY_STATUSES, UNSOLD_STATUSES, statusDisplay } from './inventory.rules.js';
