import { InventoryItemType } from './entities/inventory-item-type.entity.js';
import { mapItemType, mapItemTypeRef, mapPlatformItemType } from './item-types.mapper.js';

function vinyl(platformCategories: Record<string, unknown>): InventoryItemType {
  return Object.assign(new InventoryItemType(), {
    id: '1',
    uid: 'type_vinyl',
    name: 'Vinyl',
    slug: 'vinyl',
    position: 1,
    aliases: ['lp'],
    platformCategories,
  });
}

describe('item type mapper', () => {
  it('shows uid, name and slug as an item nests them', () => {
    expect(mapItemTypeRef(vinyl({}))).toEqual({ uid: 'type_vinyl', name: 'Vinyl', slug: 'vinyl' });
  });

  it('shows the documented platforms only, each category id as a string', () => {
    const type = vinyl({ ebay: { id: 176985, name: 'Records' }, discogs: { id: 'Vinyl', name: 'Vinyl' }, myspace: { id: '1', name: 'X' } });
    expect(mapItemType(type)).toEqual({
      uid: 'type_vinyl',
      name: 'Vinyl',
      slug: 'vinyl',
      platform_categories: { ebay: { id: '176985', name: 'Records' }, discogs: { id: 'Vinyl', name: 'Vinyl' } },
    });
  });

  it('shows a platform search result with the platform and its category', () => {
    expect(mapPlatformItemType(vinyl({}), 'ebay', { id: '176985', name: 'Records' })).toEqual({
      uid: 'type_vinyl',
      name: 'Vinyl',
      slug: 'vinyl',
      platform: 'ebay',
      category: { id: '176985', name: 'Records' },
    });
  });
});
