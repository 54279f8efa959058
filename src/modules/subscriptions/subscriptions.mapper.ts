import { PlanDto, SubscriptionDto } from './dto/subscription.dto.js';
import { Plan } from './entities/plan.entity.js';
import { Subscription } from './entities/subscription.entity.js';
import { isSubscriptionActive } from './subscriptions.rules.js';

export function mapPlan(plan: Plan): PlanDto {
  return {
    uid: plan.uid,
    code: plan.code,
    name: plan.name,
    price_monthly_usd: plan.priceMonthlyUsd,
    photos_per_item_limit: plan.photosPerItemLimit,
    max_items_per_batch: plan.maxItemsPerBatch,
    is_pro: plan.isPro,
  };
}

export function mapSubscription(subscription: Subscription & { plan: Plan }, now: Date): SubscriptionDto {
  return {
    uid: subscription.uid,
    status: subscription.status,
    is_active: isSubscriptionActive(subscription, now),
    trial_ends_at: subscription.trialEndsAt?.toISOString() ?? null,
    current_period_end: subscription.currentPeriodEnd?.toISOString() ?? null,
    plan: mapPlan(subscription.plan),
  };
}
