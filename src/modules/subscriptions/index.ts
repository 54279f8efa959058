/** What other modules may use of subscriptions. */
export { SubscriptionDto } from './dto/subscription.dto.js';
export { SubscriptionGuard } from './subscription.guard.js';
export { SubscriptionsModule } from './subscriptions.module.js';
export { SubscriptionsService } from './subscriptions.service.js';
