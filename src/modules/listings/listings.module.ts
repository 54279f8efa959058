import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity/index.js';
import { MarketplaceModule } from '../marketplace/index.js';
import { OrganizationsModule } from '../organizations/index.js';
import { PlatformsModule } from '../platforms/index.js';
import { SubscriptionsModule } from '../subscriptions/index.js';
import { InventoryItemListing } from './entities/inventory-item-listing.entity.js';
import { ExtensionListingsController } from './extension-listings.controller.js';
import { ExtensionListingsService } from './extension-listings.service.js';
import { ListingActionsController } from './listing-actions.controller.js';
import { ListingAnnouncer } from './listing-announcer.js';
import { ListingBulkController } from './listing-bulk.controller.js';
import { ListingBulkService } from './listing-bulk.service.js';
import { ListingEngineService } from './listing-engine.service.js';
import { ListingRecoveryWorker } from './listing-recovery.worker.js';
import { ListingItemQuery } from './listing-item.query.js';
import { ListingsRepository } from './listings.repository.js';
import { ListingsService } from './listings.service.js';
import { IdempotencyModule } from '../../infra/idempotency/idempotency.module.js';

/** Inventory items' listings on the selling platforms, whether an item can be listed where, and the listing engine. */
@Module({
  imports: [
    TypeOrmModule.forFeature([InventoryItemListing]),
    IdempotencyModule,
    PlatformsModule,
    SubscriptionsModule,
    MarketplaceModule,
    OrganizationsModule,
    ActivityModule,
  ],
  controllers: [ListingActionsController, ListingBulkController, ExtensionListingsController],
  providers: [
    ListingAnnouncer,
    ListingsRepository,
    ListingsService,
    ListingItemQuery,
    ListingEngineService,
    ListingRecoveryWorker,
    ListingBulkService,
    ExtensionListingsService,
  ],
  exports: [ListingsService, ListingEngineService],
})
export class ListingsModule {}
