import { acceptsKind, sellsKind } from './platforms.rules.js';

const discogs = { supportsDigital: false, supportsPhysical: true, isSellingActive: true };
const redbubble = { supportsDigital: true, supportsPhysical: false, isSellingActive: true };

describe('platform rules', () => {
  it('accepts physical goods or digital designs as the platform supports them', () => {
    expect(acceptsKind(discogs, 'physical')).toBe(true);
    expect(acceptsKind(discogs, 'digital')).toBe(false);
    expect(acceptsKind(redbubble, 'digital')).toBe(true);
    expect(acceptsKind(redbubble, 'physical')).toBe(false);
  });

  it('sells only where selling is active', () => {
    expect(sellsKind(discogs, 'physical')).toBe(true);
    expect(sellsKind({ ...discogs, isSellingActive: false }, 'physical')).toBe(false);
  });
});
