/** What other modules may use of inventory. */
export { InventoryItemSummaryDto } from './dto/inventory-item-summary.dto.js';
export { INVENTORY_STATUS_CODES, type InventoryStatus } from './inventory.rules.js';
export type { InventoryCsvFilters } from './inventory-csv.service.js';
export { InventoryModule } from './inventory.module.js';
export { InventoryService, type ProductForInventory, type ProductInventory } from './inventory.service.js';
