import { canonicalJson, IDEMPOTENCY_KEY_PATTERN, requestFingerprint } from './idempotency.rules.js';

describe('idempotency rules', () => {
  it('writes JSON with sorted keys at every depth, leaving arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('fingerprints method, path and body, not the order of the keys', () => {
    const one = requestFingerprint('post', '/api/v1/inventory/bulk/list/', { items: ['inv_1'], platforms: ['ebay'] });
    expect(requestFingerprint('POST', '/api/v1/inventory/bulk/list/', { platforms: ['ebay'], items: ['inv_1'] })).toBe(one);
    expect(requestFingerprint('POST', '/api/v1/inventory/bulk/delist/', { items: ['inv_1'], platforms: ['ebay'] })).not.toBe(one);
    expect(requestFingerprint('POST', '/api/v1/inventory/bulk/list/', { items: ['inv_2'], platforms: ['ebay'] })).not.toBe(one);
  });

  it('takes printable keys up to 255 characters', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.test('0b8a7c1e-5f1d-4c4e-9a0e-2f6f1d1b9c3a')).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('with space')).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('')).toBe(false);
    expect(IDEMPOTENCY_KEY_PATTERN.test('k'.repeat(256))).toBe(false);
  });
});
