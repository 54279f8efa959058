import { bulkItemLimit, bulkLimitProblem, bulkPrice, BulkPriceMsg, distinctUids, MAX_BULK_ITEMS } from './inventory-bulk.rules.js';

describe('bulk price', () => {
  it('sets the value, on an item with or without a price', () => {
    expect(bulkPrice('19.99', 'set', '25')).toEqual({ price: '25.00' });
    expect(bulkPrice(null, 'set', '7.5')).toEqual({ price: '7.50' });
    expect(bulkPrice('19.99', 'set', ' 12.34 ')).toEqual({ price: '12.34' });
  });

  it('increases and decreases by an amount, exactly', () => {
    expect(bulkPrice('0.10', 'increase', '0.20')).toEqual({ price: '0.30' });
    expect(bulkPrice('19.99', 'increase', '10')).toEqual({ price: '29.99' });
    expect(bulkPrice('19.99', 'decrease', '0.99')).toEqual({ price: '19.00' });
    expect(bulkPrice('1.00', 'decrease', '0.99')).toEqual({ price: '0.01' });
  });

  it('applies a percentage, rounding half-up to cents', () => {
    expect(bulkPrice('19.99', 'percentage', '10')).toEqual({ price: '21.99' }); // 21.989
    expect(bulkPrice('10.05', 'percentage', '-50')).toEqual({ price: '5.03' }); // 5.025: half-up, not to even
    expect(bulkPrice('0.10', 'percentage', '5')).toEqual({ price: '0.11' }); // 0.105
    expect(bulkPrice('0.10', 'percentage', '4.99')).toEqual({ price: '0.10' }); // 0.104990
    expect(bulkPrice('34.99', 'percentage', '0')).toEqual({ price: '34.99' });
    expect(bulkPrice('100.00', 'percentage', '-10')).toEqual({ price: '90.00' });
    expect(bulkPrice('20.00', 'percentage', '150')).toEqual({ price: '50.00' });
  });

  it('keeps every digit of large prices and percentages', () => {
    expect(bulkPrice('99999999.99', 'percentage', '0.01')).toEqual({ price: '100009999.99' }); // 100009999.989999
    expect(bulkPrice('12345678.91', 'percentage', '33.33')).toEqual({ price: '16460493.69' }); // 16460493.690703
  });

  it('fails an item a relative mode finds without a price', () => {
    for (const mode of ['increase', 'decrease', 'percentage'] as const) {
      expect(bulkPrice(null, mode, '10')).toEqual({ problem: BulkPriceMsg.noPrice });
    }
  });

  it('fails a result below 0.01 or above what a price column holds', () => {
    expect(bulkPrice('0.05', 'decrease', '0.05')).toEqual({ problem: BulkPriceMsg.belowMinimum('0.00') });
    expect(bulkPrice('5.00', 'decrease', '7.50')).toEqual({ problem: BulkPriceMsg.belowMinimum('-2.50') });
    expect(bulkPrice('0.01', 'percentage', '-50')).toEqual({ price: '0.01' }); // 0.005 rounds up to the minimum
    expect(bulkPrice('0.01', 'percentage', '-60')).toEqual({ problem: BulkPriceMsg.belowMinimum('0.00') }); // 0.004
    expect(bulkPrice('10.00', 'percentage', '-100')).toEqual({ problem: BulkPriceMsg.belowMinimum('0.00') });
    expect(bulkPrice('12.00', 'set', '0')).toEqual({ problem: BulkPriceMsg.belowMinimum('0.00') });
    expect(bulkPrice('9999999999.99', 'increase', '0.01')).toEqual({ problem: BulkPriceMsg.aboveMaximum });
    expect(bulkPrice('9999999999.99', 'increase', '0')).toEqual({ price: '9999999999.99' });
  });
});

describe('bulk limits', () => {
  it("takes the plan's limit, never above 100, and 100 without a plan", () => {
    expect(bulkItemLimit(25)).toBe(25);
    expect(bulkItemLimit(100)).toBe(MAX_BULK_ITEMS);
    expect(bulkItemLimit(500)).toBe(MAX_BULK_ITEMS);
    expect(bulkItemLimit(undefined)).toBe(MAX_BULK_ITEMS);
    expect(bulkItemLimit(null)).toBe(MAX_BULK_ITEMS);
  });

  it('names the limit when a request exceeds it', () => {
    expect(bulkLimitProblem(25, 25)).toBeNull();
    expect(bulkLimitProblem(25, 26)).toBe('Your plan allows at most 25 items per bulk request; this one has 26.');
  });

  it('counts a uid sent twice once, in the order first sent', () => {
    expect(distinctUids(['inv_b', 'inv_a', 'inv_b', 'inv_c', 'inv_a'])).toEqual(['inv_b', 'inv_a', 'inv_c']);
  });
});
