/**
 * Why the caller's organization cannot list yet: each code with its readable reason, in the order they are reported.
 * The organization can list when none holds.
 */
export const ELIGIBILITY_REASONS = {
  subscription_inactive: 'An active subscription (or a running trial) is required to list items.',
  no_primary_address: 'Add a primary address for your organization (where items ship from).',
  no_connected_platform: 'Connect a marketplace account (or install the browser extension) to list somewhere.',
} as const;
export type EligibilityReasonCode = keyof typeof ELIGIBILITY_REASONS;
export const ELIGIBILITY_REASON_CODES = Object.keys(ELIGIBILITY_REASONS) as EligibilityReasonCode[];

/** What one platform contributes: whether selling there is open and how an account is connected to it. */
export interface EligibilityPlatformFacts {
  isSellingActive: boolean;
  /** OAuth platforms need a marketplace connection; extension platforms are listed on by the browser extension. */
  connectionType: 'oauth' | 'extension';
  connected: boolean;
}

export interface EligibilityFacts {
  subscriptionActive: boolean;
  hasPrimaryAddress: boolean;
  platforms: EligibilityPlatformFacts[];
}

/** A platform one can list on now: selling is open there and it needs no connection, or is connected. */
export function isPlatformUsable(platform: EligibilityPlatformFacts): boolean {
  return platform.isSellingActive && (platform.connectionType === 'extension' || platform.connected);
}

export function listingEligibility(facts: EligibilityFacts): {
  can_list: boolean;
  reasons: { code: EligibilityReasonCode; message: string }[];
} {
  const holds: Record<EligibilityReasonCode, boolean> = {
    subscription_inactive: !facts.subscriptionActive,
    no_primary_address: !facts.hasPrimaryAddress,
    no_connected_platform: !facts.platforms.some(isPlatformUsable),
  };
  const reasons = ELIGIBILITY_REASON_CODES.filter((code) => holds[code]).map((code) => ({ code, message: ELIGIBILITY_REASONS[code] }));
  return { can_list: reasons.length === 0, reasons };
}
