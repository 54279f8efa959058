import { copiedColumns } from './inventory-item-fields.js';

describe('inventory item fields', () => {
  it('copies the given fields to their columns; a blank name clears it', () => {
    expect(copiedColumns({ notes: 'n', price_total_usd: '1.00', name: '  A  ' })).toEqual({ notes: 'n', priceTotalUsd: '1.00', name: 'A' });
    expect(copiedColumns({ name: '   ' })).toEqual({ name: null });
    expect(copiedColumns({})).toEqual({});
  });
});
