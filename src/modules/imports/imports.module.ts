import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MediaModule } from '../../common/media/media.module.js';
import { ActivityModule } from '../activity/index.js';
import { InventoryModule } from '../inventory/index.js';
import { ListingsModule } from '../listings/index.js';
import { MarketplaceModule } from '../marketplace/index.js';
import { PlatformsModule } from '../platforms/index.js';
import { ProductsModule } from '../products/index.js';
import { ImportItem } from './entities/import-item.entity.js';
import { ImportJob } from './entities/import-job.entity.js';
import { ImportPictures } from './import-pictures.js';
import { ImportProcessor } from './import-processor.js';
import { ImportRunner } from './import-runner.js';
import { ImportsController } from './imports.controller.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';

/**
 * Marketplace imports: a seller's existing listings brought in as products, items, live listings and presences.
 * The marketplace domain's, in a module of its own: it builds on listings and inventory, which build on marketplace
 * connections, so inside MarketplaceModule it would make a cycle.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ImportJob, ImportItem]),
    MarketplaceModule,
    ListingsModule,
    InventoryModule,
    ProductsModule,
    PlatformsModule,
    ActivityModule,
    MediaModule,
  ],
  controllers: [ImportsController],
  providers: [ImportsRepository, ImportPictures, ImportProcessor, ImportRunner, ImportsService],
})
export class ImportsModule {}
