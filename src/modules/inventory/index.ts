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
