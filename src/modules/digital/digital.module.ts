import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StorageModule } from '../../infra/storage/storage.module.js';
import { ActivityModule } from '../activity/index.js';
import { DigitalAssetsController } from './digital-assets.controller.js';
import { DigitalAssetsRepository } from './digital-assets.repository.js';
import { DigitalAssetsService } from './digital-assets.service.js';
import { DigitalDownloadsController } from './digital-downloads.controller.js';
import { DigitalDownloadsService } from './digital-downloads.service.js';
import { DigitalOrderListener } from './digital-order.listener.js';
import { DigitalProductQuery } from './digital-product.query.js';
import { DigitalPurchasesController } from './digital-purchases.controller.js';
import { DigitalPurchasesRepository } from './digital-purchases.repository.js';
import { DigitalService } from './digital.service.js';
import { DigitalAsset } from './entities/digital-asset.entity.js';
import { DigitalDownloadLink } from './entities/digital-download-link.entity.js';
import { DigitalDownload } from './entities/digital-download.entity.js';
import { DigitalPurchase } from './entities/digital-purchase.entity.js';

/**
 * Digital products (seed 001: Digital assets, Digital fulfillment, Public download): the files of products, the
 * purchases that give buyers a download link by email, the public download routes and their logs. It reads products
 * through its own named query, so that products can read it (has_primary_asset, search) without a cycle.
 */
@Module({
  imports: [TypeOrmModule.forFeature([DigitalAsset, DigitalPurchase, DigitalDownloadLink, DigitalDownload]), StorageModule, ActivityModule],
  controllers: [DigitalAssetsController, DigitalPurchasesController, DigitalDownloadsController],
  providers: [
    DigitalProductQuery,
    DigitalAssetsRepository,
    DigitalAssetsService,
    DigitalPurchasesRepository,
    DigitalService,
    DigitalDownloadsService,
    DigitalOrderListener,
  ],
  exports: [DigitalService, DigitalAssetsService],
})
export class DigitalModule {}
