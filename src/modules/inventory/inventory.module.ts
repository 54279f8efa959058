import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InventoryAsset } from './entities/inventory-asset.entity.js';
import { InventoryItem } from './entities/inventory-item.entity.js';
import { InventoryRepository } from './inventory.repository.js';
import { InventoryService } from './inventory.service.js';

/** Inventory items and their photos; their HTTP API comes with the inventory issue. */
@Module({
  imports: [TypeOrmModule.forFeature([InventoryItem, InventoryAsset])],
  providers: [InventoryRepository, InventoryService],
  exports: [InventoryService],
})
export class InventoryModule {}
