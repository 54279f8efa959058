/** What a verified Sign in with Apple identity token says about the user. */
export interface AppleIdentity {
  /** Apple's stable user id for this app team. */
  sub: string;
  /** Lowercased; null when the token carries none (or none usable). */
  email: string | null;
  emailVerified: boolean;
}

/** Apple's issuer, the `iss` of every identity token. */
export const APPLE_ISSUER = 'https://appleid.apple.com';

export const AppleMsg = {
  notConfigured: 'Sign in with Apple is not configured: set APPLE_CLIENT_ID.',
  keysUnavailable:
    "Apple's signing keys could not be fetched (APPLE_JWKS_URL), so the identity token cannot be checked now: try again later.",
  malformed: 'The identity token is not a valid Apple identity token (a signed JWT).',
  badSignature: 'The identity token is not signed by Apple.',
  expired: 'The identity token has expired: sign in with Apple again.',
  wrongIssuer: `The identity token was not issued by Apple (iss must be ${APPLE_ISSUER}).`,
  wrongAudience: "The identity token was issued for another app (aud is not this server's APPLE_CLIENT_ID).",
  invalidClaims: 'The identity token has missing or invalid claims.',
  noEmail: 'The identity token carries no email address: sign in with Apple again, sharing an email address.',
  emailTakenUnverified:
    'An account with this email address already exists, and Apple has not verified the address: sign in with your email and password.',
  linkedToAnotherAppleId: 'The account with this email address is linked to another Apple ID.',
} as const;

/** Apple sends `email_verified` as a boolean or as the string "true" / "false". */
export function appleEmailVerified(claim: unknown): boolean {
  return claim === true || claim === 'true';
}

/** The `email` claim when it is a usable address (lowercased), else null. */
export function appleEmail(claim: unknown): string | null {
  if (typeof claim !== 'string') return null;
  const email = claim.trim().toLowerCase();
  return email.length > 0 && email.length <= 254 && email.indexOf('@') > 0 ? email : null;
}

export type AppleSignInPlan<A> =
  { kind: 'sign_in'; account: A } | { kind: 'link'; account: A } | { kind: 'create'; email: string } | { kind: 'refuse'; message: string };

/**
 * What a verified identity leads to: the account already linked to its `sub` signs in; otherwise an account with the
 * same email is linked only when Apple verified the address (and the account has no other Apple ID), and without one
 * a new account is created. An unverified address that another account uses is refused rather than linked or taken.
 */
export function appleSignInPlan<A extends { appleSub: string | null }>(
  identity: AppleIdentity,
  bySub: A | null,
  byEmail: A | null,
): AppleSignInPlan<A> {
  if (bySub) return { kind: 'sign_in', account: bySub };
  if (!identity.email) return { kind: 'refuse', message: AppleMsg.noEmail };
  if (!byEmail) return { kind: 'create', email: identity.email };
  if (!identity.emailVerified) return { kind: 'refuse', message: AppleMsg.emailTakenUnverified };
  if (byEmail.appleSub !== null) return { kind: 'refuse', message: AppleMsg.linkedToAnotherAppleId };
  return { kind: 'link', account: byEmail };
}
