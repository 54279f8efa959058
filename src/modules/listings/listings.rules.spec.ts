import {
  ACTIVE_LISTING_STATUSES,
  BLOCKING_CODE_VALUES,
  BLOCKING_CODES,
  canDelist,
  isActiveListingStatus,
  isPriceSet,
  type ListabilityContext,
  type ListabilityItemFacts,
  type ListabilityPlatformFacts,
  LISTING_STATUS_CODES,
  LISTING_STATUSES,
  listingActions,
  listingFailure,
  listingPrice,
  listingStatusDisplay,
  platformListability,
} from './listings.rules.js';

const item = { status: 'ready-to-sell', priceTotalUsd: '34.99', listingCurrentPrice: null };
const noPrice = { ...item, priceTotalUsd: null };
const listing = (status: string, fields: { listingPriceUsd?: string | null; isSold?: boolean } = {}) => ({
  status,
  listingPriceUsd: fields.listingPriceUsd ?? null,
  isSold: fields.isSold ?? false,
});
const none = { can_list: false, can_delist: false, can_update_price: false, can_retry_listing: false, can_retry_delisting: false };

describe('listing statuses', () => {
  it('are in lifecycle order with their labels', () => {
    expect(LISTING_STATUS_CODES).toEqual([
      'draft',
      'pending',
      'in_progress',
      'listed',
      'listing_failed',
      'delisting',
      'delisted',
      'delisting_failed',
      'sold',
    ]);
    expect(LISTING_STATUSES.in_progress).toBe('In Progress');
    expect(listingStatusDisplay('delisting_failed')).toBe('Delisting Failed');
    expect(listingStatusDisplay('unknown')).toBe('unknown');
  });

  it('are active while live on the marketplace or on the way there or off it', () => {
    expect(LISTING_STATUS_CODES.filter(isActiveListingStatus)).toEqual([...ACTIVE_LISTING_STATUSES]);
    expect(ACTIVE_LISTING_STATUSES).toEqual(['pending', 'in_progress', 'listed', 'delisting', 'delisting_failed']);
  });
});

describe('listing prices', () => {
  it('are set when above zero', () => {
    expect(isPriceSet('34.99')).toBe(true);
    expect(isPriceSet('0.01')).toBe(true);
    expect(isPriceSet('0.00')).toBe(false);
    expect(isPriceSet('-5.00')).toBe(false);
    expect(isPriceSet(null)).toBe(false);
    expect(isPriceSet(undefined)).toBe(false);
  });

  it("are the listing's own price, else the item's total price, else its current marketplace price", () => {
    expect(listingPrice('30.00', { priceTotalUsd: '34.99', listingCurrentPrice: '29.99' })).toBe('30.00');
    expect(listingPrice(null, { priceTotalUsd: '34.99', listingCurrentPrice: '29.99' })).toBe('34.99');
    expect(listingPrice('0.00', { priceTotalUsd: null, listingCurrentPrice: '29.99' })).toBe('29.99');
    expect(listingPrice(null, { priceTotalUsd: null, listingCurrentPrice: null })).toBeNull();
  });
});

describe('listing actions', () => {
  it('a listed listing can be delisted and repriced, with no reasons for what does not apply (the seed example)', () => {
    expect(listingActions(listing('listed', { listingPriceUsd: '34.99' }), item)).toEqual({
      permissions: { ...none, can_delist: true, can_update_price: true },
      action_reasons: {},
    });
  });

  it('a draft or delisted listing can be listed and repriced', () => {
    for (const status of ['draft', 'delisted']) {
      expect(listingActions(listing(status), item)).toEqual({
        permissions: { ...none, can_list: true, can_update_price: true },
        action_reasons: {},
      });
    }
  });

  it('a failed listing or delisting can be retried', () => {
    expect(listingActions(listing('listing_failed'), item)).toEqual({
      permissions: { ...none, can_retry_listing: true, can_update_price: true },
      action_reasons: {},
    });
    expect(listingActions(listing('delisting_failed'), item)).toEqual({
      permissions: { ...none, can_retry_delisting: true, can_update_price: true },
      action_reasons: {},
    });
  });

  it('nothing can start while the engine works on the listing', () => {
    for (const status of ['pending', 'in_progress', 'delisting']) {
      expect(listingActions(listing(status), item)).toEqual({
        permissions: none,
        action_reasons: { can_update_price: 'Wait until the current listing action finishes.' },
      });
    }
  });

  it('nothing is left to do with a listing that sold', () => {
    expect(listingActions(listing('sold', { isSold: true }), item)).toEqual({
      permissions: none,
      action_reasons: { can_update_price: 'This listing has sold.' },
    });
    expect(listingActions(listing('listed', { isSold: true }), item)).toEqual({
      permissions: none,
      action_reasons: { can_delist: 'This listing has sold.', can_update_price: 'This listing has sold.' },
    });
  });

  it('a sold or cancelled item is not put up for sale again, but its other live listings can still be taken down', () => {
    expect(listingActions(listing('listed'), { ...item, status: 'sold' })).toEqual({
      permissions: { ...none, can_delist: true },
      action_reasons: { can_update_price: 'The item has been sold.' },
    });
    expect(listingActions(listing('delisting_failed'), { ...item, status: 'sold' })).toEqual({
      permissions: { ...none, can_retry_delisting: true },
      action_reasons: { can_update_price: 'The item has been sold.' },
    });
    expect(listingActions(listing('draft'), { ...item, status: 'cancelled' })).toEqual({
      permissions: none,
      action_reasons: { can_list: 'The item has been cancelled.', can_update_price: 'The item has been cancelled.' },
    });
    expect(listingActions(listing('listing_failed'), { ...item, status: 'sold' }).action_reasons).toEqual({
      can_retry_listing: 'The item has been sold.',
      can_update_price: 'The item has been sold.',
    });
  });

  it('without a price nothing can be listed, but the price can be set', () => {
    expect(listingActions(listing('draft'), noPrice)).toEqual({
      permissions: { ...none, can_update_price: true },
      action_reasons: { can_list: 'Set a price before listing.' },
    });
    expect(listingActions(listing('listing_failed'), noPrice)).toEqual({
      permissions: { ...none, can_update_price: true },
      action_reasons: { can_retry_listing: 'Set a price before listing.' },
    });
    expect(listingActions(listing('draft', { listingPriceUsd: '20.00' }), noPrice).permissions.can_list).toBe(true);
    expect(listingActions(listing('draft'), { ...noPrice, listingCurrentPrice: '19.99' }).permissions.can_list).toBe(true);
  });
});

describe('platform listability', () => {
  const ebay = { acceptsKind: true, isSellingActive: true, connectionType: 'oauth' as const };
  const redbubble = { acceptsKind: true, isSellingActive: true, connectionType: 'extension' as const };
  const physical = { ...item, productType: 'physical' as const };
  const context = { subscriptionActive: true, connected: true, listing: null };
  const code = (...args: Parameters<typeof platformListability>) => platformListability(...args).blocking_code;

  it('can be listed when nothing blocks', () => {
    expect(platformListability(ebay, physical, context)).toEqual({ can_be_listed: true, blocking_code: null, blocking_reason: null });
    expect(platformListability(redbubble, { ...physical, productType: 'digital' }, { ...context, connected: false }).can_be_listed).toBe(
      true,
    );
  });

  it('reports each blocking code with its reason', () => {
    expect(platformListability(ebay, { ...physical, status: 'sold' }, context)).toEqual({
      can_be_listed: false,
      blocking_code: 'item_sold',
      blocking_reason: BLOCKING_CODES.item_sold,
    });
    expect(code(ebay, { ...physical, status: 'cancelled' }, context)).toBe('item_cancelled');
    expect(code({ ...redbubble, acceptsKind: false }, physical, context)).toBe('physical_not_supported');
    expect(code({ ...ebay, acceptsKind: false }, { ...physical, productType: 'digital' }, context)).toBe('digital_not_supported');
    expect(code({ ...ebay, isSellingActive: false }, physical, context)).toBe('platform_inactive');
    expect(code(ebay, physical, { ...context, subscriptionActive: false })).toBe('subscription_inactive');
    expect(code(ebay, physical, { ...context, connected: false })).toBe('not_connected');
    expect(code(ebay, { ...physical, priceTotalUsd: null }, context)).toBe('price_not_set');
  });

  it('is already listed while a listing there is active, and can be listed again once it is not', () => {
    for (const status of ACTIVE_LISTING_STATUSES) {
      expect(code(ebay, physical, { ...context, listing: { status, listingPriceUsd: null } })).toBe('already_listed');
    }
    for (const status of ['draft', 'listing_failed', 'delisted']) {
      expect(code(ebay, physical, { ...context, listing: { status, listingPriceUsd: null } })).toBeNull();
    }
  });

  it("takes the price of the platform's listing, else the item's prices", () => {
    const unpriced = { ...physical, priceTotalUsd: null };
    expect(code(ebay, unpriced, { ...context, listing: { status: 'draft', listingPriceUsd: '20.00' } })).toBeNull();
    expect(code(ebay, { ...unpriced, listingCurrentPrice: '19.99' }, context)).toBeNull();
  });

  it('reports the first blocker in the documented precedence', () => {
    expect(BLOCKING_CODE_VALUES).toEqual([
      'item_sold',
      'item_cancelled',
      'physical_not_supported',
      'digital_not_supported',
      'platform_inactive',
      'already_listed',
      'subscription_inactive',
      'not_connected',
      'price_not_set',
    ]);
    const everything: { platform: ListabilityPlatformFacts; item: ListabilityItemFacts; context: ListabilityContext } = {
      platform: { acceptsKind: false, isSellingActive: false, connectionType: 'oauth' as const },
      item: { ...physical, status: 'sold', priceTotalUsd: null },
      context: { subscriptionActive: false, connected: false, listing: { status: 'listed', listingPriceUsd: null } },
    };
    const seen: string[] = [];
    // Remove the reported blocker, one at a time: the next one reported is the next in precedence.
    let { platform, item: current, context: state } = everything;
    for (;;) {
      const reported = code(platform, current, state);
      if (reported === null) break;
      seen.push(reported);
      if (reported === 'item_sold') current = { ...current, status: 'cancelled' };
      else if (reported === 'item_cancelled') current = { ...current, status: 'ready-to-sell' };
      else if (reported === 'physical_not_supported') platform = { ...platform, acceptsKind: true };
      else if (reported === 'platform_inactive') platform = { ...platform, isSellingActive: true };
      else if (reported === 'already_listed') state = { ...state, listing: { status: 'delisted', listingPriceUsd: null } };
      else if (reported === 'subscription_inactive') state = { ...state, subscriptionActive: true };
      else if (reported === 'not_connected') state = { ...state, connected: true };
      else current = { ...current, priceTotalUsd: '1.00' };
    }
    expect(seen).toEqual(BLOCKING_CODE_VALUES.filter((value) => value !== 'digital_not_supported'));
  });
});

describe('listing failures', () => {
  it('name the slug and say what to do, with the platform message when there is one', () => {
    expect(listingFailure('price_not_set', 'Discogs')).toEqual({
      slug: 'price_not_set',
      message: 'Price not set',
      description: 'Set a price before listing.',
    });
    expect(listingFailure('marketplace_rejected', 'eBay', 'Item.Price is invalid.').message).toBe('Item.Price is invalid.');
    expect(listingFailure('connection_expired', 'Etsy').description).toBe('Reconnect your Etsy account, then retry.');
    expect(listingFailure('marketplace_unavailable', 'eBay').message).toBe('eBay could not be reached.');
  });

  it('a delisting starts from a live listing, a draft the platform holds, or a failed delisting', () => {
    expect(canDelist({ status: 'listed', listingId: '1' })).toBe(true);
    expect(canDelist({ status: 'delisting_failed', listingId: '1' })).toBe(true);
    expect(canDelist({ status: 'draft', listingId: '1' })).toBe(true);
    expect(canDelist({ status: 'draft', listingId: null })).toBe(false);
    for (const status of ['in_progress', 'delisting', 'delisted', 'listing_failed', 'sold']) {
      expect(canDelist({ status, listingId: '1' })).toBe(false);
    }
  });
});
