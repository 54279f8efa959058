import type { PlatformDto } from '../platforms/index.js';
import { mapListing, mapPlatformListability } from './listings.mapper.js';
import type { ListingRow } from './listings.repository.js';
import { listingActions } from './listings.rules.js';

const ebay: PlatformDto = {
  uid: 'plat_ebay',
  name: 'eBay',
  display_name: 'eBay',
  slug: 'ebay',
  platform_type: 'marketplace',
  supports_digital: false,
  supports_api_connection: true,
  connection_type: 'oauth',
  url: 'https://ebay.com',
  is_selling_active: true,
  connection_url: '/accounts/ebay/login/',
};

const row: ListingRow = {
  uid: 'lst_abc123',
  platform_id: '1',
  status: 'listed',
  listing_id: '394857201',
  listing_price_usd: '34.99',
  marketplace_url: 'https://ebay.com/itm/394857201',
  marketplace_description: null,
  ml_generated_title: null,
  ml_generated_description: null,
  marketplace_details: { category_id: '176985' },
  is_sold: false,
  last_error: null,
  created: new Date('2025-03-01T09:00:00Z'),
  updated: new Date('2025-03-02T09:00:00Z'),
};

const actions = listingActions(
  { status: 'listed', listingPriceUsd: '34.99', isSold: false },
  {
    status: 'listed',
    priceTotalUsd: '34.99',
    listingCurrentPrice: null,
  },
);

describe('listings mapper', () => {
  it('shapes a listing as the seed shows it, with the short platform', () => {
    expect(mapListing(row, ebay, actions)).toEqual({
      uid: 'lst_abc123',
      status: 'listed',
      status_display: 'Listed',
      platform: { uid: 'plat_ebay', name: 'eBay', display_name: 'eBay', slug: 'ebay', platform_type: 'marketplace' },
      listing_id: '394857201',
      listing_price_usd: '34.99',
      marketplace_url: 'https://ebay.com/itm/394857201',
      marketplace_description: null,
      ml_generated_title: null,
      ml_generated_description: null,
      marketplace_details: { category_id: '176985' },
      is_sold: false,
      permissions: { can_list: false, can_delist: true, can_update_price: true, can_retry_listing: false, can_retry_delisting: false },
      action_reasons: {},
      last_error_code: null,
      created: '2025-03-01T09:00:00.000Z',
      updated: '2025-03-02T09:00:00.000Z',
    });
  });

  it('shows the last error with its four documented fields, whatever else the column holds', () => {
    const error = { uid: 'err_1', slug: 'price_not_set', message: 'Price not set', description: 'Set a price before listing.', trace: 'x' };
    expect(mapListing({ ...row, last_error: error }, ebay, actions).last_error_code).toEqual({
      uid: 'err_1',
      slug: 'price_not_set',
      message: 'Price not set',
      description: 'Set a price before listing.',
    });
    expect(mapListing({ ...row, last_error: { slug: 'timeout' } as never }, ebay, actions).last_error_code).toEqual({
      uid: '',
      slug: 'timeout',
      message: '',
      description: '',
    });
  });

  it('shows the platform summary of a listability, not the whole platform', () => {
    expect(mapPlatformListability(ebay, { can_be_listed: true, blocking_code: null, blocking_reason: null })).toEqual({
      platform: {
        uid: 'plat_ebay',
        name: 'eBay',
        display_name: 'eBay',
        slug: 'ebay',
        platform_type: 'marketplace',
        supports_digital: false,
        supports_api_connection: true,
        connection_type: 'oauth',
      },
      can_be_listed: true,
      blocking_code: null,
      blocking_reason: null,
    });
  });
});
