import type { InventoryItem } from './entities/inventory-item.entity.js';
import { itemUpdate, newItemColumns, newProductTitle, statusAfter } from './item-write.rules.js';

const NOW = new Date('2025-03-01T12:00:00Z');

function item(fields: Partial<InventoryItem> = {}): InventoryItem {
  return {
    id: '1',
    uid: 'inv_1',
    organizationId: '9',
    userId: '3',
    productId: '5',
    inventoryItemTypeId: null,
    name: null,
    status: 'draft',
    conditionItem: 'vg',
    conditionContainer: 'vg',
    conditionContainerManuallySet: false,
    conditionComments: null,
    conditionSellerDescription: null,
    priceTotalUsd: '30.00',
    priceItemUsd: null,
    priceShippingUsd: null,
    priceExpectedUsd: null,
    pricePurchasedItem: null,
    priceForPurchasesShipping: null,
    listingCurrentPrice: null,
    manualDescription: null,
    manualSku: null,
    notes: null,
    location: null,
    purchasedAt: null,
    receivedAt: null,
    soldAt: null,
    listedAt: null,
    searchText: '',
    sortTitle: '',
    deletedAt: null,
    created: NOW,
    updated: NOW,
    ...fields,
  };
}

describe('item write rules', () => {
  it('makes a new item in draft unless told otherwise, dating the status it starts in; listed and sold are refused', () => {
    expect(newItemColumns({ status: 'purchased' }, { inventoryItemTypeId: '4' }, NOW)).toEqual({
      columns: expect.objectContaining({ status: 'purchased', purchasedAt: NOW, inventoryItemTypeId: '4' }),
    });
    expect(newItemColumns({}, {}, NOW)).toEqual({ columns: expect.objectContaining({ status: 'draft' }) });
    expect(newItemColumns({ status: 'sold' }, {}, NOW)).toEqual({
      errors: { status: ['The status "sold" is set when an order for the item comes in.'] },
    });
  });

  it('finds what an update changes; the values an item has already are no change', () => {
    expect(itemUpdate(item(), { price_total_usd: '30.00', condition_item: 'vg', status: 'draft' }, {}, NOW)).toEqual({
      columns: { priceTotalUsd: '30.00', conditionItem: 'vg' },
      changes: {},
    });
    const moved = itemUpdate(item(), { price_total_usd: '32.50', status: 'received' }, { productId: '6', inventoryItemTypeId: null }, NOW);
    expect(moved).toEqual({
      columns: { priceTotalUsd: '32.50', status: 'received', receivedAt: NOW, productId: '6', inventoryItemTypeId: null },
      changes: {
        price_total_usd: { before: '30.00', after: '32.50' },
        status: { before: 'draft', after: 'received' },
        product_id: { before: '5', after: '6' },
      },
    });
    if ('columns' in moved) expect(statusAfter(item(), moved.columns)).toBe('received');
    expect(itemUpdate(item({ status: 'listed' }), { status: 'draft' }, {}, NOW)).toEqual({
      errors: { status: ['A listed item changes status when it is delisted: delist it first.'] },
    });
  });

  it('titles the product a new item creates by product_title, else by its name', () => {
    expect(newProductTitle({ product_title: 'Abbey Road', name: 'My copy' })).toBe('Abbey Road');
    expect(newProductTitle({ name: '  My copy ' })).toBe('My copy');
    expect(newProductTitle({ name: '  ' })).toBeNull();
    expect(newProductTitle({})).toBeNull();
  });
});
