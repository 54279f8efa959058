import { maskEmail, passwordResetExpiry, passwordResetLink, resetTokenState } from './account-recovery.rules.js';

describe('account recovery rules', () => {
  it('masks an email address as the hint shows it', () => {
    expect(maskEmail('john@example.com')).toBe('j***@e******.com');
    expect(maskEmail('jo@example.com')).toBe('j***@e******.com');
    expect(maskEmail('a.very.long.name@gmail.com')).toBe('a***@g****.com');
    expect(maskEmail('ann@mail.example.co.uk')).toBe('a***@m***.e******.c*.uk');
    expect(maskEmail('x@y.io')).toBe('x***@y.io');
  });

  it('masks by character, not by UTF-16 unit', () => {
    expect(maskEmail('élodie@bücher.de')).toBe('é***@b*****.de');
    expect(maskEmail('😀x@exämple.com')).toBe('😀***@e******.com');
  });

  it('masks what is not a full address too', () => {
    expect(maskEmail('localonly')).toBe('l***');
    expect(maskEmail('ann@localhost')).toBe('a***@l********');
    expect(maskEmail('@example.com')).toBe('***@e******.com');
  });

  it('tells valid, used and expired reset tokens apart', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const expiresAt = passwordResetExpiry(now);
    expect(expiresAt.toISOString()).toBe('2026-03-01T13:00:00.000Z');
    expect(resetTokenState({ expiresAt, usedAt: null }, now)).toBe('valid');
    expect(resetTokenState({ expiresAt, usedAt: null }, expiresAt)).toBe('expired');
    expect(resetTokenState({ expiresAt, usedAt: now }, now)).toBe('used');
  });

  it('links to the reset page with the token in the query', () => {
    expect(passwordResetLink('https://shop.example.com', 'abc-_1')).toBe('https://shop.example.com/reset-password?token=abc-_1');
  });
});
