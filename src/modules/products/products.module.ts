import { Module } from '@nestjs/common';
import { MediaModule } from '../../common/media/media.module.js';
import { PlatformsModule } from '../platforms/platforms.module.js';
import { PresencesController } from './presences.controller.js';
import { PresencesRepository } from './presences.repository.js';
import { PresencesService } from './presences.service.js';
import { ProductsController } from './products.controller.js';
import { ProductsRepository } from './products.repository.js';
import { ProductsService } from './products.service.js';

@Module({
  imports: [PlatformsModule, MediaModule],
  controllers: [ProductsController, PresencesController],
  providers: [ProductsRepository, ProductsService, PresencesRepository, PresencesService],
})
export class ProductsModule {}
