import { Module } from '@nestjs/common';
import { SubscriptionGuard } from './subscription.guard.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

@Module({ providers: [SubscriptionsRepository, SubscriptionGuard], exports: [SubscriptionsRepository, SubscriptionGuard] })
export class SubscriptionsModule {}
