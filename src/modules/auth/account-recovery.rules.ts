/** A password reset link can be used once, within this time. */
export const PASSWORD_RESET_TTL_MINUTES = 60;

/** A fixed window: at most `limit` requests per key in `windowMs`. */
export interface SensitiveLimit {
  name: string;
  limit: number;
  windowMs: number;
}

/** Password reset: 3 requests per email address (so per user, and the same for unknown addresses) per hour. */
export const PASSWORD_RESET_LIMIT: SensitiveLimit = { name: 'password-reset', limit: 3, windowMs: 60 * 60 * 1000 };

/** Email recovery: 5 requests per phone number per 15 minutes. */
export const EMAIL_RECOVERY_LIMIT: SensitiveLimit = { name: 'email-recovery', limit: 5, windowMs: 15 * 60 * 1000 };

export const RecoveryMsg = {
  resetRequested: 'If an account uses this email address, a link to reset its password has been sent to it.',
  resetDone: 'Your password has been reset: sign in with the new one.',
  invalidResetToken: 'Invalid or expired token.',
  emailHintRequested: 'If an account uses this phone number, a hint of its email address has been sent to that account.',
  wrongCurrentPassword: 'Your current password is incorrect.',
} as const;

export type ResetTokenState = 'valid' | 'used' | 'expired';

export function resetTokenState(reset: { expiresAt: Date; usedAt: Date | null }, now: Date): ResetTokenState {
  if (reset.usedAt) return 'used';
  return reset.expiresAt.getTime() <= now.getTime() ? 'expired' : 'valid';
}

export function passwordResetExpiry(now: Date): Date {
  return new Date(now.getTime() + PASSWORD_RESET_TTL_MINUTES * 60 * 1000);
}

/** Where the user chooses a new password: the web app's page, with the token in the query. */
export function passwordResetLink(publicUrl: string, token: string): string {
  return `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
}

/**
 * An email address the way a hint shows it: `john@example.com` -> `j***@e******.com`. The local part keeps its first
 * character and always three stars (its length is not given away); each label of the domain but the last keeps its
 * first character and a star for every other one (so the provider stays recognisable), and the top-level domain stays.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at >= 0 ? email.slice(0, at) : email;
  const domain = at >= 0 ? email.slice(at + 1) : '';
  const maskedLocal = `${Array.from(local)[0] ?? ''}***`;
  if (!domain) return maskedLocal;
  const labels = domain.split('.');
  const topLevel = labels.length > 1 ? labels.pop()! : null;
  const masked = labels.map((label) => {
    const characters = Array.from(label);
    return (characters[0] ?? '') + '*'.repeat(Math.max(0, characters.length - 1));
  });
  return `${maskedLocal}@${[...masked, ...(topLevel === null ? [] : [topLevel])].join('.')}`;
}
