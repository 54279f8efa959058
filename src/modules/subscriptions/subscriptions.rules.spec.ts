import {
  effectiveStatus,
  gracePeriodEnd,
  isSubscriptionActive,
  mapAppleNotification,
  mapStripeStatus,
  nextBillingState,
  type StoredBilling,
  stripeAmountToDecimal,
  type SubscriptionState,
  trialEnd,
  usdToCents,
} from './subscriptions.rules.js';

const now = new Date('2026-06-01T00:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

function state(overrides: Partial<SubscriptionState>): SubscriptionState {
  return { status: 'active', provider: 'stripe', trialEndsAt: null, currentPeriodEnd: days(30), pastDueSince: null, ...overrides };
}

function stored(overrides: Partial<StoredBilling>): StoredBilling {
  return {
    ...state({ status: 'trialing', provider: 'trial', trialEndsAt: days(10), currentPeriodEnd: days(10) }),
    planId: '1',
    stateAsOf: null,
    stripeSubscriptionId: null,
    appleOriginalTransactionId: null,
    ...overrides,
  };
}

describe('isSubscriptionActive', () => {
  it('accepts an active subscription and a running trial', () => {
    expect(isSubscriptionActive(state({}), now)).toBe(true);
    expect(isSubscriptionActive(state({ status: 'trialing', provider: 'trial', trialEndsAt: trialEnd(now, 1) }), now)).toBe(true);
  });

  it('refuses an ended trial, a canceled, expired or missing subscription', () => {
    expect(isSubscriptionActive(state({ status: 'trialing', trialEndsAt: now }), now)).toBe(false);
    expect(isSubscriptionActive(state({ status: 'trialing', trialEndsAt: null }), now)).toBe(false);
    expect(isSubscriptionActive(state({ status: 'canceled' }), now)).toBe(false);
    expect(isSubscriptionActive(state({ status: 'expired' }), now)).toBe(false);
    expect(isSubscriptionActive(null, now)).toBe(false);
  });

  it('keeps a past_due subscription open for the grace period after the payment first failed', () => {
    expect(isSubscriptionActive(state({ status: 'past_due', pastDueSince: days(-6) }), now)).toBe(true);
    expect(isSubscriptionActive(state({ status: 'past_due', pastDueSince: days(-7) }), now)).toBe(false);
    expect(isSubscriptionActive(state({ status: 'past_due', pastDueSince: null }), now)).toBe(false);
    expect(gracePeriodEnd(state({ status: 'past_due', pastDueSince: days(-1) }))).toEqual(days(6));
    expect(gracePeriodEnd(state({ status: 'active', pastDueSince: days(-1) }))).toBeNull();
  });

  it('ends an App Store subscription at its expiry date, a Stripe one only when Stripe says so', () => {
    expect(effectiveStatus(state({ provider: 'apple', currentPeriodEnd: days(-1) }), now)).toBe('expired');
    expect(effectiveStatus(state({ provider: 'apple', currentPeriodEnd: days(1) }), now)).toBe('active');
    expect(effectiveStatus(state({ provider: 'stripe', currentPeriodEnd: days(-1) }), now)).toBe('active');
    expect(effectiveStatus(state({ status: 'trialing', trialEndsAt: days(-1) }), now)).toBe('expired');
  });

  it('ends a trial the given number of days later', () => {
    expect(trialEnd(now, 14).toISOString()).toBe('2026-06-15T00:00:00.000Z');
  });
});

describe('provider statuses', () => {
  it("maps Stripe's statuses, ignoring subscriptions that have not started", () => {
    expect(['trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused'].map(mapStripeStatus)).toEqual([
      'trialing',
      'active',
      'past_due',
      'canceled',
      'expired',
      'expired',
    ]);
    expect(mapStripeStatus('incomplete')).toBeNull();
    expect(mapStripeStatus('incomplete_expired')).toBeNull();
  });

  it('maps App Store notification types', () => {
    expect(mapAppleNotification('SUBSCRIBED')).toBe('active');
    expect(mapAppleNotification('DID_RENEW')).toBe('active');
    expect(mapAppleNotification('DID_FAIL_TO_RENEW')).toBe('past_due');
    expect(mapAppleNotification('EXPIRED')).toBe('expired');
    expect(mapAppleNotification('REFUND')).toBe('canceled');
    expect(mapAppleNotification('REVOKE')).toBe('canceled');
    expect(mapAppleNotification('TEST')).toBeNull();
  });
});

describe('nextBillingState', () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 5, 1, 0, 0, seconds));
  const stripeNews = (subscriptionId: string, seconds: number, linkedOnly = false) => ({
    provider: 'stripe' as const,
    subscriptionId,
    asOf: at(seconds),
    linkedOnly,
  });

  it('moves a trial to a paid subscription and links it', () => {
    const next = nextBillingState(stored({}), stripeNews('sub_A', 10), { status: 'active', planId: '3', currentPeriodEnd: days(30) });
    expect(next).toMatchObject({
      provider: 'stripe',
      status: 'active',
      planId: '3',
      trialEndsAt: null,
      stripeSubscriptionId: 'sub_A',
      stateAsOf: at(10),
    });
  });

  it('ignores news older than the state', () => {
    const current = stored({ provider: 'stripe', status: 'active', stripeSubscriptionId: 'sub_A', stateAsOf: at(20) });
    expect(nextBillingState(current, stripeNews('sub_A', 10), { status: 'past_due' })).toBeNull();
    expect(nextBillingState(current, stripeNews('sub_A', 20), { status: 'past_due' })).toMatchObject({
      status: 'past_due',
      pastDueSince: at(20),
    });
  });

  it('keeps the first failure as the start of the grace period', () => {
    const pastDue = stored({
      provider: 'stripe',
      status: 'past_due',
      pastDueSince: at(5),
      stripeSubscriptionId: 'sub_A',
      stateAsOf: at(5),
    });
    expect(nextBillingState(pastDue, stripeNews('sub_A', 30), { status: 'past_due' })).toMatchObject({ pastDueSince: at(5) });
    expect(nextBillingState(pastDue, stripeNews('sub_A', 30), { status: 'active' })).toMatchObject({ pastDueSince: null });
  });

  it('never brings back a canceled Stripe subscription, but lets a new one start', () => {
    const canceled = stored({ provider: 'stripe', status: 'canceled', stripeSubscriptionId: 'sub_A', stateAsOf: at(10) });
    expect(nextBillingState(canceled, stripeNews('sub_A', 20), { status: 'active' })).toBeNull();
    expect(nextBillingState(canceled, stripeNews('sub_B', 20), { status: 'active' })).toMatchObject({ stripeSubscriptionId: 'sub_B' });
  });

  it('lets the end of another subscription leave the current one alone', () => {
    const current = stored({ provider: 'stripe', status: 'active', stripeSubscriptionId: 'sub_B', stateAsOf: at(10) });
    expect(nextBillingState(current, stripeNews('sub_A', 20), { status: 'canceled' })).toBeNull();
    const onApple = stored({
      provider: 'apple',
      status: 'active',
      stripeSubscriptionId: 'sub_B',
      appleOriginalTransactionId: '2000',
      stateAsOf: at(10),
    });
    expect(nextBillingState(onApple, stripeNews('sub_B', 20), { status: 'canceled' })).toBeNull();
  });

  it("applies invoice news only to the customer's linked (or first) subscription", () => {
    const current = stored({ provider: 'stripe', status: 'active', stripeSubscriptionId: 'sub_B', stateAsOf: at(10) });
    expect(nextBillingState(current, stripeNews('sub_A', 20, true), { status: 'active' })).toBeNull();
    expect(nextBillingState(stored({}), stripeNews('sub_A', 20, true), { status: 'active' })).toMatchObject({
      stripeSubscriptionId: 'sub_A',
    });
  });
});

describe('amounts', () => {
  it("turns Stripe's smallest units into decimal strings", () => {
    expect(stripeAmountToDecimal(1999, 'usd')).toBe('19.99');
    expect(stripeAmountToDecimal(5, 'eur')).toBe('0.05');
    expect(stripeAmountToDecimal(-250, 'usd')).toBe('-2.50');
    expect(stripeAmountToDecimal(1500, 'JPY')).toBe('1500');
  });

  it('turns a plan price into cents without floats', () => {
    expect(usdToCents('19.99')).toBe(1999);
    expect(usdToCents('9.9')).toBe(990);
    expect(usdToCents('0.00')).toBe(0);
    expect(usdToCents('12')).toBe(1200);
  });
});
