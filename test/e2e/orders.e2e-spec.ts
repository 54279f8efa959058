import { setTimeout as delay } from 'node:timers/promises';
import { type FakeDiscogs, startFakeDiscogs } from '../support/fake-discogs.js';
import { type FakeEbay, type FakeEbayOrder, startFakeEbay } from '../support/fake-ebay.js';
import { type FakeEtsy, startFakeEtsy } from '../support/fake-etsy.js';
import { type FakeShopify, startFakeShopify } from '../support/fake-shopify.js';
import {
  ACCOUNTS,
  connectEbay,
  EBAY_APP,
  followConsent,
  KIND_OF_BLUE,
  listingSetup,
  ETSY_APP,
  marketplaceEnv,
  SHOPIFY_APP,
} from '../support/listing-setup.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const SHOPS = [1, 2].map((n) => ({
  domain: `order-shop-${n}.myshopify.com`,
  id: `gid://shopify/Shop/64838000${n}`,
  name: `Order Shop ${n}`,
}));
const DEADLINE_MS = 30_000;
const ORDERS = '/api/v1/orders/';

interface Order {
  uid: string;
  order_id: string | null;
  status: string;
  platform: string | null;
  sale_price: string | null;
  net_revenue: string | null;
  sold_at: string;
  shipment_tracking_number: string | null;
  shipment_sync_status?: string | null;
  inventory_item_listing: { uid: string; status: string; platform_slug: string; inventory_item: { uid: string } } | null;
}

describe('Orders: synced from the marketplaces, sold everywhere, shipped with tracking (e2e)', () => {
  let t: TestApp;
  let ebay: FakeEbay;
  let discogs: FakeDiscogs;
  let etsy: FakeEtsy;
  let shopify: FakeShopify;
  let steps: ReturnType<typeof listingSetup>;
  let sellers = 0;
  let shops = 0;
  let orderNumber = 0;

  beforeAll(async () => {
    [ebay, discogs, etsy, shopify] = await Promise.all([
      startFakeEbay(EBAY_APP),
      startFakeDiscogs(),
      startFakeEtsy(ETSY_APP),
      startFakeShopify(SHOPIFY_APP, SHOPS),
    ]);
    discogs.addRelease(KIND_OF_BLUE);
    t = await createTestApp({
      env: {
        ...marketplaceEnv({ discogs, ebay, etsy, shopify }),
      },
    });
    steps = listingSetup(t);
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([ebay?.close(), discogs?.close(), etsy?.close(), shopify?.close()]);
  });

  // --- Sellers and their connections ---

  async function connectDiscogs(account: Account): Promise<{ id: number; username: string }> {
    const user = { id: 8_100_000 + sellers, username: `order_shop_${sellers}` };
    discogs.addPersonalToken(`order-token-${user.id}`, user);
    await t.api
      .post(ACCOUNTS)
      .set(account.auth)
      .send({ platform: 'discogs', personal_token: `order-token-${user.id}` })
      .expect(201);
    return user;
  }

  async function connectEtsy(account: Account): Promise<number> {
    const shopId = 41_400_000 + sellers;
    const started = (await t.api.post(`${ACCOUNTS}etsy/connect/`).set(account.auth).send({}).expect(200)).body;
    etsy.consentAs({ userId: 94_500_000 + sellers, shopId, shopName: `OrderVault${sellers}` });
    await followConsent(t, account, started.authorization_url as string);
    return shopId;
  }

  async function connectShopify(account: Account): Promise<string> {
    const shop = SHOPS[shops++]!.domain;
    const started = (await t.api.post(`${ACCOUNTS}shopify/connect/`).set(account.auth).send({ shop }).expect(200)).body;
    await followConsent(t, account, started.authorization_url as string);
    return shop;
  }

  async function seller(): Promise<Account> {
    sellers += 1;
    return steps.seller();
  }

  // --- Syncing, reading ---

  const organizationOf = (account: Account) => `(SELECT organization_id FROM users WHERE uid = '${account.user.uid}')`;

  async function lastSyncRun(account: Account, slug: string): Promise<string | null> {
    const { rows } = await t.sql(
      `SELECT s.last_run_at::text AS at FROM order_sync_states s JOIN platforms p ON p.id = s.platform_id
        WHERE s.organization_id = ${organizationOf(account)} AND p.slug = $1`,
      [slug],
    );
    return (rows[0] as { at: string } | undefined)?.at ?? null;
  }

  /** Asks for a sync now and waits (bounded) until the sync of each of these platforms has finished. */
  async function sync(account: Account, slugs: string[]): Promise<void> {
    const before = await Promise.all(slugs.map((slug) => lastSyncRun(account, slug)));
    const answer = await t.api.post(`${ORDERS}sync/`).set(account.auth).send({}).expect(202);
    expect(answer.body.platforms).toEqual(expect.arrayContaining(slugs));
    const deadline = Date.now() + DEADLINE_MS;
    for (const [index, slug] of slugs.entries()) {
      while ((await lastSyncRun(account, slug)) === before[index]) {
        if (Date.now() > deadline) throw new Error(`The ${slug} order sync did not finish.`);
        await delay(100);
      }
    }
  }

  const list = async (account: Account, query = '') =>
    (await t.api.get(`${ORDERS}${query}`).set(account.auth).expect(200)).body as { count: number; next: string | null; results: Order[] };

  async function orderUntil(account: Account, uid: string, done: (order: Order) => boolean, what: string): Promise<Order> {
    const deadline = Date.now() + DEADLINE_MS;
    for (;;) {
      const order = (await t.api.get(`${ORDERS}${uid}/`).set(account.auth).expect(200)).body as Order;
      if (done(order)) return order;
      if (Date.now() > deadline) throw new Error(`Order ${uid} is ${what}: ${JSON.stringify(order)}`);
      await delay(100);
    }
  }

  const itemStatus = async (account: Account, uid: string) =>
    ((await t.api.get(`/api/v1/inventory/${uid}/`).set(account.auth).expect(200)).body as { status: string }).status;

  function ebayOrder(fields: {
    sku?: string;
    legacyItemId?: string;
    price: string;
    fee?: string;
    shipping?: string;
    buyer?: string;
  }): FakeEbayOrder {
    orderNumber += 1;
    const now = new Date().toISOString();
    return {
      orderId: `12-${String(orderNumber).padStart(5, '0')}-77001`,
      creationDate: now,
      lastModifiedDate: now,
      orderFulfillmentStatus: 'NOT_STARTED',
      orderPaymentStatus: 'PAID',
      buyer: { username: 'jdoe_records' },
      pricingSummary: {
        total: { value: fields.price, currency: 'USD' },
        ...(fields.shipping ? { deliveryCost: { value: fields.shipping, currency: 'USD' } } : {}),
      },
      ...(fields.fee ? { totalMarketplaceFee: { value: fields.fee, currency: 'USD' } } : {}),
      fulfillmentStartInstructions: [
        {
          shippingStep: {
            shipTo: {
              fullName: fields.buyer ?? 'John Doe',
              email: 'john@example.com',
              primaryPhone: { phoneNumber: '+15551234567' },
              contactAddress: {
                addressLine1: '123 Main St',
                addressLine2: 'Apt 4B',
                city: 'Los Angeles',
                stateOrProvince: 'CA',
                postalCode: '90001',
                countryCode: 'US',
              },
            },
          },
        },
      ],
      lineItems: [
        {
          lineItemId: `9${orderNumber}`,
          ...(fields.legacyItemId ? { legacyItemId: fields.legacyItemId } : {}),
          ...(fields.sku ? { sku: fields.sku } : {}),
          title: 'Miles Davis - Kind Of Blue',
          quantity: 1,
          lineItemCost: { value: fields.price, currency: 'USD' },
        },
      ],
    };
  }

  it('syncs a sale on eBay with its fees and address; the item is sold and its Discogs and Etsy listings are delisted in that cycle', async () => {
    const shop = await seller();
    await connectDiscogs(shop);
    const ebayUser = await connectEbay(t, ebay, shop);
    await connectEtsy(shop);
    const uid = await steps.item(shop);
    for (const slug of ['discogs', 'ebay', 'etsy']) {
      await steps.list(shop, uid, slug, { is_draft: false }).expect(200);
      expect(await steps.settled(shop, uid, slug)).toMatchObject({ status: 'listed', last_error_code: null });
    }
    const onEbay = (await steps.listingOn(shop, uid, 'ebay'))!;
    const onDiscogs = (await steps.listingOn(shop, uid, 'discogs'))!;
    const onEtsy = (await steps.listingOn(shop, uid, 'etsy'))!;
    const sale = ebay.addSellerOrder(
      ebayUser,
      ebayOrder({ legacyItemId: onEbay.listing_id!, sku: uid, price: '34.99', fee: '3.50', shipping: '5.00' }),
    );

    await sync(shop, ['ebay']);

    // The delists were queued by the sync that recorded the sale: once it has finished, neither listing is live.
    for (const slug of ['discogs', 'etsy']) {
      expect(['delisting', 'delisted']).toContain((await steps.listingOn(shop, uid, slug))!.status);
    }
    const page = await list(shop);
    expect(page.count).toBe(1);
    const [order] = page.results;
    expect(order).toEqual({
      uid: expect.stringMatching(/^ord_/),
      order_id: sale.orderId,
      status: 'awaiting_shipment',
      platform: 'ebay',
      platform_name: 'eBay',
      buyer_name: 'John Doe',
      sale_price: '34.99',
      marketplace_fee: '3.50',
      platform_fee: null,
      shipping_cost: '5.00',
      net_revenue: '26.49',
      sold_at: sale.creationDate,
      inventory_item_listing: {
        uid: onEbay.uid,
        platform_slug: 'ebay',
        platform_name: 'eBay',
        status: 'sold',
        listing_url: onEbay.marketplace_url,
        listing_id: onEbay.listing_id,
        price: '34.99',
        inventory_item: {
          uid,
          title: 'Kind Of Blue - VG+',
          sku: 'CL 1355',
          condition: 'vg_plus',
          primary_image_url: expect.stringMatching(/^http.*\/media\/inventory\//),
        },
      },
      shipment_tracking_number: null,
      shipment_carrier: null,
      shipment_status: null,
      shipment_address: {
        uid: expect.stringMatching(/^adr_/),
        full_name: 'John Doe',
        city: 'Los Angeles',
        postal_code: '90001',
        country: 'US',
      },
      created: expect.any(String),
      updated: expect.any(String),
    });
    const detail = (await t.api.get(`${ORDERS}${order.uid}/`).set(shop.auth).expect(200)).body;
    expect(detail).toMatchObject({
      order_created: sale.creationDate,
      external_order_status: 'NOT_STARTED',
      platform_order_id: sale.orderId,
      shipment_rate_retrieval_tried: false,
      shipment_sync_status: null,
      shipment_address: {
        name: 'John Doe',
        email_address: 'john@example.com',
        phone_number: '+15551234567',
        street_1: '123 Main St',
        street_2: 'Apt 4B',
        city: 'Los Angeles',
        state_province: 'CA',
        postal_code: '90001',
        country: 'US',
        raw_address: 'John Doe\n123 Main St\nApt 4B\nLos Angeles, CA 90001\nUS',
      },
    });
    expect(await itemStatus(shop, uid)).toBe('sold');

    for (const slug of ['discogs', 'etsy']) {
      expect(await steps.settled(shop, uid, slug)).toMatchObject({ status: 'delisted', last_error_code: null });
    }
    expect(discogs.listings.has(Number(onDiscogs.listing_id))).toBe(false);
    expect(etsy.listings.get(Number(onEtsy.listing_id))?.state).not.toBe('active');

    const logs = (await t.api.get(`/api/v1/inventory/${uid}/audit-logs/?page_size=50`).set(shop.auth).expect(200)).body.results as Array<{
      action: string;
      source: string;
      platform_slug: string | null;
      status_after: string | null;
      metadata: { status_after?: string };
    }>;
    expect(logs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'sold', source: 'system', status_after: 'sold' }),
        expect.objectContaining({
          action: 'list',
          source: 'system',
          platform_slug: 'ebay',
          metadata: expect.objectContaining({ status_after: 'sold' }),
        }),
        expect.objectContaining({
          action: 'delist',
          source: 'system',
          platform_slug: 'discogs',
          metadata: expect.objectContaining({ status_after: 'delisting' }),
        }),
        expect.objectContaining({
          action: 'delist',
          source: 'system',
          platform_slug: 'etsy',
          metadata: expect.objectContaining({ status_after: 'delisted' }),
        }),
      ]),
    );
    const feed = await t.sql(
      `SELECT event_type, subject_uid FROM activity_events WHERE organization_id = ${organizationOf(shop)} AND event_type = 'item_sold'`,
    );
    expect(feed.rows).toEqual([{ event_type: 'item_sold', subject_uid: order.uid }]);

    // The same sync again (the order is still in the window it reads) records nothing new.
    await sync(shop, ['ebay']);
    expect((await list(shop)).count).toBe(1);
    const rows = await t.sql(`SELECT count(*)::int AS n FROM orders WHERE organization_id = ${organizationOf(shop)}`);
    expect(rows.rows).toEqual([{ n: 1 }]);
  });

  it('restores the item when the platform cancels the order, leaving relisting to the seller', async () => {
    const shop = await seller();
    const ebayUser = await connectEbay(t, ebay, shop);
    const uid = await steps.item(shop);
    await steps.list(shop, uid, 'ebay', { is_draft: false }).expect(200);
    const onEbay = await steps.settled(shop, uid, 'ebay');
    const sale = ebay.addSellerOrder(ebayUser, ebayOrder({ legacyItemId: onEbay.listing_id!, price: '34.99', fee: '3.50' }));
    await sync(shop, ['ebay']);
    expect(await itemStatus(shop, uid)).toBe('sold');
    const itemOrder = (await t.api.get(`/api/v1/inventory/${uid}/order/`).set(shop.auth).expect(200)).body as Order;
    expect(itemOrder).toMatchObject({ order_id: sale.orderId, status: 'awaiting_shipment' });

    ebay.changeOrder(sale.orderId, { cancelStatus: { cancelState: 'CANCELED' } });
    await sync(shop, ['ebay']);

    expect(await itemStatus(shop, uid)).toBe('ready-to-sell');
    expect((await steps.listingOn(shop, uid, 'ebay'))!.status).toBe('delisted');
    const cancelled = (await t.api.get(`${ORDERS}${itemOrder.uid}/`).set(shop.auth).expect(200)).body;
    expect(cancelled).toMatchObject({ status: 'CANCELED', external_order_status: 'CANCELED' });
    await t.api.get(`/api/v1/inventory/${uid}/order/`).set(shop.auth).expect(404);
    const feed = await t.sql(
      `SELECT event_type FROM activity_events WHERE organization_id = ${organizationOf(shop)} AND subject_uid = $1`,
      [itemOrder.uid],
    );
    expect(feed.rows.map((row) => (row as { event_type: string }).event_type).sort()).toEqual(['item_sold', 'order_cancelled']);
    expect((await t.api.get(`${ORDERS}stats/`).set(shop.auth).expect(200)).body).toMatchObject({ total: 0, total_revenue: '0.00' });
  });

  it('ships with tracking pushed to each platform: eBay, Discogs, Etsy, Shopify', async () => {
    const shop = await seller();
    const discogsUser = await connectDiscogs(shop);
    const ebayUser = await connectEbay(t, ebay, shop);
    const etsyShop = await connectEtsy(shop);
    const shopifyShop = await connectShopify(shop);
    const items = {
      ebay: await steps.item(shop),
      discogs: await steps.item(shop),
      etsy: await steps.item(shop),
      shopify: await steps.item(shop),
    };
    await steps.list(shop, items.discogs, 'discogs', { is_draft: false }).expect(200);
    const onDiscogs = await steps.settled(shop, items.discogs, 'discogs');

    const now = new Date();
    const ebaySale = ebay.addSellerOrder(ebayUser, ebayOrder({ sku: items.ebay, price: '30.00' }));
    discogs.addOrder(discogsUser, {
      id: `${discogsUser.id}-1`,
      created: now.toISOString(),
      last_activity: now.toISOString(),
      items: [{ listingId: Number(onDiscogs.listing_id), releaseId: KIND_OF_BLUE.id, price: 31 }],
    });
    etsy.addReceipt(etsyShop, {
      receipt_id: 5_000_000 + sellers,
      status: 'paid',
      name: 'Etsy Buyer',
      buyer_email: 'etsy.buyer@example.com',
      created_timestamp: Math.floor(now.getTime() / 1000),
      updated_timestamp: Math.floor(now.getTime() / 1000),
      grandtotal: { amount: 3200, divisor: 100, currency_code: 'USD' },
      total_shipping_cost: { amount: 0, divisor: 100, currency_code: 'USD' },
      is_shipped: false,
      transactions: [
        {
          transaction_id: 1,
          listing_id: 777,
          sku: items.etsy,
          title: 'Kind Of Blue',
          quantity: 1,
          price: { amount: 3200, divisor: 100, currency_code: 'USD' },
        },
      ],
    });
    const shopifyOrder = shopify.addOrder({
      shop: shopifyShop,
      name: '#1001',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      email: 'ada@example.com',
      customerName: 'Ada Buyer',
      total: '33.00',
      shipping: '0.00',
      lines: [{ title: 'Kind Of Blue', quantity: 1, sku: items.shopify, productId: null, price: '33.00' }],
      fulfillmentOrders: [{ id: 'gid://shopify/FulfillmentOrder/901', status: 'OPEN' }],
    });
    await sync(shop, ['ebay', 'discogs', 'etsy', 'shopify']);
    for (const uid of Object.values(items)) expect(await itemStatus(shop, uid)).toBe('sold');

    await t.api
      .post(`/api/v1/inventory/${items.ebay}/order/ship/`)
      .set(shop.auth)
      .send({ tracking_number: 'X', carrier: 'pigeon' })
      .expect(400);
    await t.api.post(`/api/v1/inventory/${items.ebay}/order/ship/`).set(shop.auth).send({ carrier: 'ups' }).expect(400);
    for (const [slug, uid] of Object.entries(items)) {
      const shipped = (
        await t.api
          .post(`/api/v1/inventory/${uid}/order/ship/`)
          .set(shop.auth)
          .send({ tracking_number: `1Z-${slug}`, carrier: 'ups' })
          .expect(200)
      ).body as Order;
      expect(shipped).toMatchObject({
        status: 'shipped',
        shipment_tracking_number: `1Z-${slug}`,
        shipment_carrier: 'ups',
        shipment_status: 'shipped',
      });
      await orderUntil(shop, shipped.uid, (order) => order.shipment_sync_status === 'pushed', 'not pushed');
    }
    expect(ebay.fulfillments.find((fulfillment) => fulfillment.orderId === ebaySale.orderId)?.body).toMatchObject({
      trackingNumber: '1Z-ebay',
      shippingCarrierCode: 'UPS',
    });
    expect(discogs.orders.get(`${discogsUser.id}-1`)).toMatchObject({ status: 'Shipped' });
    expect(discogs.orders.get(`${discogsUser.id}-1`)!.messages[0].message).toContain('1Z-discogs');
    expect(etsy.receipts.get(5_000_000 + sellers)!.shipments).toEqual([{ carrier_name: expect.any(String), tracking_code: '1Z-etsy' }]);
    expect(shopify.orders.get(shopifyOrder.id)!.fulfillments[0].trackingInfo).toMatchObject({ number: '1Z-shopify' });
    const feed = await t.sql(
      `SELECT count(*)::int AS n FROM activity_events WHERE organization_id = ${organizationOf(shop)} AND event_type = 'order_shipped'`,
    );
    expect(feed.rows).toEqual([{ n: 4 }]);
  });

  it('records a sale made outside the platforms: the item is sold and comes down everywhere', async () => {
    const shop = await seller();
    await connectDiscogs(shop);
    const uid = await steps.item(shop);
    await steps.list(shop, uid, 'discogs', { is_draft: false }).expect(200);
    await steps.settled(shop, uid, 'discogs');

    await t.api
      .post(`/api/v1/inventory/${uid}/order/`)
      .set(shop.auth)
      .send({})
      .expect(400, { sale_price: ['This field is required.'] });
    const recorded = (
      await t.api
        .post(`/api/v1/inventory/${uid}/order/`)
        .set(shop.auth)
        .send({ sale_price: '25.00', shipping_cost: '0', sold_at: '2026-11-28T15:00:00Z' })
        .expect(201)
    ).body;
    expect(recorded).toMatchObject({
      order_id: null,
      platform: null,
      platform_name: 'Direct sale',
      status: 'completed',
      sale_price: '25.00',
      shipping_cost: '0.00',
      net_revenue: '25.00',
      sold_at: '2026-11-28T15:00:00.000Z',
      inventory_item_listing: null,
      shipment_address: null,
    });
    expect(await itemStatus(shop, uid)).toBe('sold');
    expect(await steps.settled(shop, uid, 'discogs')).toMatchObject({ status: 'delisted' });
    const again = await t.api.post(`/api/v1/inventory/${uid}/order/`).set(shop.auth).send({ sale_price: '25.00' }).expect(400);
    expect(again.body).toEqual({ non_field_errors: ['The item has been sold.'], blocking_code: 'item_sold' });
    const logs = (await t.api.get(`/api/v1/inventory/${uid}/audit-logs/`).set(shop.auth).expect(200)).body.results as Array<{
      action: string;
      source: string;
    }>;
    expect(logs).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'sold', source: 'web' })]));
  });

  it('updates the shipment fields (null and blank allowed, the address as a nested update); stats, every filter and ordering; another organization gets 404', async () => {
    const shop = await seller();
    const ebayUser = await connectEbay(t, ebay, shop);
    const sold: Record<string, { item: string; order: Order }> = {};
    for (const [name, price, address] of [
      ['counter', '10.00', null],
      ['fair', '40.00', { name: 'Fair Buyer', street_1: '1 Fair St', city: 'Austin', postal_code: '73301', country: 'us' }],
      ['mail', '25.50', { name: 'Mail Buyer', street_1: '2 Post Rd', city: 'Boston', postal_code: '02101', country: 'US' }],
    ] as const) {
      const item = await steps.item(shop);
      const body = { sale_price: price, shipping_cost: '2.00', ...(address ? { shipment_address: address } : {}) };
      sold[name] = {
        item,
        order: (await t.api.post(`/api/v1/inventory/${item}/order/`).set(shop.auth).send(body).expect(201)).body as Order,
      };
    }
    const unmatched = ebay.addSellerOrder(
      ebayUser,
      ebayOrder({ sku: 'SELLERS-OWN-SKU', price: '55.00', fee: '5.00', shipping: '3.00', buyer: 'Zed Unmatched' }),
    );
    const refunded = ebay.addSellerOrder(ebayUser, {
      ...ebayOrder({ price: '12.00' }),
      orderPaymentStatus: 'FULLY_REFUNDED',
      cancelStatus: { cancelState: 'CANCELED' },
    });
    await sync(shop, ['ebay']);

    // PATCH: tracking makes the order shipped; a nested address update; null and blank clear.
    const patched = (
      await t.api
        .patch(`/api/v1/inventory/${sold.mail.item}/order/`)
        .set(shop.auth)
        .send({
          shipment_tracking_number: '9400111899223856928499',
          shipment_carrier: 'usps',
          shipment_service_id: '',
          shipment_rate_detail: { rates: [{ carrier: 'usps', price: '4.50' }] },
          shipment_rate_cheapest_price: '4.50',
          shipment_rate_retrieval_tried: true,
          label_last_updated: '2026-11-29T10:00:00Z',
          shipment_address: { street_2: 'Suite 5', phone_number: '' },
        })
        .expect(200)
    ).body;
    expect(patched).toMatchObject({
      status: 'shipped',
      shipment_service_id: null,
      shipment_rate_cheapest_price: '4.50',
      shipment_rate_retrieval_tried: true,
      label_last_updated: '2026-11-29T10:00:00.000Z',
      shipment_rate_detail: { rates: [{ carrier: 'usps', price: '4.50' }] },
      shipment_address: { name: 'Mail Buyer', street_1: '2 Post Rd', street_2: 'Suite 5', phone_number: null, country: 'US' },
    });
    await t.api
      .put(`/api/v1/inventory/${sold.fair.item}/order/`)
      .set(shop.auth)
      .send({ shipment_status: 'delivered', shipment_carrier: null })
      .expect(200);
    const invalid = await t.api
      .patch(`/api/v1/inventory/${sold.fair.item}/order/`)
      .set(shop.auth)
      .send({
        shipment_status: 'lost',
        shipment_carrier: 'pigeon',
        label_last_updated: 'yesterday',
        shipment_address: { country: 'Neverland' },
      })
      .expect(400);
    expect(Object.keys(invalid.body).sort()).toEqual(['label_last_updated', 'shipment_address', 'shipment_carrier', 'shipment_status']);

    expect((await t.api.get(`${ORDERS}stats/`).set(shop.auth).expect(200)).body).toEqual({
      awaiting_shipment: 1,
      shipped: 1,
      completed: 2,
      total: 4,
      total_revenue: '130.50',
      total_fees: '5.00',
      total_shipping: '9.00',
      total_net: '116.50',
    });

    const uids = (page: { results: Order[] }) => page.results.map((order) => order.uid);
    const ebayOrders = await list(shop, '?platform=ebay');
    expect(ebayOrders.results.map((order) => order.order_id).sort()).toEqual([refunded.orderId, unmatched.orderId].sort());
    const unmatchedOrder = ebayOrders.results.find((order) => order.order_id === unmatched.orderId)!;
    expect(unmatchedOrder).toMatchObject({ inventory_item_listing: null, status: 'awaiting_shipment', net_revenue: '47.00' });
    await t.api
      .get(`${ORDERS}?platform=myspace`)
      .set(shop.auth)
      .expect(400, { platform: ['"myspace" is not a valid choice.'] });
    await t.api.get(`${ORDERS}?ordering=buyer`).set(shop.auth).expect(400);
    expect(uids(await list(shop, '?status=awaiting_shipment'))).toEqual([unmatchedOrder.uid]);
    expect(uids(await list(shop, '?status=shipped'))).toEqual([sold.mail.order.uid]);
    expect(uids(await list(shop, '?status=completed')).sort()).toEqual([sold.counter.order.uid, sold.fair.order.uid].sort());
    expect((await list(shop, '?status=CANCELED')).results.map((order) => order.order_id)).toEqual([refunded.orderId]);
    expect(uids(await list(shop, `?search=${unmatched.orderId}`))).toEqual([unmatchedOrder.uid]);
    expect(uids(await list(shop, '?search=9400111899223856928499'))).toEqual([sold.mail.order.uid]);
    expect(uids(await list(shop, '?search=fair%20BUYER'))).toEqual([sold.fair.order.uid]);
    expect((await list(shop, '?search=kind%20of%20blue')).count).toBe(5);
    expect((await list(shop, '?search=nothing-like-this')).count).toBe(0);

    const all = (await list(shop)).results;
    expect(all).toHaveLength(5);
    const sorted = (ordering: string) => list(shop, `?ordering=${ordering}`).then((page) => page.results);
    const prices = (orders: Order[]) => orders.map((order) => order.sale_price);
    expect(prices(await sorted('sale_price'))).toEqual(['10.00', '12.00', '25.50', '40.00', '55.00']);
    expect(prices(await sorted('-sale_price'))).toEqual(['55.00', '40.00', '25.50', '12.00', '10.00']);
    const nets = (orders: Order[]) => orders.map((order) => order.net_revenue);
    expect(nets(await sorted('net_revenue'))).toEqual(['8.00', '12.00', '23.50', '38.00', '47.00']);
    expect(nets(await sorted('-net_revenue'))).toEqual(['47.00', '38.00', '23.50', '12.00', '8.00']);
    const soldAts = (orders: Order[]) => orders.map((order) => Date.parse(order.sold_at));
    const ascending = soldAts(await sorted('sold_at'));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(soldAts(await sorted('-sold_at'))).toEqual([...ascending].reverse());
    const created = (await sorted('created')).map((order) => order.uid);
    expect((await sorted('-created')).map((order) => order.uid)).toEqual([...created].reverse());
    expect(all.map((order) => order.uid)).toEqual([...created].reverse());
    expect(created.slice(0, 3)).toEqual([sold.counter.order.uid, sold.fair.order.uid, sold.mail.order.uid]);
    const firstPage = await list(shop, '?page_size=2');
    expect(firstPage).toMatchObject({ count: 5, next: expect.stringContaining('page=2') });

    const stranger = await registerAccount(t.api);
    await t.api.get(`${ORDERS}${sold.fair.order.uid}/`).set(stranger.auth).expect(404);
    await t.api.get(`/api/v1/inventory/${sold.fair.item}/order/`).set(stranger.auth).expect(404);
    await t.api
      .post(`/api/v1/inventory/${sold.fair.item}/order/ship/`)
      .set(stranger.auth)
      .send({ tracking_number: '1', carrier: 'ups' })
      .expect(404);
    expect((await list(stranger)).count).toBe(0);
  });
});
