import type { BillingProvider, SubscriptionStatus } from './entities/subscription.entity.js';

export const TRIAL_PLAN_CODE = 'trial';

/** How long a subscription whose payment fails (past_due) keeps paid actions open while the provider retries. */
export const PAST_DUE_GRACE_DAYS = 7;

const DAY_MS = 86_400_000;

/** What the access rules read of a subscription. */
export interface SubscriptionState {
  status: SubscriptionStatus;
  provider: BillingProvider;
  trialEndsAt: Date | null;
  currentPeriodEnd: Date | null;
  pastDueSince: Date | null;
}

export function trialEnd(start: Date, trialDays: number): Date {
  return new Date(start.getTime() + trialDays * DAY_MS);
}

/**
 * The status as of `now`, computed on read: a trial whose end has passed is `expired`, and so is an App Store
 * subscription past its `expiresDate` (Apple renews before that date and tells us with a new one). Nothing else
 * changes with time alone: Stripe says when its subscriptions change, by webhook.
 */
export function effectiveStatus(subscription: SubscriptionState, now: Date): SubscriptionStatus {
  if (subscription.status === 'trialing' && (subscription.trialEndsAt === null || subscription.trialEndsAt <= now)) return 'expired';
  if (
    subscription.status === 'active' &&
    subscription.provider === 'apple' &&
    (subscription.currentPeriodEnd === null || subscription.currentPeriodEnd <= now)
  ) {
    return 'expired';
  }
  return subscription.status;
}

/** Until when a past_due subscription keeps paid actions open (PAST_DUE_GRACE_DAYS after its payment first failed). */
export function gracePeriodEnd(subscription: SubscriptionState): Date | null {
  if (subscription.status !== 'past_due' || subscription.pastDueSince === null) return null;
  return new Date(subscription.pastDueSince.getTime() + PAST_DUE_GRACE_DAYS * DAY_MS);
}

/**
 * Whether paid actions are allowed now: active; trialing before the trial ends; past_due within the grace period.
 * Canceled and expired (an ended trial included) are not.
 */
export function isSubscriptionActive(subscription: SubscriptionState | null, now: Date): boolean {
  if (!subscription) return false;
  const status = effectiveStatus(subscription, now);
  if (status === 'active' || status === 'trialing') return true;
  if (status !== 'past_due') return false;
  const graceEnd = gracePeriodEnd(subscription);
  return graceEnd !== null && graceEnd > now;
}

/**
 * Our status for a Stripe subscription status; null for one that has not started (`incomplete`: the first payment
 * is still being made; `incomplete_expired`: it never was), which changes nothing here. `unpaid` (Stripe stopped
 * retrying) and `paused` (a trial ended without a payment method) give no access: `expired`.
 */
export function mapStripeStatus(status: string): SubscriptionStatus | null {
  switch (status) {
    case 'trialing':
    case 'active':
    case 'past_due':
    case 'canceled':
      return status;
    case 'unpaid':
    case 'paused':
      return 'expired';
    default:
      return null;
  }
}

/** Our status after an App Store Server Notification V2 of this type; null for those that change no access. */
export function mapAppleNotification(notificationType: string): SubscriptionStatus | null {
  switch (notificationType) {
    case 'SUBSCRIBED':
    case 'DID_RENEW':
    case 'OFFER_REDEEMED':
    case 'DID_CHANGE_RENEWAL_PREF':
    case 'RENEWAL_EXTENDED':
    case 'REFUND_REVERSED':
      return 'active';
    case 'DID_FAIL_TO_RENEW':
      return 'past_due';
    case 'EXPIRED':
    case 'GRACE_PERIOD_EXPIRED':
      return 'expired';
    case 'REFUND':
    case 'REVOKE':
      return 'canceled';
    default:
      return null;
  }
}

/** The stored billing state that news is weighed against. */
export interface StoredBilling extends SubscriptionState {
  planId: string;
  stateAsOf: Date | null;
  stripeSubscriptionId: string | null;
  appleOriginalTransactionId: string | null;
}

/** A piece of billing news: which provider's subscription it is about, and when the provider created it. */
export interface BillingNews {
  provider: Exclude<BillingProvider, 'trial'>;
  /** Stripe's subscription id, or the App Store original transaction id. */
  subscriptionId: string;
  asOf: Date;
  /** Invoice news: concerns the subscription already linked (or the first one), never another one of the customer. */
  linkedOnly?: boolean;
}

export interface StateChange {
  status: SubscriptionStatus;
  planId?: string;
  /** Left out: unchanged. */
  currentPeriodEnd?: Date | null;
  /** Left out: kept while trialing, cleared otherwise. */
  trialEndsAt?: Date | null;
}

function linkedSubscription(stored: StoredBilling, provider: BillingNews['provider']): string | null {
  return provider === 'stripe' ? stored.stripeSubscriptionId : stored.appleOriginalTransactionId;
}

/**
 * Whether news may change the stored state. Deliveries come in any order, so news created before the news the state
 * is from changes nothing. News that grants access (active, trialing) may come from a new subscription (a first
 * purchase, a switch of plan or provider); news that ends or degrades it only concerns the subscription the state is
 * from (the end of an old subscription does not end its successor). A canceled Stripe subscription never comes back:
 * Stripe's cancellation is final, so later news of it is late news.
 */
export function newsApplies(stored: StoredBilling, news: BillingNews, status: SubscriptionStatus): boolean {
  if (stored.stateAsOf !== null && news.asOf < stored.stateAsOf) return false;
  const linked = linkedSubscription(stored, news.provider);
  const current = stored.provider === news.provider && linked === news.subscriptionId;
  if (news.linkedOnly && linked !== null && linked !== news.subscriptionId) return false;
  if (status !== 'active' && status !== 'trialing' && !current) return false;
  if (current && news.provider === 'stripe' && stored.status === 'canceled') return false;
  return true;
}

/** The columns to write for news that applies, or null when it does not (see newsApplies). */
export function nextBillingState(stored: StoredBilling, news: BillingNews, change: StateChange): Partial<StoredBilling> | null {
  if (!newsApplies(stored, news, change.status)) return null;
  const keepsPastDue = stored.status === 'past_due' && stored.pastDueSince !== null;
  return {
    provider: news.provider,
    status: change.status,
    planId: change.planId ?? stored.planId,
    currentPeriodEnd: change.currentPeriodEnd === undefined ? stored.currentPeriodEnd : change.currentPeriodEnd,
    trialEndsAt: change.trialEndsAt !== undefined ? change.trialEndsAt : change.status === 'trialing' ? stored.trialEndsAt : null,
    pastDueSince: change.status === 'past_due' ? (keepsPastDue ? stored.pastDueSince : news.asOf) : null,
    stateAsOf: news.asOf,
    ...(news.provider === 'stripe' ? { stripeSubscriptionId: news.subscriptionId } : { appleOriginalTransactionId: news.subscriptionId }),
  };
}

/** Stripe's zero-decimal currencies: their amounts are whole units, every other currency's are hundredths. */
const ZERO_DECIMAL_CURRENCIES = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);

/** A Stripe amount (an integer in the currency's smallest unit) as our decimal string: 1999 usd -> "19.99". */
export function stripeAmountToDecimal(amount: number, currency: string): string {
  if (ZERO_DECIMAL_CURRENCIES.has(currency.toLowerCase())) return String(amount);
  const sign = amount < 0 ? '-' : '';
  const cents = Math.abs(amount);
  return `${sign}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Our decimal price string as Stripe's smallest unit of USD: "19.99" -> 1999 (string arithmetic, no floats). */
export function usdToCents(price: string): number {
  const [whole, fraction = ''] = price.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}
