import { createHmac } from 'node:crypto';
import type { ListingDraft } from '../marketplace-adapter.js';
import {
  shopifyProductForImport,
  carrierCompany,
  conditionFromTags,
  hasValidHmac,
  hmacMessage,
  isShopDomain,
  moneyString,
  productSetInput,
  shopBaseUrl,
  shopifyOrderState,
  shopifyShippingAddress,
  throttleWaitSeconds,
} from './shopify.rules.js';

const draft: ListingDraft = {
  itemUid: 'inv_7Hq2LmZx',
  title: 'Kind of Blue',
  description: 'Original 1959 pressing.\n\nPlays <clean> & quiet.',
  priceUsd: '34.9',
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
  isDraft: true,
  settings: {},
};

describe('Shopify rules', () => {
  it('signs the callback query without hmac, its parameters sorted by name', () => {
    const query = new URLSearchParams({
      state: 's',
      shop: 'vinyl-vault.myshopify.com',
      code: 'c1',
      timestamp: '1700000000',
      hmac: 'x',
      host: 'YWRtaW4',
    });
    expect(hmacMessage(query)).toBe('code=c1&host=YWRtaW4&shop=vinyl-vault.myshopify.com&state=s&timestamp=1700000000');
    const hmac = createHmac('sha256', 'app-secret').update(hmacMessage(query)).digest('hex');
    query.set('hmac', hmac);
    expect(hasValidHmac(query, 'app-secret')).toBe(true);
    expect(hasValidHmac(query, 'another-secret')).toBe(false);
    query.set('shop', 'evil.myshopify.com');
    expect(hasValidHmac(query, 'app-secret')).toBe(false);
    expect(hasValidHmac(new URLSearchParams({ code: 'c', hmac: 'not-hex' }), 'app-secret')).toBe(false);
  });

  it('takes only myshopify.com domains, so the shop cannot point the base URL elsewhere', () => {
    expect(isShopDomain('vinyl-vault.myshopify.com')).toBe(true);
    for (const shop of [
      'vinyl-vault.example.com',
      '-x.myshopify.com',
      'a.b.myshopify.com',
      'evil.com/.myshopify.com',
      'Vinyl.myshopify.com',
      '',
    ]) {
      expect(isShopDomain(shop)).toBe(false);
    }
    expect(shopBaseUrl('http://127.0.0.1:9/shops/{shop}', 'vinyl-vault.myshopify.com')).toBe(
      'http://127.0.0.1:9/shops/vinyl-vault.myshopify.com',
    );
    expect(() => shopBaseUrl('https://{shop}', 'evil.com#')).toThrow();
  });

  it('maps a draft to productSet: our grades in the description and tags, the price a two-place decimal string, the SKU the item uid', () => {
    const input = productSetInput(
      draft,
      [{ resourceUrl: 'https://shopify-staged-uploads.storage.googleapis.com/tmp/1/kob.jpg', alt: 'Kind of Blue' }],
      'DRAFT',
    );
    expect(input).toMatchObject({
      title: 'Kind of Blue',
      vendor: 'Miles Davis',
      productType: 'Vinyl',
      status: 'DRAFT',
      tags: ['Vinyl', 'Miles Davis', 'Media: VG+', 'Sleeve: VG'],
      variants: [{ price: '34.90', sku: 'inv_7Hq2LmZx', optionValues: [{ optionName: 'Title', name: 'Default Title' }] }],
      files: [{ originalSource: 'https://shopify-staged-uploads.storage.googleapis.com/tmp/1/kob.jpg', contentType: 'IMAGE' }],
    });
    expect(input.descriptionHtml).toBe(
      '<p>Original 1959 pressing.</p><p>Plays &lt;clean&gt; &amp; quiet.</p><ul><li>Media condition: VG+</li><li>Sleeve condition: VG</li>' +
        '<li>Format: Vinyl</li><li>Artist: Miles Davis</li><li>Label: Columbia</li><li>Catalog number: CL 1355</li><li>Released: 1959</li></ul>',
    );
    expect(productSetInput({ ...draft, artist: null, format: null }, [], 'ACTIVE')).toMatchObject({
      vendor: 'Columbia',
      productType: 'physical',
      status: 'ACTIVE',
    });
    expect(conditionFromTags(['Vinyl', 'Media: VG+'])).toBe('vg_plus');
  });

  it("tracks the quantity at the seller's location when the settings name one, else leaves the variant untracked", () => {
    const [untracked] = productSetInput(draft, [], 'ACTIVE').variants as Array<Record<string, unknown>>;
    expect(untracked.inventoryItem).toEqual({ tracked: false, requiresShipping: true });
    expect(untracked.inventoryQuantities).toBeUndefined();
    const located = { ...draft, settings: { location_id: 'gid://shopify/Location/64' } };
    expect((productSetInput(located, [], 'ACTIVE').variants as unknown[])[0]).toMatchObject({
      inventoryPolicy: 'DENY',
      inventoryItem: { tracked: true },
      inventoryQuantities: [{ locationId: 'gid://shopify/Location/64', name: 'available', quantity: 1 }],
    });
    expect(conditionFromTags(['Media: Generic'])).toBeNull();
  });

  it('writes prices as Money strings', () => {
    expect(moneyString('35')).toBe('35.00');
    expect(moneyString('35.0')).toBe('35.00');
    expect(moneyString('34.99')).toBe('34.99');
    expect(() => moneyString('-1')).toThrow();
  });

  it('waits until the bucket refills with the points the throttled query asked for', () => {
    expect(
      throttleWaitSeconds({ requestedQueryCost: 202, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2, restoreRate: 100 } }),
    ).toBe(2);
    expect(throttleWaitSeconds({ requestedQueryCost: 150, throttleStatus: { currentlyAvailable: 0, restoreRate: 50 } })).toBe(3);
    expect(throttleWaitSeconds(undefined)).toBe(1);
  });

  it('names carriers as Shopify does', () => {
    expect(carrierCompany('usps')).toBe('USPS');
    expect(carrierCompany('royal_mail')).toBe('Royal Mail');
    expect(carrierCompany('pigeon')).toBe('Other');
  });

  it('reads where an order stands: cancelled, refunded or voided; fulfilled; paid; else unpaid', () => {
    const order = { cancelledAt: null, displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'UNFULFILLED' };
    expect(shopifyOrderState(order)).toBe('paid');
    expect(shopifyOrderState({ ...order, cancelledAt: '2026-11-02T00:00:00Z' })).toBe('cancelled');
    expect(shopifyOrderState({ ...order, displayFinancialStatus: 'REFUNDED' })).toBe('cancelled');
    expect(shopifyOrderState({ ...order, displayFulfillmentStatus: 'FULFILLED' })).toBe('shipped');
    expect(shopifyOrderState({ ...order, displayFinancialStatus: 'PARTIALLY_REFUNDED' })).toBe('paid');
    expect(shopifyOrderState({ ...order, displayFinancialStatus: 'PENDING' })).toBe('unpaid');
    expect(shopifyOrderState({ ...order, displayFinancialStatus: null })).toBe('unpaid');
  });

  it("reads the order's shipping address, with the order's email", () => {
    const address = {
      name: 'Ada Buyer',
      address1: '1 Main St',
      address2: null,
      city: 'Ottawa',
      provinceCode: 'ON',
      zip: 'K1A 0B1',
      countryCodeV2: 'CA',
      phone: '+16135550123',
    };
    expect(shopifyShippingAddress(address, 'ada@example.com')).toEqual({
      name: 'Ada Buyer',
      email: 'ada@example.com',
      phone: '+16135550123',
      street1: '1 Main St',
      street2: null,
      city: 'Ottawa',
      stateProvince: 'ON',
      postalCode: 'K1A 0B1',
      country: 'CA',
      raw: 'Ada Buyer\n1 Main St\nOttawa, ON K1A 0B1\nCA',
      parsed: address,
    });
    expect(shopifyShippingAddress(null, 'ada@example.com')).toBeNull();
  });
});

describe('Shopify products for an import', () => {
  /** A product as the import's products query selects it. */
  const product = {
    id: 'gid://shopify/Product/108828309',
    title: 'A Love Supreme',
    handle: 'a-love-supreme',
    status: 'ACTIVE' as const,
    tags: ['Vinyl', 'Media: VG+', 'Sleeve: VG'],
    vendor: 'John Coltrane',
    productType: 'Vinyl',
    descriptionHtml: '<p>Gatefold.</p><ul><li>Label: Impulse!</li><li>Catalog number: A-77</li><li>Released: 1965</li></ul>',
    totalInventory: 2,
    variants: { nodes: [{ id: 'gid://shopify/ProductVariant/1', sku: 'SH-1', price: '41.0', barcode: '011105015525' }] },
    media: { nodes: [{ image: { url: 'https://cdn.shopify.com/s/files/1/cover.jpg' } }, {}] },
  };

  it('reads the facts of the description, the grades of the tags, the vendor and the images', () => {
    expect(shopifyProductForImport(product, 'crate.myshopify.com', 'USD')).toMatchObject({
      listingId: 'gid://shopify/Product/108828309',
      externalId: 'SH-1',
      priceUsd: '41.00',
      quantity: 2,
      conditionItem: 'vg_plus',
      conditionContainer: 'vg',
      artist: 'John Coltrane',
      label: 'Impulse!',
      catalogNumber: 'A-77',
      releaseYear: '1965',
      format: 'Vinyl',
      barcode: '011105015525',
      pictureUrls: ['https://cdn.shopify.com/s/files/1/cover.jpg'],
      listingUrl: 'https://crate.myshopify.com/products/a-love-supreme',
    });
  });

  it('reads a grade from free text when the tags have none', () => {
    const listing = shopifyProductForImport(
      { ...product, tags: [], descriptionHtml: '<p>Media condition: NM</p>' },
      'crate.myshopify.com',
      'CAD',
    );
    expect(listing).toMatchObject({ conditionItem: 'nm', conditionContainer: null, currency: 'CAD' });
  });
});
