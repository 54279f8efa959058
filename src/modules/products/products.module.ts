import { forwardRef, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MediaModule } from '../../common/media/media.module.js';
import { DigitalModule } from '../digital/index.js';
import { InventoryModule } from '../inventory/index.js';
import { PlatformsModule } from '../platforms/index.js';
import { Artist } from './entities/artist.entity.js';
import { MarketplacePresence } from './entities/marketplace-presence.entity.js';
import { MusicLabel } from './entities/music-label.entity.js';
import { ProductCount } from './entities/product-count.entity.js';
import { Product } from './entities/product.entity.js';
import { PresencesController } from './presences.controller.js';
import { PresencesRepository } from './presences.repository.js';
import { PresencesService } from './presences.service.js';
import { ProductListQuery } from './product-list.query.js';
import { ProductsController } from './products.controller.js';
import { ProductsRepository } from './products.repository.js';
import { ProductsService } from './products.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Product, Artist, MusicLabel, MarketplacePresence, ProductCount]),
    forwardRef(() => InventoryModule),
    PlatformsModule,
    DigitalModule,
    MediaModule,
  ],
  controllers: [ProductsController, PresencesController],
  providers: [ProductsRepository, ProductListQuery, ProductsService, PresencesRepository, PresencesService],
  exports: [ProductsService],
})
export class ProductsModule {}
