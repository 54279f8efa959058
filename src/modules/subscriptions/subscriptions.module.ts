import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StripeGateway } from './adapters/stripe-gateway.js';
import { AppleBillingService } from './apple-billing.service.js';
import { BillingEvent } from './entities/billing-event.entity.js';
import { Plan } from './entities/plan.entity.js';
import { Subscription } from './entities/subscription.entity.js';
import { StripeBillingService } from './stripe-billing.service.js';
import { SubscriptionGuard } from './subscription.guard.js';
import { SubscriptionsController } from './subscriptions.controller.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';
import { SubscriptionsService } from './subscriptions.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Plan, Subscription, BillingEvent])],
  controllers: [SubscriptionsController],
  providers: [SubscriptionsRepository, SubscriptionsService, SubscriptionGuard, StripeGateway, StripeBillingService, AppleBillingService],
  exports: [SubscriptionsService, SubscriptionGuard],
})
export class SubscriptionsModule {}
