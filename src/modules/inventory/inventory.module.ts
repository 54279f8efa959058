import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlatformsModule } from '../platforms/index.js';
import { InventoryAsset } from './entities/inventory-asset.entity.js';
import { InventoryItemType } from './entities/inventory-item-type.entity.js';
import { InventoryItem } from './entities/inventory-item.entity.js';
import { InventoryChoicesController } from './inventory-choices.controller.js';
import { InventoryRepository } from './inventory.repository.js';
import { InventoryService } from './inventory.service.js';
import { ItemTypesController } from './item-types.controller.js';
import { ItemTypesRepository } from './item-types.repository.js';
import { ItemTypesService } from './item-types.service.js';

/** Inventory items and their photos, the item types (reference data) and the choice lists of their fields. */
@Module({
  imports: [TypeOrmModule.forFeature([InventoryItem, InventoryAsset, InventoryItemType]), PlatformsModule],
  controllers: [InventoryChoicesController, ItemTypesController],
  providers: [InventoryRepository, InventoryService, ItemTypesRepository, ItemTypesService],
  exports: [InventoryService],
})
export class InventoryModule {}
