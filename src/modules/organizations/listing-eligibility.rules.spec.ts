import { ELIGIBILITY_REASON_CODES, isPlatformUsable, listingEligibility } from './listing-eligibility.rules.js';

describe('listing eligibility rules', () => {
  const redbubble = { isSellingActive: true, connectionType: 'extension' as const, connected: false };
  const ebay = { isSellingActive: true, connectionType: 'oauth' as const, connected: false };
  const ready = { subscriptionActive: true, hasPrimaryAddress: true, platforms: [ebay, redbubble] };

  it('lets an organization with a subscription, a primary address and a usable platform list', () => {
    expect(listingEligibility(ready)).toEqual({ can_list: true, reasons: [] });
  });

  it('treats extension platforms as usable without a connection, OAuth ones only once connected', () => {
    expect(isPlatformUsable(redbubble)).toBe(true);
    expect(isPlatformUsable(ebay)).toBe(false);
    expect(isPlatformUsable({ ...ebay, connected: true })).toBe(true);
    expect(isPlatformUsable({ ...redbubble, isSellingActive: false })).toBe(false);
  });

  it('reports no_connected_platform only when no platform is usable', () => {
    expect(listingEligibility({ ...ready, platforms: [ebay] }).reasons.map((reason) => reason.code)).toEqual(['no_connected_platform']);
    expect(listingEligibility({ ...ready, platforms: [{ ...ebay, connected: true }] }).can_list).toBe(true);
  });

  it('reports every reason that holds, in the documented order, each with a message', () => {
    const result = listingEligibility({ subscriptionActive: false, hasPrimaryAddress: false, platforms: [] });
    expect(result.can_list).toBe(false);
    expect(result.reasons.map((reason) => reason.code)).toEqual(ELIGIBILITY_REASON_CODES);
    for (const reason of result.reasons) expect(reason.message).toEqual(expect.any(String));
  });
});
