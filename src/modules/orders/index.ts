/** What other modules may use of orders. */
export { OrderRecorded } from './order-recorded.event.js';
export { OrdersModule } from './orders.module.js';
export { OrdersService } from './orders.service.js';
export type {
  CategorySalesRow,
  PlatformSalesRow,
  ProfitableSaleRow,
  ProfitLossMonthRow,
  RevenueFiguresRow,
  SalesBucketRow,
  SalesRange,
} from './order-analytics.query.js';
export { SALES_PERIODS, type SalesPeriod } from './orders.rules.js';
