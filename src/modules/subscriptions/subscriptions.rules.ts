import type { SubscriptionStatus } from './entities/subscription.entity.js';

export const TRIAL_PLAN_CODE = 'trial';

/** A subscription allows paid actions while active, or while trialing before the trial ends. */
export function isSubscriptionActive(subscription: { status: SubscriptionStatus; trialEndsAt: Date | null } | null, now: Date): boolean {
  if (!subscription) return false;
  if (subscription.status === 'active') return true;
  return subscription.status === 'trialing' && subscription.trialEndsAt !== null && subscription.trialEndsAt > now;
}

export function trialEnd(start: Date, trialDays: number): Date {
  return new Date(start.getTime() + trialDays * 86_400_000);
}
