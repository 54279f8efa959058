import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Platform } from './entities/platform.entity.js';
import { PlatformsController } from './platforms.controller.js';
import { PlatformsRepository } from './platforms.repository.js';
import { PlatformsService } from './platforms.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Platform])],
  controllers: [PlatformsController],
  providers: [PlatformsRepository, PlatformsService],
  exports: [PlatformsService],
})
export class PlatformsModule {}
