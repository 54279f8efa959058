import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/index.js';
import { OrdersModule } from '../orders/index.js';
import { OrganizationsModule } from '../organizations/index.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** `/api/v1/reports/`: business reports as JSON and PDF, and the field-selecting CSV export (no tables of its own). */
@Module({
  imports: [InventoryModule, OrdersModule, OrganizationsModule],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
