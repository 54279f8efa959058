import type Stripe from 'stripe';
import type { StripeInvoiceDto, StripePaymentMethodDto } from './dto/stripe.dto.js';
import { PlanDto, SubscriptionDto, SubscriptionStatusDto } from './dto/subscription.dto.js';
import { Plan } from './entities/plan.entity.js';
import { Subscription } from './entities/subscription.entity.js';
import { effectiveStatus, gracePeriodEnd, isSubscriptionActive, stripeAmountToDecimal } from './subscriptions.rules.js';

export function mapPlan(plan: Plan): PlanDto {
  return {
    uid: plan.uid,
    code: plan.code,
    name: plan.name,
    price_monthly_usd: plan.priceMonthlyUsd,
    photos_per_item_limit: plan.photosPerItemLimit,
    max_items_per_batch: plan.maxItemsPerBatch,
    is_pro: plan.isPro,
    apple_product_id: plan.appleProductId,
  };
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;
const fromUnix = (seconds: number | null | undefined): string | null =>
  seconds === null || seconds === undefined ? null : new Date(seconds * 1000).toISOString();

export function mapSubscription(subscription: Subscription & { plan: Plan }, now: Date): SubscriptionDto {
  const status = effectiveStatus(subscription, now);
  return {
    uid: subscription.uid,
    status,
    is_active: isSubscriptionActive(subscription, now),
    trial_ends_at: status === 'trialing' ? iso(subscription.trialEndsAt) : null,
    current_period_end: iso(subscription.currentPeriodEnd),
    plan: mapPlan(subscription.plan),
  };
}

export function mapSubscriptionStatus(
  subscription: Subscription & { plan: Plan; appleAppAccountToken: string },
  now: Date,
): SubscriptionStatusDto {
  const status = effectiveStatus(subscription, now);
  return {
    status,
    is_active: isSubscriptionActive(subscription, now),
    plan: mapPlan(subscription.plan),
    current_period_end: iso(subscription.currentPeriodEnd),
    trial_ends_at: status === 'trialing' ? iso(subscription.trialEndsAt) : null,
    grace_period_ends_at: iso(gracePeriodEnd(subscription)),
    limits: {
      photos_per_item_limit: subscription.plan.photosPerItemLimit,
      max_items_per_batch: subscription.plan.maxItemsPerBatch,
    },
    provider: subscription.provider,
    apple_app_account_token: subscription.appleAppAccountToken,
  };
}

/** The billed period: the subscription lines' (an invoice's own period_start/end is when its items were collected). */
function billedPeriod(invoice: Stripe.Invoice): { start: number | null; end: number | null } {
  const periods = (invoice.lines?.data ?? []).map((line) => line.period).filter((period) => period !== undefined && period !== null);
  if (periods.length === 0) return { start: invoice.period_start ?? null, end: invoice.period_end ?? null };
  return { start: Math.min(...periods.map((period) => period.start)), end: Math.max(...periods.map((period) => period.end)) };
}

export function mapStripeInvoice(invoice: Stripe.Invoice): StripeInvoiceDto {
  const period = billedPeriod(invoice);
  return {
    id: invoice.id,
    number: invoice.number ?? null,
    status: invoice.status ?? null,
    total: stripeAmountToDecimal(invoice.total, invoice.currency),
    amount_due: stripeAmountToDecimal(invoice.amount_due, invoice.currency),
    amount_paid: stripeAmountToDecimal(invoice.amount_paid, invoice.currency),
    currency: invoice.currency,
    created: fromUnix(invoice.created)!,
    period_start: fromUnix(period.start),
    period_end: fromUnix(period.end),
    hosted_invoice_url: invoice.hosted_invoice_url ?? null,
    invoice_pdf: invoice.invoice_pdf ?? null,
  };
}

export function mapStripePaymentMethod(method: Stripe.PaymentMethod): StripePaymentMethodDto {
  return {
    id: method.id,
    type: method.type,
    brand: method.card?.brand ?? null,
    last4: method.card?.last4 ?? null,
    exp_month: method.card?.exp_month ?? null,
    exp_year: method.card?.exp_year ?? null,
    created: fromUnix(method.created)!,
  };
}
