import { isEmptySearch, matchesSearch, searchKey } from './item-types.rules.js';

const vinyl = ['Vinyl', 'vinyl', 'lp', 'record'];
const bluRay = ['Blu-ray', 'blu-ray', 'bd'];
const eightTrack = ['8-Track', '8-track', 'eight-track'];

describe('item type rules', () => {
  it('compares names without case, accents, spaces or punctuation', () => {
    expect(searchKey('Blu-ray')).toBe('bluray');
    expect(searchKey(' Box  Set ')).toBe('boxset');
    expect(searchKey('12"')).toBe('12');
    expect(searchKey('Écran')).toBe('ecran');
  });

  it('matches a name, slug or alias containing the search text, ignoring case', () => {
    expect(matchesSearch(vinyl, 'vinyl')).toBe(true);
    expect(matchesSearch(vinyl, 'VINYL')).toBe(true);
    expect(matchesSearch(vinyl, 'vin')).toBe(true);
    expect(matchesSearch(vinyl, 'LP')).toBe(true);
    expect(matchesSearch(bluRay, 'blu')).toBe(true);
    expect(matchesSearch(bluRay, 'blu ray')).toBe(true);
    expect(matchesSearch(bluRay, 'bluray')).toBe(true);
    expect(matchesSearch(eightTrack, '8 track')).toBe(true);
    expect(matchesSearch(vinyl, 'cassette')).toBe(false);
    expect(matchesSearch(bluRay, 'vinyl')).toBe(false);
  });

  it('treats a missing, empty or punctuation-only search as asking for every type', () => {
    expect(isEmptySearch(undefined)).toBe(true);
    expect(isEmptySearch('')).toBe(true);
    expect(isEmptySearch('  - ')).toBe(true);
    expect(isEmptySearch('cd')).toBe(false);
    expect(matchesSearch(vinyl, undefined)).toBe(true);
    expect(matchesSearch(vinyl, '')).toBe(true);
    expect(matchesSearch(vinyl, ' ')).toBe(true);
  });
});
