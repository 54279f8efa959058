import { E164_PHONE } from '../../common/validation/fields.js';
import {
  canonicalTimeZone,
  DEFAULT_NOTIFICATIONS,
  isKnownCurrency,
  isValidUsername,
  usernameAfterEmailChange,
  withDefaults,
} from './users.rules.js';

describe('users rules', () => {
  it('takes E.164 phone numbers only', () => {
    expect(['+14155550123', '+442071838750', '+3312345678'].every((phone) => E164_PHONE.test(phone))).toBe(true);
    expect(['4155550123', '+04155550123', '+1 415 555 0123', '+1234', `+1${'2'.repeat(15)}`].some((phone) => E164_PHONE.test(phone))).toBe(
      false,
    );
  });

  it('allows a chosen username without @, or the own email', () => {
    expect(isValidUsername('groove_ann', 'ann@example.com')).toBe(true);
    expect(isValidUsername('ann@example.com', 'ann@example.com')).toBe(true);
    expect(isValidUsername('bob@example.com', 'ann@example.com')).toBe(false);
    expect(isValidUsername('ab', 'ann@example.com')).toBe(false);
    expect(isValidUsername('with space', 'ann@example.com')).toBe(false);
  });

  it('moves a username that was the email along with it, and keeps a chosen one', () => {
    expect(usernameAfterEmailChange('ann@example.com', 'ann@example.com', 'ann@new.example')).toBe('ann@new.example');
    expect(usernameAfterEmailChange('groove_ann', 'ann@example.com', 'ann@new.example')).toBe('groove_ann');
  });

  it('fills stored choices over the defaults, ignoring unknown keys and wrong types', () => {
    const merged = withDefaults(DEFAULT_NOTIFICATIONS, { sale_push: false, sale_email: 'no', retired_choice: true });
    expect(merged).toEqual({ ...DEFAULT_NOTIFICATIONS, sale_push: false });
    expect(withDefaults({ platforms: [] as string[] }, { platforms: 'ebay' })).toEqual({ platforms: [] });
    expect(withDefaults({ platforms: [] as string[] }, { platforms: ['ebay'] })).toEqual({ platforms: ['ebay'] });
    expect(withDefaults(DEFAULT_NOTIFICATIONS, null)).toEqual(DEFAULT_NOTIFICATIONS);
  });

  it('names time zones canonically and refuses unknown ones and offsets', () => {
    expect(canonicalTimeZone('US/Eastern')).toBe('America/New_York');
    expect(canonicalTimeZone('europe/london')).toBe('Europe/London');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone('+01:00')).toBeNull();
  });

  it('knows ISO 4217 currencies', () => {
    expect(isKnownCurrency('USD')).toBe(true);
    expect(isKnownCurrency('XYZ')).toBe(false);
  });
});
