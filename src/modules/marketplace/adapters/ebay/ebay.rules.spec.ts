import type { ListingDraft } from '../marketplace-adapter.js';
import {
  ebayListingForImport,
  formatFromEbay,
  aspects,
  categoryIdFor,
  conditionDescription,
  ebayCarrierCode,
  ebayCondition,
  ebayErrorIds,
  ebayErrorMessage,
  gradeFromEbay,
  inventoryItemBody,
  ebayOrderState,
  ebayShippingAddress,
  isActiveOffer,
  offerBody,
  offerWithPrice,
  productIdentifiers,
  remoteOrder,
  shippedLineItems,
} from './ebay.rules.js';

const draft: ListingDraft = {
  itemUid: 'inv_7Hq2LmN4pQ8rS1tU',
  title: 'Miles Davis - Kind Of Blue',
  description: 'Plays clean.',
  priceUsd: '34.99',
  quantity: 1,
  conditionItem: 'vg_plus',
  conditionContainer: 'generic',
  productType: 'physical',
  format: 'Vinyl',
  artist: 'Miles Davis',
  label: 'Columbia',
  catalogNumber: null,
  barcode: null,
  releaseYear: '1959-08-17',
  pictures: [],
  isDraft: false,
  settings: {},
};

describe('eBay rules', () => {
  it('maps each Goldmine grade to an eBay condition, only Mint being new', () => {
    expect(ebayCondition('mint')).toBe('NEW');
    expect(ebayCondition('nm')).toBe('LIKE_NEW');
    expect(ebayCondition('vg_plus')).toBe('USED_EXCELLENT');
    expect(ebayCondition('vg')).toBe('USED_VERY_GOOD');
    expect(ebayCondition('good_plus')).toBe('USED_GOOD');
    expect(ebayCondition('good')).toBe('USED_GOOD');
    expect(ebayCondition('fair')).toBe('USED_ACCEPTABLE');
    expect(ebayCondition('poor')).toBe('USED_ACCEPTABLE');
    expect(ebayCondition(null)).toBeNull();
  });

  it('writes the grades in words in the condition description, and reads the exact grade back from it', () => {
    expect(conditionDescription('nm', 'vg_plus')).toBe('Media: Near Mint (NM or M-). Sleeve: Very Good Plus (VG+).');
    expect(conditionDescription(null, 'no_cover')).toBe('Sleeve: No Cover.');
    expect(conditionDescription(null, null)).toBeNull();
    expect(gradeFromEbay('USED_GOOD', 'Media: Good (G). Sleeve: Fair (F).')).toBe('good');
    expect(gradeFromEbay('USED_EXCELLENT', 'Media: Very Good Plus (VG+).')).toBe('vg_plus');
    expect(gradeFromEbay('USED_GOOD', 'Some scuffs')).toBe('good_plus');
    expect(gradeFromEbay('FOR_PARTS_OR_NOT_WORKING', undefined)).toBeNull();
  });

  it("takes the seller's category, else the music category of the format", () => {
    expect(categoryIdFor('Vinyl', {})).toBe('176985');
    expect(categoryIdFor('12" Single', {})).toBe('176985');
    expect(categoryIdFor('CD', {})).toBe('176984');
    expect(categoryIdFor('Cassette', {})).toBe('176983');
    expect(categoryIdFor('Print', {})).toBe('11233');
    expect(categoryIdFor(null, {})).toBe('11233');
    expect(categoryIdFor('Vinyl', { category_id: '261186' })).toBe('261186');
    expect(categoryIdFor('Vinyl', { category_id: 176984 })).toBe('176984');
    expect(categoryIdFor('Vinyl', { category_id: ' ' })).toBe('176985');
  });

  it('sends a 12-digit barcode as UPC, a 13-digit one as EAN, and nothing else', () => {
    expect(productIdentifiers('0 74646-93522 3')).toEqual({ upc: ['074646935223'] });
    expect(productIdentifiers('5099749534728')).toEqual({ ean: ['5099749534728'] });
    expect(productIdentifiers('CS 8163')).toEqual({});
    expect(productIdentifiers(null)).toEqual({});
  });

  it('names the item specifics of the music categories, leaving out what is unknown', () => {
    expect(aspects(draft)).toEqual({ Artist: ['Miles Davis'], 'Record Label': ['Columbia'], Format: ['Record'], 'Release Year': ['1959'] });
    expect(aspects({ ...draft, artist: ' ', label: null, format: null, releaseYear: null })).toEqual({});
  });

  it('builds the inventory item, with the title cut to the 80 characters eBay takes', () => {
    const long = 'A'.repeat(100);
    const body = inventoryItemBody({ ...draft, title: long, conditionItem: null, conditionContainer: null }, [
      'https://i.ebayimg.com/1.jpg',
    ]);
    expect(body).not.toHaveProperty('condition');
    expect(body).not.toHaveProperty('conditionDescription');
    const product = body.product as { title: string; imageUrls: string[] };
    expect(Array.from(product.title)).toHaveLength(80);
    expect(product.title.endsWith('…')).toBe(true);
    expect(product.imageUrls).toEqual(['https://i.ebayimg.com/1.jpg']);
  });

  it('builds a fixed-price US offer in dollars', () => {
    const policies = { fulfillmentPolicyId: 'f', paymentPolicyId: 'p', returnPolicyId: 'r' };
    expect(offerBody(draft, { listingPolicies: policies, merchantLocationKey: 'home' })).toMatchObject({
      sku: draft.itemUid,
      marketplaceId: 'EBAY_US',
      format: 'FIXED_PRICE',
      categoryId: '176985',
      pricingSummary: { price: { value: '34.99', currency: 'USD' } },
    });
  });

  it('sends an offer back with a new price and without the fields updateOffer does not take', () => {
    const offer = {
      offerId: '1',
      sku: 's',
      marketplaceId: 'EBAY_US',
      format: 'FIXED_PRICE',
      status: 'PUBLISHED',
      listing: { listingId: '2' },
      categoryId: '176985',
      pricingSummary: { price: { value: '10.00', currency: 'USD' }, minimumAdvertisedPrice: { value: '9.00', currency: 'USD' } },
    };
    expect(offerWithPrice(offer, '12.50')).toEqual({
      categoryId: '176985',
      pricingSummary: { price: { value: '12.50', currency: 'USD' }, minimumAdvertisedPrice: { value: '9.00', currency: 'USD' } },
    });
  });

  it('counts only published offers with a live listing as active', () => {
    expect(isActiveOffer({ offerId: '1', sku: 's', status: 'PUBLISHED', listing: { listingId: '2', listingStatus: 'ACTIVE' } })).toBe(true);
    expect(isActiveOffer({ offerId: '1', sku: 's', status: 'PUBLISHED', listing: { listingId: '2', listingStatus: 'ENDED' } })).toBe(false);
    expect(isActiveOffer({ offerId: '1', sku: 's', status: 'UNPUBLISHED' })).toBe(false);
  });

  it("maps our carriers to eBay's carrier codes, anything unknown as Other", () => {
    expect(ebayCarrierCode('usps')).toBe('USPS');
    expect(ebayCarrierCode('fedex')).toBe('FedEx');
    expect(ebayCarrierCode('royal_mail')).toBe('RoyalMail');
    expect(ebayCarrierCode('pigeon')).toBe('Other');
  });

  it('reads an order: a cancelled one says so, the ship-to name stands in for a missing buyer name', () => {
    const order = remoteOrder({
      orderId: '1',
      creationDate: '2026-11-01T00:00:00.000Z',
      orderFulfillmentStatus: 'NOT_STARTED',
      cancelStatus: { cancelState: 'CANCELED' },
      fulfillmentStartInstructions: [{ shippingStep: { shipTo: { fullName: 'Ann Buyer' } } }],
      lineItems: [{ lineItemId: '9', quantity: 2 }],
    });
    expect(order).toMatchObject({ status: 'CANCELED', buyerName: 'Ann Buyer', buyerEmail: null, shippingUsd: null, feesUsd: null });
    expect(shippedLineItems(order.details)).toEqual([{ lineItemId: '9', quantity: 2 }]);
    expect(shippedLineItems({})).toBeNull();
    expect(shippedLineItems({ line_items: [{ quantity: 1 }] })).toBeNull();
  });

  it('reads where an order stands: cancelled or fully refunded, shipped, unpaid, else paid', () => {
    expect(ebayOrderState({ cancelStatus: { cancelState: 'CANCELED' }, orderFulfillmentStatus: 'NOT_STARTED' })).toBe('cancelled');
    expect(ebayOrderState({ orderPaymentStatus: 'FULLY_REFUNDED', orderFulfillmentStatus: 'FULFILLED' })).toBe('cancelled');
    expect(ebayOrderState({ orderPaymentStatus: 'PAID', orderFulfillmentStatus: 'FULFILLED' })).toBe('shipped');
    expect(ebayOrderState({ orderPaymentStatus: 'PENDING', orderFulfillmentStatus: 'NOT_STARTED' })).toBe('unpaid');
    expect(ebayOrderState({ orderPaymentStatus: 'PAID', orderFulfillmentStatus: 'NOT_STARTED' })).toBe('paid');
    expect(ebayOrderState({ orderPaymentStatus: 'PARTIALLY_REFUNDED', orderFulfillmentStatus: 'IN_PROGRESS' })).toBe('paid');
  });

  it("reads the ship-to as an address, its lines joined as the raw address; the line's SKU is kept", () => {
    const shipTo = {
      fullName: 'John Doe',
      email: 'john@example.com',
      primaryPhone: { phoneNumber: '+15551234567' },
      contactAddress: {
        addressLine1: '123 Main St',
        addressLine2: 'Apt 4B',
        city: 'Los Angeles',
        stateOrProvince: 'CA',
        postalCode: '90001',
        countryCode: 'us',
      },
    };
    expect(ebayShippingAddress(shipTo)).toEqual({
      name: 'John Doe',
      email: 'john@example.com',
      phone: '+15551234567',
      street1: '123 Main St',
      street2: 'Apt 4B',
      city: 'Los Angeles',
      stateProvince: 'CA',
      postalCode: '90001',
      country: 'US',
      raw: 'John Doe\n123 Main St\nApt 4B\nLos Angeles, CA 90001\nus',
      parsed: shipTo.contactAddress,
    });
    expect(ebayShippingAddress(undefined)).toBeNull();
    const order = remoteOrder({
      orderId: '2',
      creationDate: '2026-11-01T00:00:00.000Z',
      fulfillmentStartInstructions: [{ shippingStep: { shipTo } }],
      lineItems: [{ lineItemId: '9', sku: 'inv_abc', legacyItemId: '110', quantity: 1 }],
    });
    expect(order).toMatchObject({ state: 'paid', platformFeeUsd: null, shippingAddress: { name: 'John Doe', city: 'Los Angeles' } });
    expect(order.lines[0]).toMatchObject({ listingId: '110', sku: 'inv_abc', externalId: 'inv_abc' });
  });

  it("turns eBay's error body into one message with the error ids", () => {
    const body = {
      errors: [
        { errorId: 25709, domain: 'API_INVENTORY', category: 'REQUEST', message: 'Invalid value for price.' },
        { errorId: 25002, message: '', longMessage: 'Offer entity already exists.' },
      ],
    };
    expect(ebayErrorMessage(body)).toBe('Invalid value for price. (eBay error 25709) Offer entity already exists. (eBay error 25002)');
    expect(ebayErrorIds(body)).toEqual([25709, 25002]);
    expect(ebayErrorMessage({ error: 'invalid_grant' })).toBeNull();
    expect(ebayErrorMessage(null)).toBeNull();
  });
});

describe('eBay listings for an import', () => {
  /** An inventory item and its offer as getInventoryItems and getOffers answer them. */
  const item = {
    sku: 'SHELF-7',
    locale: 'en_US',
    product: {
      title: 'John Coltrane - Blue Train LP Blue Note 1577',
      description: 'Original pressing.',
      aspects: {
        Artist: ['John Coltrane'],
        'Record Label': ['Blue Note'],
        Format: ['Record'],
        'Release Year': ['1958'],
        'Catalog Number': ['BLP 1577'],
      },
      upc: ['602537544004'],
      imageUrls: ['https://i.ebayimg.com/images/g/abc/s-l1600.jpg'],
    },
    condition: 'USED_EXCELLENT',
    conditionDescription: 'Media: Near Mint (NM or M-). Sleeve: Very Good (VG).',
    availability: { shipToLocationAvailability: { quantity: 1 } },
  };
  const offer = {
    offerId: '5000000001',
    sku: 'SHELF-7',
    marketplaceId: 'EBAY_US',
    format: 'FIXED_PRICE',
    availableQuantity: 1,
    pricingSummary: { price: { value: '24.50', currency: 'USD' } },
    listing: { listingId: '110000000002', listingStatus: 'ACTIVE' },
    status: 'PUBLISHED',
  };

  it('maps the item specifics, the grades we wrote, the UPC and the EPS pictures', () => {
    expect(ebayListingForImport(item, offer)).toMatchObject({
      listingId: '110000000002',
      externalId: 'SHELF-7',
      priceUsd: '24.50',
      currency: 'USD',
      conditionItem: 'nm',
      conditionContainer: 'vg',
      artist: 'John Coltrane',
      label: 'Blue Note',
      catalogNumber: 'BLP 1577',
      releaseYear: '1958',
      format: 'Vinyl',
      barcode: '602537544004',
      pictureUrls: ['https://i.ebayimg.com/images/g/abc/s-l1600.jpg'],
      details: { sku: 'SHELF-7', offer_id: '5000000001' },
    });
  });

  it('falls back on the condition enum when the description is not ours', () => {
    const listing = ebayListingForImport({ ...item, conditionDescription: 'Plays great', condition: 'USED_VERY_GOOD' }, offer);
    expect(listing.conditionItem).toBe('vg');
    expect(listing.conditionContainer).toBeNull();
    expect(formatFromEbay('CD')).toBe('CD');
  });
});
