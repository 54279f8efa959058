import { apiKeyPrefix, newApiKey, newBearerToken, sameDigest, sha256Hex } from './secrets.js';

describe('secrets', () => {
  it('makes API keys whose prefix can be read back', () => {
    const { prefix, key } = newApiKey();
    expect(prefix).toMatch(/^ik_[0-9A-Za-z]{8}$/);
    expect(key.startsWith(`${prefix}.`)).toBe(true);
    expect(apiKeyPrefix(key)).toBe(prefix);
    expect(apiKeyPrefix('no-dot-here')).toBeNull();
  });

  it('makes distinct high-entropy bearer tokens', () => {
    expect(newBearerToken()).toHaveLength(43);
    expect(newBearerToken()).not.toBe(newBearerToken());
  });

  it('compares digests exactly', () => {
    expect(sameDigest(sha256Hex('a'), sha256Hex('a'))).toBe(true);
    expect(sameDigest(sha256Hex('a'), sha256Hex('b'))).toBe(false);
    expect(sameDigest(sha256Hex('a'), 'abcd')).toBe(false);
  });
});
