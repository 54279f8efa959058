import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MarketplaceModule } from '../marketplace/index.js';
import { PlatformsModule } from '../platforms/index.js';
import { SubscriptionsModule } from '../subscriptions/index.js';
import { InventoryItemListing } from './entities/inventory-item-listing.entity.js';
import { ListingsRepository } from './listings.repository.js';
import { ListingsService } from './listings.service.js';

/** Inventory items' listings on the selling platforms (read side), and whether an item can be listed where. */
@Module({
  imports: [TypeOrmModule.forFeature([InventoryItemListing]), PlatformsModule, SubscriptionsModule, MarketplaceModule],
  providers: [ListingsRepository, ListingsService],
  exports: [ListingsService],
})
export class ListingsModule {}
