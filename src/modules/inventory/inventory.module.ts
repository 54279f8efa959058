import { forwardRef, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MediaModule } from '../../common/media/media.module.js';
import { ActivityModule } from '../activity/index.js';
import { ListingsModule } from '../listings/index.js';
import { ListingAuditListener } from './listing-audit.listener.js';
import { PlatformsModule } from '../platforms/index.js';
import { ProductsModule } from '../products/index.js';
import { SubscriptionsModule } from '../subscriptions/index.js';
import { InventoryAsset } from './entities/inventory-asset.entity.js';
import { InventoryAuditLog } from './entities/inventory-audit-log.entity.js';
import { InventoryCount } from './entities/inventory-count.entity.js';
import { InventoryItemType } from './entities/inventory-item-type.entity.js';
import { InventoryItem } from './entities/inventory-item.entity.js';
import { InventoryAnalyticsController } from './inventory-analytics.controller.js';
import { InventoryAnalyticsQuery } from './inventory-analytics.query.js';
import { InventoryAnalyticsService } from './inventory-analytics.service.js';
import { InventoryAssetsController } from './inventory-assets.controller.js';
import { InventoryAssetsRepository } from './inventory-assets.repository.js';
import { InventoryAssetsService } from './inventory-assets.service.js';
import { InventoryAuditRepository } from './inventory-audit.repository.js';
import { InventoryAuditService } from './inventory-audit.service.js';
import { InventoryBulkController } from './inventory-bulk.controller.js';
import { InventoryBulkService } from './inventory-bulk.service.js';
import { InventoryChoicesController } from './inventory-choices.controller.js';
import { InventoryCsvController } from './inventory-csv.controller.js';
import { InventoryCsvService } from './inventory-csv.service.js';
import { InventoryItemsController } from './inventory-items.controller.js';
import { InventoryItemsService } from './inventory-items.service.js';
import { InventoryListQuery } from './inventory-list.query.js';
import { InventoryRepository } from './inventory.repository.js';
import { InventoryService } from './inventory.service.js';
import { ItemTypesController } from './item-types.controller.js';
import { ItemTypesRepository } from './item-types.repository.js';
import { ItemTypesService } from './item-types.service.js';

/**
 * Inventory items, their photos, audit trail, bulk operations, CSV import and export, and analytics, the item types
 * (reference data) and the choice lists of their fields. Products and inventory use each other (a product shows its
 * items, an item creates its product), hence the forward references.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([InventoryItem, InventoryAsset, InventoryAuditLog, InventoryItemType, InventoryCount]),
    forwardRef(() => ProductsModule),
    PlatformsModule,
    ListingsModule,
    ActivityModule,
    SubscriptionsModule,
    MediaModule,
  ],
  controllers: [
    InventoryChoicesController,
    ItemTypesController,
    InventoryAnalyticsController,
    InventoryBulkController,
    InventoryCsvController,
    InventoryItemsController,
    InventoryAssetsController,
  ],
  providers: [
    InventoryRepository,
    InventoryService,
    InventoryListQuery,
    InventoryAuditRepository,
    InventoryAuditService,
    InventoryItemsService,
    InventoryAssetsRepository,
    InventoryAssetsService,
    InventoryBulkService,
    InventoryCsvService,
    ItemTypesRepository,
    ItemTypesService,
    InventoryAnalyticsQuery,
    InventoryAnalyticsService,
    ListingAuditListener,
  ],
  exports: [InventoryService, InventoryAnalyticsService],
})
export class InventoryModule {}
