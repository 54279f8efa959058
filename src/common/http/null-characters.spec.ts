import { findNullCharacterParameter, hasNullCharacter } from './null-characters.js';

describe('hasNullCharacter', () => {
  it('finds U+0000 anywhere, and nothing else', () => {
    expect(hasNullCharacter('a\u0000b')).toBe(true);
    expect(hasNullCharacter('\u0000')).toBe(true);
    expect(hasNullCharacter('a\\u0000b %00 \u0001 🎵')).toBe(false);
  });
});

describe('findNullCharacterParameter', () => {
  it('accepts ordinary and empty queries', () => {
    expect(findNullCharacterParameter({ search: 'Abbey Road', tags: ['a', 'b'] })).toBeNull();
    expect(findNullCharacterParameter({})).toBeNull();
    expect(findNullCharacterParameter(undefined)).toBeNull();
  });

  it('names the parameter holding a null character, repeated or not', () => {
    expect(findNullCharacterParameter({ page: '1', search: 'a\u0000b' })).toBe('search');
    expect(findNullCharacterParameter({ tags: ['fine', 'x\u0000'] })).toBe('tags');
  });

  it('puts a null character in a parameter name on non_field_errors', () => {
    expect(findNullCharacterParameter({ 'sea\u0000rch': 'x' })).toBe('non_field_errors');
  });
});
