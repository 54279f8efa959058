import {
  availablePlatforms,
  compareDecimals,
  computedPriceUsd,
  inventoryCounts,
  isUploadableToRedbubble,
  isValidYear,
  nameKey,
  normalizeTags,
  productImage,
  resolvedIdentifier,
} from './products.rules.js';

describe('products rules', () => {
  it('computes the price from the cheapest unsold item, else the cheapest active presence', () => {
    const items = [
      { status: 'ready-to-sell' as const, priceTotalUsd: '34.99' },
      { status: 'listed' as const, priceTotalUsd: '29.99' },
      { status: 'sold' as const, priceTotalUsd: '9.99' },
      { status: 'received' as const, priceTotalUsd: null },
    ];
    const presences = [{ status: 'active', isSellingEnabled: true, listingPriceUsd: '19.99' }];
    expect(computedPriceUsd(items, presences)).toBe('29.99');
    expect(computedPriceUsd([{ status: 'sold', priceTotalUsd: '9.99' }], presences)).toBe('19.99');
    expect(computedPriceUsd([], [{ status: 'ended', isSellingEnabled: true, listingPriceUsd: '5.00' }])).toBeNull();
    expect(computedPriceUsd([], [{ status: 'active', isSellingEnabled: false, listingPriceUsd: '5.00' }])).toBeNull();
  });

  it('compares decimals exactly', () => {
    expect(compareDecimals('100.00', '99.99')).toBe(1);
    expect(compareDecimals('0.1', '0.10')).toBe(0);
    expect(compareDecimals('9.5', '10')).toBe(-1);
  });

  it('counts total, listed and available items', () => {
    expect(
      inventoryCounts([
        { status: 'received', priceTotalUsd: null },
        { status: 'ready-to-sell', priceTotalUsd: null },
        { status: 'listed', priceTotalUsd: null },
        { status: 'draft', priceTotalUsd: null },
      ]),
    ).toEqual({ total: 4, listed: 1, available: 2 });
  });

  it('resolves the identifier by priority', () => {
    const base = { upc: null, catalogNumber: null, sku: null, metadata: null };
    expect(resolvedIdentifier({ ...base, upc: '0077774644020', catalogNumber: 'PCS 7088' })).toEqual({
      value: '0077774644020',
      source: 'upc',
    });
    expect(resolvedIdentifier({ ...base, catalogNumber: 'PCS 7088', sku: 'S1' })).toEqual({ value: 'PCS 7088', source: 'catalog_number' });
    expect(resolvedIdentifier({ ...base, sku: ' S1 ' })).toEqual({ value: 'S1', source: 'sku' });
    expect(resolvedIdentifier({ ...base, metadata: { external_id: 'r123' } })).toEqual({ value: 'r123', source: 'external_id' });
    expect(resolvedIdentifier(base)).toEqual({ value: null, source: null });
  });

  it('picks the product image by the documented priority', () => {
    expect(productImage('u', 'a', ['p'])).toBe('u');
    expect(productImage(null, 'a', ['p'])).toBe('a');
    expect(productImage(null, null, [null, 'p'])).toBe('p');
    expect(productImage(null, null, [])).toBeNull();
  });

  it('offers platforms by what they sell', () => {
    const ebay = { slug: 'ebay', supportsDigital: false, supportsPhysical: true, isSellingActive: true };
    const redbubble = { slug: 'redbubble', supportsDigital: true, supportsPhysical: false, isSellingActive: true };
    const closed = { slug: 'closed', supportsDigital: true, supportsPhysical: true, isSellingActive: false };
    expect(availablePlatforms('physical', [ebay, redbubble, closed]).map((p) => p.slug)).toEqual(['ebay']);
    expect(availablePlatforms('digital', [ebay, redbubble, closed]).map((p) => p.slug)).toEqual(['redbubble']);
  });

  it('judges Redbubble eligibility', () => {
    expect(isUploadableToRedbubble('digital', true, false)).toBe(true);
    expect(isUploadableToRedbubble('digital', false, false)).toBe(false);
    expect(isUploadableToRedbubble('digital', true, true)).toBe(false);
    expect(isUploadableToRedbubble('physical', true, false)).toBe(false);
  });

  it('normalizes tags, years and names', () => {
    expect(normalizeTags([' Jazz ', 'jazz', '', 'vinyl'])).toEqual(['Jazz', 'vinyl']);
    expect(isValidYear('1969')).toBe(true);
    expect(isValidYear('1969-09-26')).toBe(true);
    expect(isValidYear('1969-02-30')).toBe(false);
    expect(isValidYear('69')).toBe(false);
    expect(nameKey('  The   Beatles ')).toBe('the beatles');
  });
});
