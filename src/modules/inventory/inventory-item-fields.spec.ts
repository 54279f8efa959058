import { copiedColumns } from './inventory-item-fields.js';

describe('inventory item fields', () => {
  it('copies the given fields to their columns; a blank name clears it', () => {
    expect(copiedColumns({ notes: 'n', price_total_usd: '1.00', name: '  A  ' })).toEqual({ notes: 'n', priceTotalUsd: '1.00', name: 'A' });
    expect(copiedColumns({ name: '   ' })).toEqual({ name: null });
    expect(copiedColumns({})).toEqual({});
  });

  it('stores prices at their stored scale, so that 34.9 for 34.90 is no change; null clears', () => {
    expect(copiedColumns({ price_total_usd: '34.9', price_shipping_usd: ' 5 ', listing_current_price: null })).toEqual({
      priceTotalUsd: '34.90',
      priceShippingUsd: '5.00',
      listingCurrentPrice: null,
    });
  });
});
