import { isSubscriptionActive, trialEnd } from './subscriptions.rules.js';

const now = new Date('2026-06-01T00:00:00Z');

describe('isSubscriptionActive', () => {
  it('accepts an active subscription and a running trial', () => {
    expect(isSubscriptionActive({ status: 'active', trialEndsAt: null }, now)).toBe(true);
    expect(isSubscriptionActive({ status: 'trialing', trialEndsAt: trialEnd(now, 1) }, now)).toBe(true);
  });

  it('refuses an ended trial, a lapsed or missing subscription', () => {
    expect(isSubscriptionActive({ status: 'trialing', trialEndsAt: now }, now)).toBe(false);
    expect(isSubscriptionActive({ status: 'trialing', trialEndsAt: null }, now)).toBe(false);
    expect(isSubscriptionActive({ status: 'past_due', trialEndsAt: null }, now)).toBe(false);
    expect(isSubscriptionActive({ status: 'expired', trialEndsAt: null }, now)).toBe(false);
    expect(isSubscriptionActive(null, now)).toBe(false);
  });

  it('ends a trial the given number of days later', () => {
    expect(trialEnd(now, 14).toISOString()).toBe('2026-06-15T00:00:00.000Z');
  });
});
