import { loadConfig } from '../../src/config/app-config.js';
import type { ListingDraft } from '../../src/modules/marketplace/adapters/marketplace-adapter.js';
import { MarketplaceError } from '../../src/modules/marketplace/adapters/marketplace-error.js';
import { EbayAdapter } from '../../src/modules/marketplace/adapters/ebay/ebay.adapter.js';
import { type FakeEbay, type FakeEbayOrder, startFakeEbay } from '../support/fake-ebay.js';
import { type RecordedSellerSession, sellerSession } from '../support/seller-session.js';
import { callPacer } from '../support/call-pacer.js';
import { EBAY_APP, marketplaceEnv } from '../support/listing-setup.js';

const SELLER = { userId: 'nY2kD8xQ', username: 'vinyl_vault_ebay' };
const PICTURE = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

function draft(fields: Partial<ListingDraft> = {}): ListingDraft {
  return {
    itemUid: 'inv_7Hq2LmN4pQ8rS1tU',
    title: 'Miles Davis - Kind Of Blue (LP, Album, Reissue, 180g)',
    description: 'Original sleeve, light ring wear. Plays clean.',
    priceUsd: '34.99',
    quantity: 1,
    conditionItem: 'nm',
    conditionContainer: 'vg_plus',
    productType: 'physical',
    format: 'Vinyl',
    artist: 'Miles Davis',
    label: 'Columbia',
    catalogNumber: 'CS 8163',
    barcode: '0 74646 93522 3'.replace(/ /g, ''),
    releaseYear: '1959',
    pictures: [{ data: PICTURE, contentType: 'image/jpeg', fileName: 'front.jpg' }],
    isDraft: true,
    settings: {},
    ...fields,
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('eBay adapter against the fake eBay (integration)', () => {
  let ebay: FakeEbay;
  let adapter: EbayAdapter;
  let sequence = 0;

  beforeAll(async () => {
    ebay = await startFakeEbay(EBAY_APP);
    adapter = new EbayAdapter(loadConfig(marketplaceEnv({ ebay })), callPacer());
  });
  afterAll(async () => {
    await ebay?.close();
  });

  /** A connected seller whose access token is valid for another two hours. */
  const connected = (tokenExpiresAt: Date | null = new Date(Date.now() + 2 * 3_600_000)): RecordedSellerSession => {
    const { accessToken, refreshToken } = ebay.issueTokens(SELLER);
    return sellerSession({
      credentials: { accessToken, refreshToken, refreshTokenExpiresAt: null },
      tokenExpiresAt,
      externalUserId: SELLER.userId,
    });
  };
  const uniqueSku = () => `inv_Test${String((sequence += 1)).padStart(12, '0')}`;
  const callsFrom = (index: number) => ebay.calls.slice(index).map((call) => `${call.method} ${call.path}`);

  it('creates a draft: the picture uploaded as bytes, the inventory item with grades and specifics, an unpublished offer with the policies', async () => {
    const session = connected();
    const sku = uniqueSku();
    const start = ebay.calls.length;
    const outcome = await adapter.createListing(session, draft({ itemUid: sku }));

    expect(callsFrom(start)).toEqual([
      'POST /commerce/media/v1_beta/image/create_image_from_file',
      `PUT /sell/inventory/v1/inventory_item/${sku}`,
      'GET /sell/account/v1/fulfillment_policy',
      'GET /sell/account/v1/payment_policy',
      'GET /sell/account/v1/return_policy',
      'GET /sell/inventory/v1/location',
      'GET /sell/inventory/v1/offer',
      'POST /sell/inventory/v1/offer',
    ]);
    const upload = ebay.calls[start];
    expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload.authorization).toBe(`Bearer ${session.credentials.accessToken as string}`);
    const [image] = [...ebay.images.values()].slice(-1);
    expect(image).toMatchObject({ field: 'image', fileName: 'front.jpg', contentType: 'image/jpeg' });
    expect(image.data.equals(PICTURE)).toBe(true);

    const item = ebay.calls[start + 1];
    expect(item.contentLanguage).toBe('en-US');
    expect(item.body).toEqual({
      availability: { shipToLocationAvailability: { quantity: 1 } },
      condition: 'LIKE_NEW',
      conditionDescription: 'Media: Near Mint (NM or M-). Sleeve: Very Good Plus (VG+).',
      product: {
        title: 'Miles Davis - Kind Of Blue (LP, Album, Reissue, 180g)',
        description: 'Original sleeve, light ring wear. Plays clean.',
        aspects: {
          Artist: ['Miles Davis'],
          'Record Label': ['Columbia'],
          Format: ['Record'],
          'Release Year': ['1959'],
          'Catalog Number': ['CS 8163'],
        },
        imageUrls: [expect.stringMatching(/^https:\/\/i\.ebayimg\.com\/images\/g\/.+/)],
        upc: ['074646935223'],
      },
    });
    expect(ebay.calls[start + 2].query).toEqual({ marketplace_id: 'EBAY_US' });
    expect(ebay.calls[start + 6].query).toEqual({ sku, marketplace_id: 'EBAY_US' });
    expect(ebay.calls[start + 7].body).toEqual({
      sku,
      marketplaceId: 'EBAY_US',
      format: 'FIXED_PRICE',
      availableQuantity: 1,
      categoryId: '176985',
      listingDescription: 'Original sleeve, light ring wear. Plays clean.',
      listingPolicies: { fulfillmentPolicyId: '6196932000', paymentPolicyId: '6196935000', returnPolicyId: '6196937000' },
      merchantLocationKey: 'warehouse-1',
      pricingSummary: { price: { value: '34.99', currency: 'USD' } },
    });
    const offerId = [...ebay.offers.values()].find((offer) => offer.sku === sku)!.offerId;
    expect(outcome).toEqual({
      listingId: offerId,
      listingUrl: null,
      state: 'draft',
      priceUsd: '34.99',
      details: { sku, offer_id: offerId },
    });
    expect(ebay.offers.get(offerId)!.status).toBe('UNPUBLISHED');
    expect(session.saves).toEqual([]);
  });

  it('reads the picture URL with getImage when the upload answers with its Location only', async () => {
    ebay.setImageUrlInCreateResponse(false);
    try {
      const sku = uniqueSku();
      const start = ebay.calls.length;
      await adapter.createListing(connected(), draft({ itemUid: sku }));
      const [imageId] = [...ebay.images.keys()].slice(-1);
      expect(callsFrom(start).slice(0, 3)).toEqual([
        'POST /commerce/media/v1_beta/image/create_image_from_file',
        `GET /commerce/media/v1_beta/image/${imageId}`,
        `PUT /sell/inventory/v1/inventory_item/${sku}`,
      ]);
      expect(ebay.inventoryItems.get(sku)).toMatchObject({
        product: { imageUrls: [`https://i.ebayimg.com/images/g/${imageId}/s-l1600.jpg`] },
      });
    } finally {
      ebay.setImageUrlInCreateResponse(true);
    }
  });

  it('publishes a draft created earlier: the offer becomes a listing at ebay.com/itm/<listing id>', async () => {
    const session = connected();
    const sku = uniqueSku();
    const created = await adapter.createListing(session, draft({ itemUid: sku }));
    const start = ebay.calls.length;
    const published = await adapter.publishListing(session, created, draft({ itemUid: sku }));

    expect(callsFrom(start)).toEqual([`POST /sell/inventory/v1/offer/${created.details.offer_id as string}/publish`]);
    expect(ebay.calls.at(-1)).toMatchObject({ contentType: 'application/json', contentLanguage: 'en-US', body: null });
    const offer = ebay.offers.get(created.details.offer_id as string)!;
    expect(offer.status).toBe('PUBLISHED');
    expect(published).toEqual({
      listingId: offer.listing!.listingId,
      listingUrl: `https://www.ebay.com/itm/${offer.listing!.listingId}`,
      state: 'listed',
      priceUsd: '34.99',
      details: { sku, offer_id: offer.offerId, listing_id: offer.listing!.listingId },
    });
  });

  it('creates a live listing in one go, with the category, policies and location the settings name (no Account API calls)', async () => {
    const session = connected();
    const sku = uniqueSku();
    const start = ebay.calls.length;
    const outcome = await adapter.createListing(
      session,
      draft({
        itemUid: sku,
        isDraft: false,
        format: 'CD',
        conditionItem: 'vg',
        conditionContainer: null,
        barcode: '5099749534728',
        settings: {
          category_id: '176984',
          fulfillment_policy_id: 'fp-9',
          payment_policy_id: 'pp-9',
          return_policy_id: 'rp-9',
          merchant_location_key: 'shop-front',
        },
      }),
    );

    const paths = callsFrom(start);
    expect(paths.some((path) => path.includes('/sell/account/') || path.endsWith('/location'))).toBe(false);
    expect(paths.at(-1)).toMatch(/^POST \/sell\/inventory\/v1\/offer\/\d+\/publish$/);
    const offer = [...ebay.offers.values()].find((candidate) => candidate.sku === sku)!;
    expect(offer).toMatchObject({
      categoryId: '176984',
      listingPolicies: { fulfillmentPolicyId: 'fp-9', paymentPolicyId: 'pp-9', returnPolicyId: 'rp-9' },
      merchantLocationKey: 'shop-front',
      status: 'PUBLISHED',
    });
    expect(ebay.inventoryItems.get(sku)).toMatchObject({
      condition: 'USED_VERY_GOOD',
      conditionDescription: 'Media: Very Good (VG).',
      product: { aspects: { Format: ['CD'] }, ean: ['5099749534728'] },
    });
    expect(outcome).toMatchObject({
      listingId: offer.listing!.listingId,
      listingUrl: `https://www.ebay.com/itm/${offer.listing!.listingId}`,
      state: 'listed',
      details: { sku, offer_id: offer.offerId },
    });
  });

  it('run twice (a retried job), creates one offer: the second run updates it', async () => {
    const session = connected();
    const sku = uniqueSku();
    const first = await adapter.createListing(session, draft({ itemUid: sku, isDraft: false }));
    const second = await adapter.createListing(session, draft({ itemUid: sku, isDraft: false, priceUsd: '36.00' }));
    expect([...ebay.offers.values()].filter((offer) => offer.sku === sku)).toHaveLength(1);
    expect(second.listingId).toBe(first.listingId);
    expect(ebay.offers.get(first.details.offer_id as string)!.pricingSummary).toEqual({ price: { value: '36.00', currency: 'USD' } });
  });

  it('updates the price: the offer read first and sent back whole with the new price', async () => {
    const session = connected();
    const sku = uniqueSku();
    const listing = await adapter.createListing(session, draft({ itemUid: sku, isDraft: false }));
    const start = ebay.calls.length;
    await adapter.updatePrice(session, listing, '29.50');

    const offerId = listing.details.offer_id as string;
    expect(callsFrom(start)).toEqual([`GET /sell/inventory/v1/offer/${offerId}`, `PUT /sell/inventory/v1/offer/${offerId}`]);
    expect(ebay.calls.at(-1)!.body).toMatchObject({
      availableQuantity: 1,
      categoryId: '176985',
      listingPolicies: { fulfillmentPolicyId: '6196932000' },
      merchantLocationKey: 'warehouse-1',
      pricingSummary: { price: { value: '29.50', currency: 'USD' } },
    });
    expect(ebay.offers.get(offerId)).toMatchObject({ status: 'PUBLISHED', pricingSummary: { price: { value: '29.50' } } });
  });

  it('delists by withdrawing the offer; delisting it again is not an error and withdraws nothing', async () => {
    const session = connected();
    const listing = await adapter.createListing(session, draft({ itemUid: uniqueSku(), isDraft: false }));
    const offerId = listing.details.offer_id as string;

    let start = ebay.calls.length;
    await adapter.delist(session, listing);
    expect(callsFrom(start)).toEqual([`GET /sell/inventory/v1/offer/${offerId}`, `POST /sell/inventory/v1/offer/${offerId}/withdraw`]);
    expect(ebay.offers.get(offerId)).toMatchObject({ status: 'UNPUBLISHED', listing: { listingStatus: 'ENDED' } });

    start = ebay.calls.length;
    await adapter.delist(session, listing);
    expect(callsFrom(start)).toEqual([`GET /sell/inventory/v1/offer/${offerId}`]);

    await expect(adapter.delist(session, { listingId: '5999999999', details: { offer_id: '5999999999' } })).resolves.toBeUndefined();
  });

  it('reads every active listing, the inventory items page after page with their offers; drafts and ended ones left out', async () => {
    const ebayPaged = await startFakeEbay(EBAY_APP);
    try {
      const pagedAdapter = new EbayAdapter(
        loadConfig({ EBAY_CLIENT_ID: EBAY_APP.clientId, EBAY_CLIENT_SECRET: EBAY_APP.clientSecret, EBAY_API_URL: ebayPaged.url }),
        callPacer(),
      );
      const listingIds = Array.from({ length: 205 }, (_, index) =>
        ebayPaged.seedListing({ sku: `inv_Seed${String(index).padStart(12, '0')}`, title: `Record ${index}`, price: `${10 + index}.00` }),
      );
      ebayPaged.seedListing({ sku: 'inv_SeedDraft0000001', title: 'Unpublished', price: '5.00', published: false });
      const ended = ebayPaged.seedListing({ sku: 'inv_SeedEnded0000001', title: 'Sold out', price: '5.00' });
      const endedOffer = [...ebayPaged.offers.values()].find((offer) => offer.listing?.listingId === ended)!;
      endedOffer.listing = { listingId: ended, listingStatus: 'ENDED' };
      const { accessToken, refreshToken } = ebayPaged.issueTokens(SELLER);
      const session = sellerSession({ credentials: { accessToken, refreshToken }, tokenExpiresAt: null });

      const listings = await collect(pagedAdapter.fetchActiveListings(session));

      expect(listings.map((listing) => listing.listingId)).toEqual(listingIds);
      const pages = ebayPaged.calls.filter((call) => call.path === '/sell/inventory/v1/inventory_item');
      expect(pages.map((call) => call.query.offset)).toEqual(['0', '100', '200']);
      expect(pages.map((call) => call.query.limit)).toEqual(['100', '100', '100']);
      expect(listings[7]).toEqual({
        listingId: listingIds[7],
        externalId: 'inv_Seed000000000007',
        title: 'Record 7',
        priceUsd: '17.00',
        listingUrl: `https://www.ebay.com/itm/${listingIds[7]}`,
        state: 'listed',
        quantity: 1,
        conditionItem: 'vg_plus',
        details: { sku: 'inv_Seed000000000007', offer_id: expect.any(String) },
      });
    } finally {
      await ebayPaged.close();
    }
  });

  it('reads the orders changed since a date, page after page through `next`', async () => {
    const since = new Date('2026-11-20T00:00:00.000Z');
    const order = (index: number, lastModifiedDate: string): FakeEbayOrder => ({
      orderId: `27-0${index}-5566${index}`,
      creationDate: '2026-11-19T10:00:00.000Z',
      lastModifiedDate,
      orderFulfillmentStatus: 'NOT_STARTED',
      orderPaymentStatus: 'PAID',
      buyer: {
        username: `buyer${index}`,
        buyerRegistrationAddress: { fullName: `Buyer ${index}`, email: `buyer${index}@members.ebay.com` },
      },
      pricingSummary: { total: { value: '41.49', currency: 'USD' }, deliveryCost: { value: '4.50', currency: 'USD' } },
      totalMarketplaceFee: { value: '5.12', currency: 'USD' },
      lineItems: [
        {
          lineItemId: `1000${index}`,
          legacyItemId: '110000000042',
          sku: 'inv_7Hq2LmN4pQ8rS1tU',
          title: 'Miles Davis - Kind Of Blue',
          quantity: 1,
          lineItemCost: { value: '36.99', currency: 'USD' },
        },
      ],
    });
    ebay.addOrder(order(0, '2026-11-01T00:00:00.000Z'));
    for (let index = 1; index <= 130; index += 1) ebay.addOrder(order(index, '2026-11-21T08:00:00.000Z'));
    const start = ebay.calls.length;

    const orders = await collect(adapter.fetchOrders(connected(), since));

    expect(orders).toHaveLength(130);
    const pages = ebay.calls.slice(start).filter((call) => call.path === '/sell/fulfillment/v1/order');
    expect(pages.map((call) => call.query.offset)).toEqual(['0', '100']);
    expect(pages[0].query.filter).toBe('lastmodifieddate:[2026-11-20T00:00:00.000Z..]');
    expect(orders[0]).toEqual({
      orderId: '27-01-55661',
      createdAt: new Date('2026-11-19T10:00:00.000Z'),
      status: 'NOT_STARTED',
      state: 'paid',
      buyerName: 'Buyer 1',
      buyerEmail: 'buyer1@members.ebay.com',
      totalUsd: '41.49',
      shippingUsd: '4.50',
      feesUsd: '5.12',
      platformFeeUsd: null,
      shippingAddress: null,
      lines: [
        {
          listingId: '110000000042',
          externalId: 'inv_7Hq2LmN4pQ8rS1tU',
          sku: 'inv_7Hq2LmN4pQ8rS1tU',
          title: 'Miles Davis - Kind Of Blue',
          quantity: 1,
          priceUsd: '36.99',
        },
      ],
      details: { line_items: [{ line_item_id: '10001', quantity: 1 }], buyer_username: 'buyer1', payment_status: 'PAID' },
    });
  });

  it('marks an order shipped: a shipping fulfillment of its line items with eBay carrier code, tracking number and date', async () => {
    ebay.addOrder({
      orderId: '27-09999-00001',
      creationDate: '2026-11-30T10:00:00.000Z',
      lastModifiedDate: '2026-11-30T10:00:00.000Z',
      orderFulfillmentStatus: 'NOT_STARTED',
      lineItems: [{ lineItemId: '2000001', quantity: 1 }],
    });
    const shippedAt = new Date('2026-12-01T15:30:00.000Z');

    await adapter.markShipped(
      connected(),
      { orderId: '27-09999-00001', details: { line_items: [{ line_item_id: '2000001', quantity: 1 }] } },
      { carrier: 'usps', trackingNumber: '9400111899223344556677', shippedAt },
    );
    expect(ebay.calls.at(-1)).toMatchObject({ method: 'POST', path: '/sell/fulfillment/v1/order/27-09999-00001/shipping_fulfillment' });
    expect(ebay.fulfillments.at(-1)!.body).toEqual({
      lineItems: [{ lineItemId: '2000001', quantity: 1 }],
      shippedDate: '2026-12-01T15:30:00.000Z',
      shippingCarrierCode: 'USPS',
      trackingNumber: '9400111899223344556677',
    });

    // An order recorded without its line items is read again first.
    const start = ebay.calls.length;
    await adapter.markShipped(
      connected(),
      { orderId: '27-09999-00001', details: {} },
      { carrier: 'royal_mail', trackingNumber: 'RM123', shippedAt },
    );
    expect(callsFrom(start)).toEqual([
      'GET /sell/fulfillment/v1/order/27-09999-00001',
      'POST /sell/fulfillment/v1/order/27-09999-00001/shipping_fulfillment',
    ]);
    expect(ebay.fulfillments.at(-1)!.body).toMatchObject({
      lineItems: [{ lineItemId: '2000001', quantity: 1 }],
      shippingCarrierCode: 'RoyalMail',
    });
  });

  it('renews an access token that expires within five minutes before using it, and saves the renewed credentials first', async () => {
    const session = connected(new Date(Date.now() + 2 * 60_000));
    const { accessToken: oldToken, refreshToken } = session.credentials as { accessToken: string; refreshToken: string };
    const start = ebay.calls.length;

    await adapter.delist(session, { listingId: '5999999998', details: {} });

    const renewal = ebay.tokenRequests.at(-1)!;
    expect(renewal.authorization).toBe(`Basic ${Buffer.from(`${EBAY_APP.clientId}:${EBAY_APP.clientSecret}`).toString('base64')}`);
    expect(renewal.form).toMatchObject({ grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(renewal.form.scope.split(' ')).toContain('https://api.ebay.com/oauth/api_scope/sell.inventory');
    expect(session.saves).toHaveLength(1);
    const saved = session.saves[0];
    expect(saved.credentials).toEqual({ accessToken: expect.any(String), refreshToken, refreshTokenExpiresAt: null });
    expect(saved.credentials.accessToken).not.toBe(oldToken);
    expect(saved.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 7000_000);
    expect(ebay.calls.slice(start).map((call) => call.authorization)).toEqual([`Bearer ${saved.credentials.accessToken as string}`]);
  });

  it('renews once after a 401 and retries the call with the new token', async () => {
    const session = connected();
    const oldToken = session.credentials.accessToken as string;
    ebay.expireAccessToken(oldToken);
    const start = ebay.calls.length;

    await adapter.delist(session, { listingId: '5999999997', details: {} });

    expect(session.saves).toHaveLength(1);
    const renewed = session.saves[0].credentials.accessToken as string;
    expect(ebay.calls.slice(start).map((call) => call.authorization)).toEqual([`Bearer ${oldToken}`, `Bearer ${renewed}`]);
  });

  it('renews only once: a renewed token refused again is unauthorized', async () => {
    const session = connected();
    ebay.expireAccessToken(session.credentials.accessToken as string);
    ebay.failNext({ status: 401 });
    const renewals = ebay.tokenRequests.length;

    await expect(adapter.delist(session, { listingId: '5999999994', details: {} })).rejects.toMatchObject({
      kind: 'unauthorized',
      httpStatus: 401,
    });
    expect(ebay.tokenRequests.length - renewals).toBe(1);
    expect(session.saves).toHaveLength(1);
  });

  it('is unauthorized when eBay refuses the refresh token, and on a 401 with no refresh token to renew with', async () => {
    const refused = sellerSession({
      credentials: { accessToken: 'v^1.1#i^1#revoked', refreshToken: 'v^1.1#i^1#revoked-refresh', refreshTokenExpiresAt: null },
      tokenExpiresAt: null,
    });
    const error = await adapter.delist(refused, { listingId: '5999999996', details: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MarketplaceError);
    expect(error).toMatchObject({ platform: 'ebay', kind: 'unauthorized' });
    expect((error as Error).message).toMatch(/refused to renew/);
    expect(refused.saves).toEqual([]);

    const noRefresh = sellerSession({ credentials: { accessToken: 'v^1.1#i^1#unknown', refreshToken: null }, tokenExpiresAt: null });
    await expect(adapter.delist(noRefresh, { listingId: '5999999995', details: {} })).rejects.toMatchObject({
      kind: 'unauthorized',
      httpStatus: 401,
      message: expect.stringContaining('Invalid access token'),
    });
  });

  it('is rate_limited on a 429, with the Retry-After eBay gave', async () => {
    ebay.failNext({ status: 429, retryAfter: '30' });
    await expect(adapter.updatePrice(connected(), { listingId: '1', details: { offer_id: '1' } }, '10.00')).rejects.toMatchObject({
      platform: 'ebay',
      kind: 'rate_limited',
      httpStatus: 429,
      retryAfterSeconds: 30,
      message: expect.stringContaining('Too many requests'),
    });
  });

  it('is unavailable on a 5xx', async () => {
    ebay.failNext({ status: 500 });
    await expect(collect(adapter.fetchOrders(connected(), new Date()))).rejects.toMatchObject({ kind: 'unavailable', httpStatus: 500 });
  });

  it("is rejected with eBay's message and error id on a validation error", async () => {
    const session = connected();
    ebay.failNext({
      status: 400,
      errors: [
        {
          errorId: 25021,
          domain: 'API_INVENTORY',
          category: 'REQUEST',
          message: 'Invalid item condition information.',
          longMessage: 'The condition value is not valid for the category.',
          parameters: [{ name: 'condition', value: 'LIKE_NEW' }],
        },
      ],
    });
    const error = await adapter.createListing(session, draft({ itemUid: uniqueSku() })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      platform: 'ebay',
      kind: 'rejected',
      httpStatus: 400,
      message: 'Invalid item condition information. (eBay error 25021)',
      errorIds: [25021],
    });
  });
});
