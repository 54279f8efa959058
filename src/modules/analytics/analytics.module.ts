import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/index.js';
import { InventoryModule } from '../inventory/index.js';
import { OrdersModule } from '../orders/index.js';
import { AnalyticsController } from './analytics.controller.js';
import { AnalyticsService } from './analytics.service.js';

/** `/api/v1/analytics/`: the seller's numbers, read through the services of the modules that own the rows (no tables of its own). */
@Module({
  imports: [InventoryModule, ActivityModule, OrdersModule],
  controllers: [AnalyticsController],
  providers: [AnalyticsService],
})
export class AnalyticsModule {}
