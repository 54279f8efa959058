import { nameKey, normalizeTags, productImage, resolvedIdentifier, saleKind } from './products.rules.js';

describe('products rules', () => {
  it('normalizes tags and names', () => {
    expect(normalizeTags([' Jazz ', 'jazz', '', 'vinyl'])).toEqual(['Jazz', 'vinyl']);
    expect(nameKey('  The   Beatles ')).toBe('the beatles');
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

  it('sells physical products as physical goods and every other type as a digital design', () => {
    expect(saleKind('physical')).toBe('physical');
    expect(['digital', 'digital-report', 'nft'].map((type) => saleKind(type as never))).toEqual(['digital', 'digital', 'digital']);
  });
});
