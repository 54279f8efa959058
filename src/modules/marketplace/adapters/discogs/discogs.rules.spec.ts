import type { ListingDraft } from '../marketplace-adapter.js';
import {
  discogsCursor,
  discogsListingForImport,
  formatFromDiscogs,
  parseDiscogsCursor,
  chosenReleaseId,
  DISCOGS_MEDIA_CONDITIONS,
  DISCOGS_SLEEVE_CONDITIONS,
  discogsOrderState,
  discogsPrice,
  discogsShippingAddress,
  listingBody,
  listingDetails,
  listingStateFromDiscogs,
  mediaConditionFromDiscogs,
  noReleaseMessage,
  oauthPlaintextHeader,
  priceFromDiscogs,
  releaseSearchQuery,
  shipmentMessage,
  sleeveConditionFromDiscogs,
  UnlistableDraft,
} from './discogs.rules.js';

function draft(fields: Partial<ListingDraft> = {}): ListingDraft {
  return {
    itemUid: 'inv_abc123',
    title: 'Miles Davis - Kind Of Blue',
    description: 'Plays through clean.',
    priceUsd: '34.99',
    quantity: 1,
    conditionItem: 'vg_plus',
    conditionContainer: 'vg',
    productType: 'physical',
    format: 'Vinyl',
    artist: 'Miles Davis',
    label: 'Columbia',
    catalogNumber: 'CL 1355',
    barcode: null,
    releaseYear: '1959',
    pictures: [],
    isDraft: false,
    settings: {},
    ...fields,
  };
}

describe('Discogs conditions', () => {
  it('writes every grade as the exact Discogs string and reads it back', () => {
    expect(DISCOGS_MEDIA_CONDITIONS).toEqual({
      mint: 'Mint (M)',
      nm: 'Near Mint (NM or M-)',
      vg_plus: 'Very Good Plus (VG+)',
      vg: 'Very Good (VG)',
      good_plus: 'Good Plus (G+)',
      good: 'Good (G)',
      fair: 'Fair (F)',
      poor: 'Poor (P)',
    });
    for (const [code, name] of Object.entries(DISCOGS_MEDIA_CONDITIONS)) expect(mediaConditionFromDiscogs(name)).toBe(code);
    for (const [code, name] of Object.entries(DISCOGS_SLEEVE_CONDITIONS)) expect(sleeveConditionFromDiscogs(name)).toBe(code);
  });

  it('has the sleeve states on the sleeve scale only; unknown strings are null', () => {
    expect(DISCOGS_SLEEVE_CONDITIONS).toMatchObject({ generic: 'Generic', not_graded: 'Not Graded', no_cover: 'No Cover' });
    expect(mediaConditionFromDiscogs('Generic')).toBeNull();
    expect(sleeveConditionFromDiscogs('No Cover')).toBe('no_cover');
    expect(mediaConditionFromDiscogs('Excellent')).toBeNull();
    expect(mediaConditionFromDiscogs(null)).toBeNull();
  });
});

describe('Discogs prices and states', () => {
  it('sends a decimal string as a number, and refuses what is no positive price', () => {
    expect(discogsPrice('34.99')).toBe(34.99);
    expect(discogsPrice('12')).toBe(12);
    expect(discogsPrice('0.00')).toBeNull();
    expect(discogsPrice('-3')).toBeNull();
    expect(discogsPrice('1e3')).toBeNull();
  });

  it('reads a Discogs price object as a decimal string', () => {
    expect(priceFromDiscogs({ value: 12.5, currency: 'USD' })).toBe('12.50');
    expect(priceFromDiscogs({ value: 30, currency: 'USD' })).toBe('30.00');
    expect(priceFromDiscogs(undefined)).toBe('0.00');
  });

  it('maps listing statuses', () => {
    expect(listingStateFromDiscogs('For Sale')).toBe('listed');
    expect(listingStateFromDiscogs('Draft')).toBe('draft');
    expect(listingStateFromDiscogs('Sold')).toBe('sold');
    expect(listingStateFromDiscogs('Expired')).toBe('ended');
  });
});

describe('Discogs releases', () => {
  it("takes the seller's release id as a number or digits", () => {
    expect(chosenReleaseId({ release_id: 1234 })).toBe(1234);
    expect(chosenReleaseId({ release_id: ' 1234 ' })).toBe(1234);
    expect(chosenReleaseId({ release_id: 'r1234' })).toBeNull();
    expect(chosenReleaseId({ release_id: 0 })).toBeNull();
    expect(chosenReleaseId({})).toBeNull();
  });

  it('searches releases by catalog number and barcode, narrowed by artist', () => {
    expect(Object.fromEntries(releaseSearchQuery(draft({ barcode: '074646393528' }))!)).toEqual({
      type: 'release',
      catno: 'CL 1355',
      barcode: '074646393528',
      artist: 'Miles Davis',
      per_page: '1',
    });
    expect(Object.fromEntries(releaseSearchQuery(draft({ catalogNumber: null, barcode: '0746', artist: null }))!)).toEqual({
      type: 'release',
      barcode: '0746',
      per_page: '1',
    });
    expect(releaseSearchQuery(draft({ catalogNumber: ' ', barcode: null }))).toBeNull();
  });

  it('says what was searched when nothing matches', () => {
    expect(noReleaseMessage(draft({ barcode: '0746' }))).toBe(
      'No Discogs release matches catalog number CL 1355 / barcode 0746: set marketplace_details.release_id.',
    );
    expect(noReleaseMessage(draft({ catalogNumber: null }))).toMatch(/^No Discogs release matches this item \(it has no catalog/);
  });
});

describe('Discogs listing bodies', () => {
  it('builds the listing from the draft and the seller settings', () => {
    const body = listingBody(
      draft({ settings: { allow_offers: true, location: 'Crate 4', weight: '230', format_quantity: 'auto', other: 'x' } }),
      1234,
      'For Sale',
    );
    expect(body).toEqual({
      release_id: 1234,
      condition: 'Very Good Plus (VG+)',
      sleeve_condition: 'Very Good (VG)',
      price: 34.99,
      status: 'For Sale',
      comments: 'Plays through clean.',
      allow_offers: true,
      external_id: 'inv_abc123',
      location: 'Crate 4',
      weight: 230,
      format_quantity: 'auto',
    });
    expect(listingDetails(body)).toEqual({
      release_id: 1234,
      condition: 'Very Good Plus (VG+)',
      sleeve_condition: 'Very Good (VG)',
      status: 'For Sale',
    });
  });

  it('leaves out what the draft does not have, and refuses an ungraded or unpriced item', () => {
    const body = listingBody(draft({ conditionContainer: null, description: '' }), 1, 'Draft');
    expect(body).not.toHaveProperty('sleeve_condition');
    expect(body).not.toHaveProperty('comments');
    expect(() => listingBody(draft({ conditionItem: null }), 1, 'Draft')).toThrow(UnlistableDraft);
    expect(() => listingBody(draft({ priceUsd: '0' }), 1, 'Draft')).toThrow(/positive price/);
  });
});

describe('Discogs OAuth and shipping', () => {
  it('builds the PLAINTEXT Authorization header Discogs documents', () => {
    const header = oauthPlaintextHeader({
      consumerKey: 'key',
      consumerSecret: 'secret',
      callback: 'https://shop.example.com/cb/?state=a.b',
      nonce: 'n1',
      timestamp: 1700000000,
    });
    expect(header).toBe(
      'OAuth oauth_consumer_key="key", oauth_nonce="n1", oauth_signature_method="PLAINTEXT", oauth_timestamp="1700000000", ' +
        'oauth_version="1.0", oauth_callback="https%3A%2F%2Fshop.example.com%2Fcb%2F%3Fstate%3Da.b", oauth_signature="secret&"',
    );
    expect(
      oauthPlaintextHeader({
        consumerKey: 'k',
        consumerSecret: 's',
        token: 't',
        tokenSecret: 'ts',
        verifier: 'v',
        nonce: 'n',
        timestamp: 1,
      }),
    ).toContain('oauth_token="t", oauth_verifier="v", oauth_signature="s&ts"');
  });

  it('tells the buyer the carrier and the tracking number', () => {
    const shippedAt = new Date('2026-12-03T10:00:00Z');
    expect(shipmentMessage({ carrier: 'usps', trackingNumber: '9400 1', shippedAt })).toBe(
      'Your order was shipped on 2026-12-03 with USPS. Tracking number: 9400 1',
    );
    expect(shipmentMessage({ carrier: 'other', trackingNumber: 'X1', shippedAt })).toBe(
      'Your order was shipped on 2026-12-03. Tracking number: X1',
    );
  });

  it('reads where an order stands from its status', () => {
    expect(discogsOrderState('Cancelled (Non-Paying Buyer)')).toBe('cancelled');
    expect(discogsOrderState('Refund Sent')).toBe('cancelled');
    expect(discogsOrderState('Shipped')).toBe('shipped');
    expect(discogsOrderState('Payment Received')).toBe('paid');
    expect(discogsOrderState('In Progress')).toBe('paid');
    expect(discogsOrderState('Invoice Sent')).toBe('unpaid');
    expect(discogsOrderState('New Order')).toBe('unpaid');
  });

  it('reads the free-text shipping address: name, street, city; the text kept whole', () => {
    expect(discogsShippingAddress('Ann Buyer\n1 Main St\nFlat 2\nSpringfield')).toMatchObject({
      name: 'Ann Buyer',
      street1: '1 Main St',
      street2: 'Flat 2',
      city: 'Springfield',
      raw: 'Ann Buyer\n1 Main St\nFlat 2\nSpringfield',
      parsed: { lines: ['Ann Buyer', '1 Main St', 'Flat 2', 'Springfield'] },
    });
    expect(discogsShippingAddress('Ann Buyer')).toMatchObject({ name: 'Ann Buyer', street1: null, city: null });
    expect(discogsShippingAddress('  ')).toBeNull();
    expect(discogsShippingAddress(undefined)).toBeNull();
  });
});

describe('Discogs listings for an import', () => {
  /** An inventory listing as Discogs documents `GET /users/{username}/inventory` answering its owner. */
  const documented = {
    status: 'For Sale',
    price: { currency: 'USD', value: 149.99 },
    allow_offers: false,
    sleeve_condition: 'Very Good Plus (VG+)',
    id: 150899904,
    condition: 'Near Mint (NM or M-)',
    posted: '2014-07-15T12:55:01-07:00',
    ships_from: 'United States',
    uri: 'https://www.discogs.com/sell/item/150899904',
    comments: 'Includes promotional booklet.',
    external_id: 'SHELF-12',
    release: {
      catalog_number: 'MOVLP1009',
      resource_url: 'https://api.discogs.com/releases/5610049',
      year: 2014,
      id: 5610049,
      description: 'LCD Soundsystem - Sound Of Silver (2xLP, Album, RE, 180)',
      artist: 'LCD Soundsystem',
      title: 'Sound Of Silver',
      format: '2xLP, Album, RE, 180',
      thumbnail: 'https://i.discogs.com/thumb/R-5610049.jpeg',
    },
  };

  it('maps the release, the grades, the SKU and the picture', () => {
    expect(discogsListingForImport(documented)).toMatchObject({
      listingId: '150899904',
      externalId: 'SHELF-12',
      title: 'Sound Of Silver',
      priceUsd: '149.99',
      currency: 'USD',
      state: 'listed',
      conditionItem: 'nm',
      conditionContainer: 'vg_plus',
      artist: 'LCD Soundsystem',
      catalogNumber: 'MOVLP1009',
      releaseYear: '2014',
      format: 'Vinyl',
      description: 'Includes promotional booklet.',
      pictureUrls: ['https://i.discogs.com/thumb/R-5610049.jpeg'],
      details: { release_id: 5610049, condition: 'Near Mint (NM or M-)', sleeve_condition: 'Very Good Plus (VG+)', status: 'For Sale' },
    });
  });

  it('prefers the primary image, reads an unknown year as none and CDs and cassettes as such', () => {
    const listing = discogsListingForImport({
      ...documented,
      release: {
        ...documented.release,
        year: 0,
        images: [
          { type: 'secondary', uri: 'https://i.discogs.com/2.jpeg' },
          { type: 'primary', uri: 'https://i.discogs.com/1.jpeg' },
        ],
      },
    });
    expect(listing.pictureUrls).toEqual(['https://i.discogs.com/1.jpeg', 'https://i.discogs.com/2.jpeg']);
    expect(listing.releaseYear).toBeNull();
    expect(formatFromDiscogs('CD, Comp')).toBe('CD');
    expect(formatFromDiscogs('Cass, Album')).toBe('Cassette');
    expect(formatFromDiscogs('7", Single')).toBe('Vinyl');
  });

  it('keeps the inventory page and username in its cursor', () => {
    expect(parseDiscogsCursor(discogsCursor(3, 'vinyl_vault'))).toEqual({ page: 3, username: 'vinyl_vault' });
    expect(parseDiscogsCursor('garbage')).toBeNull();
  });
});
