import {
  etsyListingForImport,
  decimalFromEtsyMoney,
  etsyCarrierName,
  etsyConditionLine,
  etsyDescription,
  etsyInventory,
  etsyInventoryWithPrice,
  etsyListingType,
  etsyOrderState,
  etsyPrice,
  etsyShippingAddress,
  etsyTaxonomyNames,
  etsyTitle,
  etsyWhenMade,
  listingStateFromEtsy,
} from './etsy.rules.js';

describe('Etsy rules', () => {
  describe('etsyTitle', () => {
    it('keeps an ordinary title as it is', () => {
      expect(etsyTitle('Miles Davis – Kind Of Blue (LP, 1959, Columbia CL 1355)')).toBe(
        'Miles Davis – Kind Of Blue (LP, 1959, Columbia CL 1355)',
      );
    });

    it('drops the characters Etsy refuses ($ ^ \\ ` and symbols that are not punctuation or mathematical)', () => {
      expect(etsyTitle('Rare $ Pressing ^ \\ `test` ★ LP™')).toBe('Rare Pressing test LP™');
    });

    it('keeps %, :, & and + once each; a second & reads "and"', () => {
      expect(etsyTitle('Simon & Garfunkel & Friends: Live: 100% + 50% + more')).toBe('Simon & Garfunkel and Friends: Live 100% + 50 more');
    });

    it('collapses whitespace and cuts to 140 characters on a word boundary', () => {
      const long = `${'Vinyl '.repeat(30)}end`;
      const cut = etsyTitle(`  Tab\there ${long}`);
      expect(cut.length).toBeLessThanOrEqual(140);
      expect(cut.startsWith('Tab here Vinyl')).toBe(true);
      expect(cut.endsWith('Vinyl')).toBe(true);
      expect(etsyTitle('x'.repeat(200))).toHaveLength(140);
    });

    it('leaves nothing of a title with nothing Etsy takes', () => {
      expect(etsyTitle('$$$ ^^^')).toBe('');
    });
  });

  describe('etsyWhenMade', () => {
    it.each([
      ['2024', '2020_2025'],
      ['2020-05-01', '2020_2025'],
      ['2015', '2010_2019'],
      ['2007', '2006_2009'],
      ['2003', '2000_2005'],
      ['1999', '1990s'],
      ['1959-08-17', '1950s'],
      ['1905', '1900s'],
      ['1877', '1800s'],
      ['1750', '1700s'],
      ['1650', 'before_1700'],
    ])('maps %s to %s', (year, whenMade) => {
      expect(etsyWhenMade(year)).toBe(whenMade);
    });

    it('has no answer without a year', () => {
      expect(etsyWhenMade(null)).toBeNull();
      expect(etsyWhenMade('unknown')).toBeNull();
      expect(etsyWhenMade('0000')).toBeNull();
    });
  });

  it('turns a decimal price into the number Etsy takes, and refuses what is not one', () => {
    expect(etsyPrice('34.99')).toBe(34.99);
    expect(etsyPrice(' 5 ')).toBe(5);
    expect(() => etsyPrice('34.999')).toThrow(RangeError);
    expect(() => etsyPrice('-1')).toThrow(RangeError);
    expect(() => etsyPrice('abc')).toThrow(RangeError);
  });

  it("reads Etsy's Money as a decimal string", () => {
    expect(decimalFromEtsyMoney({ amount: 3499, divisor: 100 })).toBe('34.99');
    expect(decimalFromEtsyMoney({ amount: 500, divisor: 100 })).toBe('5.00');
    expect(decimalFromEtsyMoney({ amount: 12345, divisor: 1000 })).toBe('12.345');
    expect(decimalFromEtsyMoney(null)).toBe('0.00');
  });

  it('writes our grades as a description line, Etsy having no condition field', () => {
    expect(etsyConditionLine('nm', 'vg_plus')).toBe('Condition: Media Near Mint (NM), Sleeve Very Good Plus (VG+)');
    expect(etsyConditionLine('vg', 'generic')).toBe('Condition: Media Very Good (VG), Sleeve Generic');
    expect(etsyConditionLine(null, null)).toBeNull();
    expect(etsyDescription('Original pressing.', 'mint', null)).toBe('Original pressing.\n\nCondition: Media Mint (M)');
    expect(etsyDescription('  ', 'poor', 'no_cover')).toBe('Condition: Media Poor (P), Sleeve No Cover');
    expect(etsyDescription('As is.', null, null)).toBe('As is.');
  });

  it('names the taxonomy node of each format, Music when nothing closer', () => {
    expect(etsyTaxonomyNames('Vinyl')).toEqual(['Vinyl', 'Music']);
    expect(etsyTaxonomyNames('LP')).toEqual(['Vinyl', 'Music']);
    expect(etsyTaxonomyNames('CD')).toEqual(['CDs', 'Music']);
    expect(etsyTaxonomyNames('Cassette')).toEqual(['Cassettes', 'Music']);
    expect(etsyTaxonomyNames('Print')).toEqual(['Music']);
    expect(etsyTaxonomyNames(null)).toEqual(['Music']);
  });

  it('maps product types, carriers and listing states', () => {
    expect(etsyListingType('physical')).toBe('physical');
    expect(etsyListingType('digital')).toBe('download');
    expect(etsyCarrierName('usps')).toBe('usps');
    expect(etsyCarrierName('royal_mail')).toBe('royal-mail');
    expect(etsyCarrierName('pigeon')).toBe('other');
    expect(listingStateFromEtsy('active')).toBe('listed');
    expect(listingStateFromEtsy('draft')).toBe('draft');
    expect(listingStateFromEtsy('sold_out')).toBe('sold');
    expect(listingStateFromEtsy('inactive')).toBe('ended');
    expect(listingStateFromEtsy('expired')).toBe('ended');
  });

  it('builds the one-product inventory with our SKU, and reprices what Etsy holds in the shape it takes back', () => {
    expect(etsyInventory('it_abc', '19.50', 1)).toEqual({
      products: [{ sku: 'it_abc', property_values: [], offerings: [{ price: 19.5, quantity: 1, is_enabled: true }] }],
      price_on_property: [],
      quantity_on_property: [],
      sku_on_property: [],
    });
    const held = {
      products: [
        {
          product_id: 1,
          sku: 'it_abc',
          is_deleted: false,
          property_values: [],
          offerings: [{ offering_id: 2, quantity: 1, is_enabled: true, is_deleted: false, price: { amount: 1950, divisor: 100 } }],
        },
      ],
      price_on_property: [],
      quantity_on_property: [],
      sku_on_property: [],
    };
    expect(etsyInventoryWithPrice(held, '24.00')).toEqual({
      products: [{ sku: 'it_abc', property_values: [], offerings: [{ price: 24, quantity: 1, is_enabled: true }] }],
      price_on_property: [],
      quantity_on_property: [],
      sku_on_property: [],
    });
  });

  describe('orders', () => {
    it('reads where a receipt stands', () => {
      expect(etsyOrderState('Canceled', false)).toBe('cancelled');
      expect(etsyOrderState('Fully Refunded', true)).toBe('cancelled');
      expect(etsyOrderState('paid', true)).toBe('shipped');
      expect(etsyOrderState('Completed', false)).toBe('shipped');
      expect(etsyOrderState('Paid', false)).toBe('paid');
      expect(etsyOrderState('Partially Refunded', false)).toBe('paid');
      expect(etsyOrderState('Open', false)).toBe('unpaid');
    });

    it("reads the receipt's ship-to; the formatted address is the raw one", () => {
      expect(
        etsyShippingAddress({
          name: 'Ann Buyer',
          buyer_email: 'ann@example.com',
          first_line: '1 Main St',
          second_line: null,
          city: 'Springfield',
          state: 'IL',
          zip: '62701',
          country_iso: 'us',
          formatted_address: 'Ann Buyer\n1 Main St\nSPRINGFIELD, IL 62701\nUnited States',
        }),
      ).toMatchObject({
        name: 'Ann Buyer',
        email: 'ann@example.com',
        street1: '1 Main St',
        street2: null,
        city: 'Springfield',
        stateProvince: 'IL',
        postalCode: '62701',
        country: 'US',
        raw: 'Ann Buyer\n1 Main St\nSPRINGFIELD, IL 62701\nUnited States',
      });
      expect(etsyShippingAddress({ name: 'Ann', city: 'Springfield', zip: '62701' })?.raw).toBe('Ann\nSpringfield, 62701');
      expect(etsyShippingAddress({ name: 'Ann' })).toBeNull();
    });
  });
});

describe('Etsy listings for an import', () => {
  /** A ShopListing of getListingsByShop with `includes=Images`. */
  const listing = {
    listing_id: 1234567890,
    title: 'Miles Davis Kind Of Blue LP 1959 Columbia',
    description: 'Six-eye label.\n\nCondition: Media Near Mint (NM), Sleeve VG+',
    state: 'active',
    quantity: 1,
    skus: ['CRATE-3'],
    tags: ['vinyl', 'jazz'],
    price: { amount: 3499, divisor: 100, currency_code: 'USD' },
    images: [
      { rank: 2, url_fullxfull: 'https://i.etsystatic.com/2/il_fullxfull.jpg' },
      { rank: 1, url_fullxfull: 'https://i.etsystatic.com/1/il_fullxfull.jpg' },
    ],
  };

  it('reads the grades from the description, the format from the title and tags, and the pictures by rank', () => {
    expect(etsyListingForImport(listing, 'https://www.etsy.com/listing/1234567890', '31400001')).toMatchObject({
      listingId: '1234567890',
      externalId: 'CRATE-3',
      priceUsd: '34.99',
      currency: 'USD',
      conditionItem: 'nm',
      conditionContainer: 'vg_plus',
      format: 'Vinyl',
      pictureUrls: ['https://i.etsystatic.com/1/il_fullxfull.jpg', 'https://i.etsystatic.com/2/il_fullxfull.jpg'],
      details: { shop_id: '31400001' },
    });
  });
});
