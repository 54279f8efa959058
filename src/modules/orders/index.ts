/** What other modules may use of orders. */
export { OrderRecorded } from './order-recorded.event.js';
export { OrdersModule } from './orders.module.js';
export { OrdersService } from './orders.service.js';
