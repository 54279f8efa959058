import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InventoryAsset } from './entities/inventory-asset.entity.js';
import { InventoryItem } from './entities/inventory-item.entity.js';
import { InventoryChoicesController } from './inventory-choices.controller.js';
import { InventoryRepository } from './inventory.repository.js';
import { InventoryService } from './inventory.service.js';

/** Inventory items and their photos, and the choice lists of their fields. */
@Module({
  imports: [TypeOrmModule.forFeature([InventoryItem, InventoryAsset])],
  controllers: [InventoryChoicesController],
  providers: [InventoryRepository, InventoryService],
  exports: [InventoryService],
})
export class InventoryModule {}
