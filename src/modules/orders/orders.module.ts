import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity/index.js';
import { InventoryModule } from '../inventory/index.js';
import { ListingsModule } from '../listings/index.js';
import { MarketplaceModule } from '../marketplace/index.js';
import { PlatformsModule } from '../platforms/index.js';
import { OrderAddress } from './entities/order-address.entity.js';
import { OrderSyncState } from './entities/order-sync-state.entity.js';
import { Order } from './entities/order.entity.js';
import { ItemOrderController } from './item-order.controller.js';
import { OrderAnalyticsQuery } from './order-analytics.query.js';
import { OrderListQuery } from './order-list.query.js';
import { OrderSalesService } from './order-sales.service.js';
import { OrderSyncService } from './order-sync.service.js';
import { OrdersController } from './orders.controller.js';
import { OrdersRepository } from './orders.repository.js';
import { OrdersService } from './orders.service.js';
import { IdempotencyModule } from '../../infra/idempotency/idempotency.module.js';

/** Orders: synced from every marketplace connection, recorded by hand for sales outside them, shipped with tracking. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Order, OrderAddress, OrderSyncState]),
    IdempotencyModule,
    ActivityModule,
    InventoryModule,
    ListingsModule,
    MarketplaceModule,
    PlatformsModule,
  ],
  controllers: [OrdersController, ItemOrderController],
  providers: [OrdersRepository, OrderListQuery, OrderAnalyticsQuery, OrderSalesService, OrderSyncService, OrdersService],
  exports: [OrdersService],
})
export class OrdersModule {}
