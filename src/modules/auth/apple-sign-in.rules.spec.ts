import { appleEmail, appleEmailVerified, AppleMsg, appleSignInPlan } from './apple-sign-in.rules.js';

describe('Sign in with Apple rules', () => {
  const verified = { sub: 'apple-1', email: 'ann@example.com', emailVerified: true };
  const unverified = { ...verified, emailVerified: false };
  type Account = { id: string; appleSub: string | null };
  const linked: Account = { id: '1', appleSub: 'apple-1' };
  const passwordOnly: Account = { id: '2', appleSub: null };
  const otherApple: Account = { id: '3', appleSub: 'apple-2' };

  it('reads email_verified as Apple sends it, boolean or string', () => {
    expect(appleEmailVerified(true)).toBe(true);
    expect(appleEmailVerified('true')).toBe(true);
    for (const no of [false, 'false', undefined, null, 'TRUE', 1]) expect(appleEmailVerified(no)).toBe(false);
  });

  it('keeps a usable email claim, lowercased', () => {
    expect(appleEmail(' Ann@Example.com ')).toBe('ann@example.com');
    for (const no of [undefined, null, 42, '', 'no-at-sign', '@example.com', `${'a'.repeat(250)}@x.io`]) expect(appleEmail(no)).toBeNull();
  });

  it('signs in the account linked to the sub, whatever the email says', () => {
    expect(appleSignInPlan(unverified, linked, passwordOnly)).toEqual({ kind: 'sign_in', account: linked });
    expect(appleSignInPlan({ ...verified, email: null }, linked, null)).toEqual({ kind: 'sign_in', account: linked });
  });

  it('links an account with the same email only when Apple verified it', () => {
    expect(appleSignInPlan(verified, null, passwordOnly)).toEqual({ kind: 'link', account: passwordOnly });
    expect(appleSignInPlan(unverified, null, passwordOnly)).toEqual({ kind: 'refuse', message: AppleMsg.emailTakenUnverified });
    expect(appleSignInPlan(verified, null, otherApple)).toEqual({ kind: 'refuse', message: AppleMsg.linkedToAnotherAppleId });
  });

  it('creates an account for an email no one uses, verified or not; without an email it cannot', () => {
    expect(appleSignInPlan(verified, null, null)).toEqual({ kind: 'create', email: 'ann@example.com' });
    expect(appleSignInPlan(unverified, null, null)).toEqual({ kind: 'create', email: 'ann@example.com' });
    expect(appleSignInPlan({ ...verified, email: null }, null, null)).toEqual({ kind: 'refuse', message: AppleMsg.noEmail });
  });
});
