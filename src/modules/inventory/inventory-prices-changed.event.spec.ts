import { priceChanges } from './inventory-prices-changed.event.js';

const effective = (prices: { priceTotalUsd: string | null; listingCurrentPrice: string | null }) =>
  prices.priceTotalUsd ?? prices.listingCurrentPrice;

describe('priceChanges', () => {
  it('keeps only the items whose effective price moved, with the price before and after', () => {
    expect(
      priceChanges(
        [
          {
            itemId: '1',
            before: { priceTotalUsd: '10.00', listingCurrentPrice: null },
            after: { priceTotalUsd: '12.00', listingCurrentPrice: null },
          },
          {
            itemId: '2',
            before: { priceTotalUsd: '10.00', listingCurrentPrice: null },
            after: { priceTotalUsd: '10', listingCurrentPrice: null },
          },
          {
            itemId: '3',
            before: { priceTotalUsd: null, listingCurrentPrice: '8.00' },
            after: { priceTotalUsd: null, listingCurrentPrice: '8.00' },
          },
          {
            itemId: '4',
            before: { priceTotalUsd: null, listingCurrentPrice: null },
            after: { priceTotalUsd: '5.00', listingCurrentPrice: null },
          },
        ],
        effective,
      ),
    ).toEqual([
      { itemId: '1', previousPriceUsd: '10.00', priceUsd: '12.00' },
      { itemId: '4', previousPriceUsd: null, priceUsd: '5.00' },
    ]);
  });
});
