import { forwardRef, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InventoryAsset } from './entities/inventory-asset.entity.js';
import { InventoryAuditLog } from './entities/inventory-audit-log.entity.js';
import { InventoryItem } from './entities/inventory-item.entity.js';
import { ProductsModule } from '../products/index.js';
import { InventoryAuditRepository } from './inventory-audit.repository.js';
import { InventoryAuditService } from './inventory-audit.service.js';
import { InventoryChoicesController } from './inventory-choices.controller.js';
import { InventoryItemsController } from './inventory-items.controller.js';
import { InventoryItemsService } from './inventory-items.service.js';
import { InventoryListQuery } from './inventory-list.query.js';
import { InventoryRepository } from './inventory.repository.js';
import { InventoryService } from './inventory.service.js';

/**
 * Inventory items, their photos and audit trail, and the choice lists of their fields. Products and inventory use
 * each other (a product shows its items, an item creates its product), hence the forward references.
 */
@Module({
  imports: [TypeOrmModule.forFeature([InventoryItem, InventoryAsset, InventoryAuditLog]), forwardRef(() => ProductsModule)],
  controllers: [InventoryChoicesController, InventoryItemsController],
  providers: [
    InventoryRepository,
    InventoryService,
    InventoryListQuery,
    InventoryAuditRepository,
    InventoryAuditService,
    InventoryItemsService,
  ],
  exports: [InventoryService],
})
export class InventoryModule {}
