import { defaultOrganizationName, slugify } from './organizations.rules.js';

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
