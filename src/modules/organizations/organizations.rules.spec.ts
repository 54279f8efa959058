import { defaultOrganizationName, isPrimaryOnCreate, isValidSlug, slugify } from './organizations.rules.js';

describe('organization rules', () => {
  it('slugifies names to lowercase ASCII with single dashes', () => {
    expect(slugify('Groove Records')).toBe('groove-records');
    expect(slugify('  Ça va — Vinyl & CDs!! ')).toBe('ca-va-vinyl-cds');
    expect(slugify('🎵🎵')).toBe('organization');
    expect(slugify('a'.repeat(100))).toHaveLength(60);
  });

  it('names a default organization after the user', () => {
    expect(defaultOrganizationName('ann@example.com', 'Ann')).toBe("Ann's organization");
    expect(defaultOrganizationName('ann@example.com')).toBe('ann');
  });
});

describe('organization slugs', () => {
  it('accepts 3 to 80 lowercase letters, digits and hyphens', () => {
    expect(isValidSlug('groove-records-2')).toBe(true);
    expect(isValidSlug('abc')).toBe(true);
    expect(isValidSlug('a'.repeat(80))).toBe(true);
    expect(isValidSlug('ab')).toBe(false);
    expect(isValidSlug('a'.repeat(81))).toBe(false);
    expect(isValidSlug('Groove')).toBe(false);
    expect(isValidSlug('groove records')).toBe(false);
    expect(isValidSlug('grüve')).toBe(false);
  });
});

describe('primary addresses', () => {
  it('makes the first address primary, a later one only when asked', () => {
    expect(isPrimaryOnCreate(0, undefined)).toBe(true);
    expect(isPrimaryOnCreate(0, false)).toBe(true);
    expect(isPrimaryOnCreate(2, undefined)).toBe(false);
    expect(isPrimaryOnCreate(2, true)).toBe(true);
  });
});
