import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity/index.js';
import { InventoryModule } from '../inventory/index.js';
import { ExportJob } from './entities/export-job.entity.js';
import { ExportsController } from './exports.controller.js';
import { ExportsRepository } from './exports.repository.js';
import { ExportsService } from './exports.service.js';
import { ExportsWorker } from './exports.worker.js';

/** Asynchronous exports (seed 000, Export jobs): the jobs, their worker on the `exports` queue, their private files. */
@Module({
  imports: [TypeOrmModule.forFeature([ExportJob]), InventoryModule, ActivityModule],
  controllers: [ExportsController],
  providers: [ExportsRepository, ExportsService, ExportsWorker],
  exports: [ExportsService],
})
export class ExportsModule {}
