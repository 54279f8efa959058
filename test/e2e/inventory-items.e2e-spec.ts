import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

interface Item {
  uid: string;
  title: string;
  status: string;
  [field: string]: unknown;
}

describe('Inventory items (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  let other: Account;
  let productUid: string;
  beforeAll(async () => {
    t = await createTestApp();
    [seller, other] = await Promise.all([registerAccount(t.api), registerAccount(t.api)]);
    const product = await t.api
      .post('/api/v1/products/')
      .set(seller.auth)
      .send({ title: 'Abbey Road', type: 'physical', artist_name: 'The Beatles', catalog_number: 'PCS 7088' })
      .expect(201);
    productUid = product.body.uid;
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (account: Account, body: Record<string, unknown>) => t.api.post('/api/v1/inventory/').set(account.auth).send(body);
  const item = (uid: string) => `/api/v1/inventory/${uid}/`;

  it('creates an item linked to a product as the seed shows, with every documented field', async () => {
    const response = await create(seller, {
      product_uid: productUid,
      condition_item: 'vg_plus',
      condition_container: 'vg',
      price_total_usd: '34.99',
      price_shipping_usd: '5.00',
      price_purchased_item: '12.00',
      status: 'ready-to-sell',
      manual_description: 'Original 1969 UK pressing.',
    }).expect(201);
    const body = response.body;
    expect(body).toMatchObject({
      title: 'Abbey Road - VG+',
      name: null,
      product: { uid: productUid, title: 'Abbey Road', type: 'physical', artist: { name: 'The Beatles' }, catalog_number: 'PCS 7088' },
      organization: { uid: seller.organization.uid },
      user: { uid: seller.user.uid, email: seller.user.email },
      inventory_item_type: null,
      condition_item: 'vg_plus',
      condition_item_display: 'VG+',
      condition_container: 'vg',
      condition_container_display: 'VG',
      condition_container_manually_set: true,
      grade_tier_code: 'good',
      grade_tier_label: 'Good',
      status: 'ready-to-sell',
      status_display: 'Ready to Sell',
      price_total_usd: '34.99',
      price_shipping_usd: '5.00',
      price_purchased_item: '12.00',
      manual_description: 'Original 1969 UK pressing.',
      resolved_sku: 'PCS 7088',
      resolved_sku_source: 'catalog_number',
      default_pricing_model: { uid: 'pm_fixed_price', type: 'fixed_price', type_display: 'Fixed price' },
      assets: [],
      days_in_inventory: 0,
      days_listed: 0,
      listed_at: null,
      is_deletable: true,
      is_sold: false,
    });
    expect(body.uid).toMatch(/^inv_/);
    expect(body.organization).toEqual({
      uid: seller.organization.uid,
      display_name: expect.any(String),
      slug: expect.any(String),
      default_barcode_type: expect.any(String),
    });
  });

  it('auto-creates a product from product_title with the write-only product fields', async () => {
    const response = await create(seller, {
      product_title: 'Let It Be',
      name: 'Let It Be LP - VG+',
      product_catalog_number: 'PCS 7096',
      product_year: '1970',
      product_metadata: { external_id: 'discogs:1234' },
      condition_item: 'vg_plus',
      price_total_usd: '34.99',
    }).expect(201);
    expect(response.body).toMatchObject({ title: 'Let It Be LP - VG+', name: 'Let It Be LP - VG+', status: 'draft' });
    const product = await t.api.get(`/api/v1/products/${response.body.product.uid}/`).set(seller.auth).expect(200);
    expect(product.body).toMatchObject({ title: 'Let It Be', type: 'physical', catalog_number: 'PCS 7096', year: '1970' });
    expect(product.body.inventory_items.map((summary: Item) => summary.uid)).toEqual([response.body.uid]);
  });

  it('takes the item type by uid as the seed sends it, and shows it', async () => {
    const response = await create(seller, {
      product_title: 'Abbey Road',
      name: 'Abbey Road LP - VG+',
      product_catalog_number: 'PCS 7088',
      product_year: '1969',
      condition_item: 'vg_plus',
      price_total_usd: '34.99',
      inventory_item_type_uid: 'type_vinyl',
    }).expect(201);
    expect(response.body.inventory_item_type).toEqual({ uid: 'type_vinyl', name: 'Vinyl', slug: 'vinyl' });
    const listed = await t.api.get('/api/v1/inventory/?search=abbey%20road%20lp').set(seller.auth).expect(200);
    expect(listed.body.results[0].inventory_item_type).toEqual({ uid: 'type_vinyl', name: 'Vinyl', slug: 'vinyl' });
    const cleared = await t.api.patch(item(response.body.uid)).set(seller.auth).send({ inventory_item_type_uid: null }).expect(200);
    expect(cleared.body.inventory_item_type).toBeNull();
    const unknown = await t.api
      .patch(item(response.body.uid))
      .set(seller.auth)
      .send({ inventory_item_type_uid: 'type_laserdisc' })
      .expect(400);
    expect(unknown.body).toEqual({ inventory_item_type_uid: ['Item type "type_laserdisc" does not exist.'] });
  });

  it('says per platform whether the item can be listed now, and why not', async () => {
    const unpriced = await create(seller, { product_uid: productUid, status: 'ready-to-sell' }).expect(201);
    const slugs = unpriced.body.platform_listability.map((entry: { platform: { slug: string } }) => entry.platform.slug);
    expect(slugs).toEqual(['ebay', 'discogs', 'etsy', 'shopify', 'redbubble', 'teepublic', 'society6']);
    const byPlatform = Object.fromEntries(
      unpriced.body.platform_listability.map((entry: { platform: { slug: string }; blocking_code: string | null }) => [
        entry.platform.slug,
        entry,
      ]),
    );
    expect(byPlatform.ebay).toEqual({
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
      can_be_listed: false,
      blocking_code: 'not_connected',
      blocking_reason: expect.any(String),
    });
    expect(byPlatform.redbubble).toMatchObject({ can_be_listed: false, blocking_code: 'physical_not_supported' });
    await t.sql(`UPDATE subscriptions SET status = 'canceled' WHERE organization_id = (SELECT id FROM organizations WHERE uid = $1)`, [
      seller.organization.uid,
    ]);
    try {
      const lapsed = await t.api.get(item(unpriced.body.uid)).set(seller.auth).expect(200);
      expect(lapsed.body.platform_listability[0]).toMatchObject({ can_be_listed: false, blocking_code: 'subscription_inactive' });
    } finally {
      await t.sql(`UPDATE subscriptions SET status = 'trialing' WHERE organization_id = (SELECT id FROM organizations WHERE uid = $1)`, [
        seller.organization.uid,
      ]);
    }
  });

  it("lists the item's listings with their permissions, and refuses to delete an item listed somewhere", async () => {
    const created = await create(seller, { product_uid: productUid, price_total_usd: '34.99', status: 'ready-to-sell' }).expect(201);
    expect(
      (
        await t.api
          .get(`${item(created.body.uid)}listings/`)
          .set(seller.auth)
          .expect(200)
      ).body,
    ).toEqual([]);
    await t.sql(
      `INSERT INTO inventory_item_listings (uid, organization_id, inventory_item_id, platform_id, status, listing_id, listing_price_usd, marketplace_url)
       SELECT 'lst_e2e' || i.id, i.organization_id, i.id, p.id, 'listed', '394857201', '34.99', 'https://ebay.com/itm/394857201'
         FROM inventory_items i, platforms p WHERE i.uid = $1 AND p.slug = 'ebay'`,
      [created.body.uid],
    );
    const listings = await t.api
      .get(`${item(created.body.uid)}listings/`)
      .set(seller.auth)
      .expect(200);
    expect(listings.body).toHaveLength(1);
    expect(listings.body[0]).toMatchObject({
      status: 'listed',
      status_display: 'Listed',
      platform: { uid: 'plat_ebay', name: 'eBay', display_name: 'eBay', slug: 'ebay', platform_type: 'marketplace' },
      listing_id: '394857201',
      listing_price_usd: '34.99',
      marketplace_url: 'https://ebay.com/itm/394857201',
      is_sold: false,
      permissions: { can_list: false, can_delist: true, can_update_price: true, can_retry_listing: false, can_retry_delisting: false },
      action_reasons: {},
      last_error_code: null,
    });
    const detail = await t.api.get(item(created.body.uid)).set(seller.auth).expect(200);
    expect(detail.body.is_deletable).toBe(false);
    expect(detail.body.platform_listability[0]).toMatchObject({ blocking_code: 'already_listed' });
    const refused = await t.api.delete(item(created.body.uid)).set(seller.auth).expect(400);
    expect(refused.body).toEqual({ non_field_errors: ['This item has active marketplace listings. Delist it before deleting it.'] });
    await t.api.get(item(created.body.uid)).set(seller.auth).expect(200);
    await t.api
      .get(`${item(created.body.uid)}listings/`)
      .set(other.auth)
      .expect(404);
  });

  it('creates the product from the name when no product is named, and needs one of them', async () => {
    const named = await create(seller, { name: 'Mystery white label' }).expect(201);
    expect(named.body.product.title).toBe('Mystery white label');
    const none = await create(seller, { condition_item: 'vg' }).expect(400);
    expect(Object.keys(none.body)).toEqual(['name']);
    const both = await create(seller, { product_uid: productUid, product_title: 'X' }).expect(400);
    expect(both.body.non_field_errors).toHaveLength(1);
    const stray = await create(seller, { product_uid: productUid, product_year: '1970' }).expect(400);
    expect(Object.keys(stray.body)).toEqual(['product_year']);
    const metadata = await create(seller, { product_title: 'X', product_metadata: { source: 'discogs' } }).expect(400);
    expect(Object.keys(metadata.body)).toEqual(['product_metadata']);
    const unknown = await create(seller, { product_uid: 'prod_doesnotexist' }).expect(400);
    expect(Object.keys(unknown.body)).toEqual(['product_uid']);
    const foreign = await create(other, { product_uid: productUid }).expect(400);
    expect(Object.keys(foreign.body)).toEqual(['product_uid']);
  });

  it('validates money, status and text fields, changing nothing', async () => {
    const before = (await t.api.get('/api/v1/inventory/').set(seller.auth).expect(200)).body.count;
    const money = await create(seller, { product_uid: productUid, price_purchased_item: '123456.00', price_total_usd: 'abc' }).expect(400);
    expect(money.body).toEqual({
      price_purchased_item: ['Ensure that there are no more than 7 digits in total.'],
      price_total_usd: ['A valid number is required.'],
    });
    const status = await create(seller, { product_uid: productUid, status: 'shipped' }).expect(400);
    expect(status.body).toEqual({ status: ['"shipped" is not a valid choice.'] });
    for (const manual of ['listed', 'sold']) {
      const refused = await create(seller, { product_uid: productUid, status: manual }).expect(400);
      expect(Object.keys(refused.body)).toEqual(['status']);
    }
    await create(seller, { product_uid: productUid, location: 'x'.repeat(201) }).expect(400);
    expect((await t.api.get('/api/v1/inventory/').set(seller.auth).expect(200)).body.count).toBe(before);
  });

  it('normalises grades, refuses unknown ones, and mirrors the container grade unless set by hand', async () => {
    const mirrored = await create(seller, { product_uid: productUid, condition_item: 'Near Mint (NM or M-)' }).expect(201);
    expect(mirrored.body).toMatchObject({
      condition_item: 'nm',
      condition_container: 'nm',
      condition_container_manually_set: false,
      title: 'Abbey Road - NM',
      grade_tier_code: 'excellent',
    });
    const regraded = await t.api.patch(item(mirrored.body.uid)).set(seller.auth).send({ condition_item: 'vg+' }).expect(200);
    expect(regraded.body).toMatchObject({ condition_item: 'vg_plus', condition_container: 'vg_plus' });
    const sleeve = await t.api.patch(item(mirrored.body.uid)).set(seller.auth).send({ condition_container: 'Generic' }).expect(200);
    expect(sleeve.body).toMatchObject({
      condition_container: 'generic',
      condition_container_display: 'Generic',
      condition_container_manually_set: true,
    });
    const kept = await t.api.patch(item(mirrored.body.uid)).set(seller.auth).send({ condition_item: 'G+' }).expect(200);
    expect(kept.body).toMatchObject({ condition_item: 'good_plus', condition_container: 'generic' });
    const again = await t.api.patch(item(mirrored.body.uid)).set(seller.auth).send({ condition_container_manually_set: false }).expect(200);
    expect(again.body).toMatchObject({ condition_container: 'good_plus', condition_container_manually_set: false });
    const manual = await create(seller, { product_uid: productUid, condition_item: 'vg', condition_container_manually_set: true }).expect(
      201,
    );
    expect(manual.body).toMatchObject({ condition_item: 'vg', condition_container: null });

    const bad = await create(seller, { product_uid: productUid, condition_item: 'VG++', condition_container: 'no_sleeve' }).expect(400);
    expect(bad.body).toEqual({
      condition_item: ['"VG++" is not a valid choice.'],
      condition_container: ['"no_sleeve" is not a valid choice.'],
    });
    const sleeveOnItem = await create(seller, { product_uid: productUid, condition_item: 'generic' }).expect(400);
    expect(Object.keys(sleeveOnItem.body)).toEqual(['condition_item']);
  });

  it('updates as the seed shows, validating status transitions and recording purchase and receipt', async () => {
    const created = await create(seller, { product_uid: productUid, condition_item: 'vg_plus', price_total_usd: '34.99' }).expect(201);
    const uid = created.body.uid;
    const patched = await t.api
      .patch(item(uid))
      .set(seller.auth)
      .send({ price_total_usd: '39.99', condition_item: 'nm', condition_comments: 'Upgraded after re-inspection.' })
      .expect(200);
    expect(patched.body).toMatchObject({
      price_total_usd: '39.99',
      condition_item: 'nm',
      condition_comments: 'Upgraded after re-inspection.',
      title: 'Abbey Road - NM',
    });
    expect(created.body.purchased_at).toBeNull();
    const purchased = await t.api.patch(item(uid)).set(seller.auth).send({ status: 'purchased' }).expect(200);
    expect(purchased.body.purchased_at).toEqual(expect.any(String));
    expect(purchased.body.received_at).toBeNull();
    const received = await t.api.patch(item(uid)).set(seller.auth).send({ status: 'received' }).expect(200);
    expect(received.body.received_at).toEqual(expect.any(String));
    expect(received.body.purchased_at).toBe(purchased.body.purchased_at);
    expect((await t.api.patch(item(uid)).set(seller.auth).send({ status: 'listed' }).expect(400)).body).toEqual({
      status: ['The status "listed" is set when the item is listed on a marketplace.'],
    });
    await t.api.patch(item(uid)).set(seller.auth).send({ status: null }).expect(400);
    await t.sql(`UPDATE inventory_items SET status = 'sold' WHERE uid = $1`, [uid]);
    const sold = await t.api.get(item(uid)).set(seller.auth).expect(200);
    expect(sold.body).toMatchObject({ is_sold: true, is_deletable: false });
    expect((await t.api.patch(item(uid)).set(seller.auth).send({ status: 'ready-to-sell' }).expect(400)).body).toEqual({
      status: ['A sold item keeps its status.'],
    });
    expect((await t.api.delete(item(uid)).set(seller.auth).expect(400)).body.non_field_errors).toEqual([
      'This item has an order and cannot be deleted.',
    ]);
  });

  it('computes days in inventory from receipt, else purchase, else creation', async () => {
    const created = await create(seller, { product_uid: productUid }).expect(201);
    await t.sql(
      `UPDATE inventory_items SET created = now() - interval '30 days', purchased_at = now() - interval '20 days', listed_at = now() - interval '36 hours' WHERE uid = $1`,
      [created.body.uid],
    );
    const purchased = await t.api.get(item(created.body.uid)).set(seller.auth).expect(200);
    expect(purchased.body).toMatchObject({ days_in_inventory: 20, days_listed: 1.5 });
    await t.sql(`UPDATE inventory_items SET received_at = now() - interval '14 days 4 hours 48 minutes' WHERE uid = $1`, [
      created.body.uid,
    ]);
    expect((await t.api.get(item(created.body.uid)).set(seller.auth).expect(200)).body.days_in_inventory).toBe(14.2);
  });

  it('soft-deletes: gone from list, detail and product counts; audit entries remain readable only while the item lives', async () => {
    const product = await t.api.post('/api/v1/products/').set(seller.auth).send({ title: 'Revolver', type: 'physical' }).expect(201);
    const created = await create(seller, { product_uid: product.body.uid, status: 'ready-to-sell' }).expect(201);
    expect((await t.api.get(`/api/v1/products/${product.body.uid}/`).set(seller.auth).expect(200)).body.total_inventory_count).toBe(1);
    await t.api.delete(item(created.body.uid)).set(seller.auth).expect(204);
    await t.api.get(item(created.body.uid)).set(seller.auth).expect(404);
    await t.api.patch(item(created.body.uid)).set(seller.auth).send({ notes: 'x' }).expect(404);
    await t.api.delete(item(created.body.uid)).set(seller.auth).expect(404);
    const listed = await t.api.get('/api/v1/inventory/?page_size=100').set(seller.auth).expect(200);
    expect(listed.body.results.map((row: Item) => row.uid)).not.toContain(created.body.uid);
    const after = await t.api.get(`/api/v1/products/${product.body.uid}/`).set(seller.auth).expect(200);
    expect(after.body).toMatchObject({ total_inventory_count: 0, inventory_items: [] });
    const [row] = (await t.sql(`SELECT deleted_at FROM inventory_items WHERE uid = $1`, [created.body.uid])).rows;
    expect(row.deleted_at).not.toBeNull();
    const [entry] = (
      await t.sql(
        `SELECT action, source FROM inventory_audit_logs l JOIN inventory_items i ON i.id = l.inventory_item_id WHERE i.uid = $1 ORDER BY l.id DESC LIMIT 1`,
        [created.body.uid],
      )
    ).rows;
    expect(entry).toEqual({ action: 'delete', source: 'web' });
  });

  it("answers another organization's item as not found, everywhere", async () => {
    const created = await create(seller, { product_uid: productUid, notes: 'mine' }).expect(201);
    await t.api.get(item(created.body.uid)).set(other.auth).expect(404);
    await t.api.patch(item(created.body.uid)).set(other.auth).send({ notes: 'theirs' }).expect(404);
    await t.api.delete(item(created.body.uid)).set(other.auth).expect(404);
    await t.api
      .get(`${item(created.body.uid)}audit-logs/`)
      .set(other.auth)
      .expect(404);
    expect((await t.api.get('/api/v1/inventory/').set(other.auth).expect(200)).body.count).toBe(0);
    expect((await t.api.get(item(created.body.uid)).set(seller.auth).expect(200)).body.notes).toBe('mine');
    await t.api.get('/api/v1/inventory/').expect(401);
  });

  it('audits every change with before/after values, source and request facts, newest first', async () => {
    const key = (await t.api.post('/api/v1/api-keys/').set(seller.auth).send({ name: 'Audit script' }).expect(201)).body.key;
    const viaKey = { 'X-API-Key': key, 'User-Agent': 'audit-test/1.0', 'X-Request-Id': 'req-audit-1' };
    const created = await t.api
      .post('/api/v1/inventory/')
      .set(viaKey)
      .send({ product_uid: productUid, price_total_usd: '30.00' })
      .expect(201);
    const uid = created.body.uid;
    // The price it has, written at another scale, is no change: no audit entry.
    await t.api.patch(item(uid)).set(seller.auth).send({ price_total_usd: '30' }).expect(200);
    await t.api.patch(item(uid)).set(seller.auth).send({ price_total_usd: '34.99' }).expect(200);
    await t.api.patch(item(uid)).set(seller.auth).send({ status: 'ready-to-sell', notes: 'Shelf A' }).expect(200);
    await t.api.patch(item(uid)).set(seller.auth).send({ notes: 'Shelf A' }).expect(200);
    const logs = await t.api
      .get(`${item(uid)}audit-logs/`)
      .set(seller.auth)
      .expect(200);
    expect(logs.body.count).toBe(3);
    const [status, price, creation] = logs.body.results;
    expect(creation).toMatchObject({
      action: 'create',
      source: 'api',
      actor_uid: seller.user.uid,
      organization_uid: seller.organization.uid,
      inventory_item_uid: uid,
      inventory_item_title: 'Abbey Road',
      status_before: null,
      status_after: 'draft',
      request_id: 'req-audit-1',
      user_agent: 'audit-test/1.0',
      ip_address: expect.any(String),
      severity: 'info',
      listing_uid: null,
      platform_slug: null,
    });
    expect(creation.uid).toMatch(/^log_/);
    expect(price).toMatchObject({
      action: 'price_update',
      source: 'web',
      message: 'Price changed from $30.00 to $34.99.',
      metadata: { changes: { price_total_usd: { before: '30.00', after: '34.99' } } },
    });
    expect(status).toMatchObject({
      action: 'status_change',
      status_before: 'draft',
      status_after: 'ready-to-sell',
      message: 'Status changed from Draft to Ready to Sell.',
      metadata: { changes: { status: { before: 'draft', after: 'ready-to-sell' }, notes: { before: null, after: 'Shelf A' } } },
    });
    const paged = await t.api
      .get(`${item(uid)}audit-logs/?page_size=1&page=2`)
      .set(seller.auth)
      .expect(200);
    expect(paged.body.results[0].uid).toBe(price.uid);
    await t.api
      .get(`${item('inv_missing')}audit-logs/`)
      .set(seller.auth)
      .expect(404);
  });

  it('keeps the per-status counts of the list equal to a recount through creates, status changes and deletes', async () => {
    const product = await t.api.post('/api/v1/products/').set(seller.auth).send({ title: 'Counted', type: 'physical' }).expect(201);
    const made = [];
    for (const status of ['draft', 'draft', 'received']) {
      made.push((await create(seller, { product_uid: product.body.uid, status }).expect(201)).body.uid);
    }
    await t.api.patch(item(made[0])).set(seller.auth).send({ status: 'ready-to-sell' }).expect(200);
    await t.api.delete(item(made[1])).set(seller.auth).expect(204);
    const count = async (query: string) => (await t.api.get(`/api/v1/inventory/${query}`).set(seller.auth).expect(200)).body.count;
    const results = async (query: string) =>
      (
        await t.api
          .get(`/api/v1/inventory/${query}${query ? '&' : '?'}page_size=100`)
          .set(seller.auth)
          .expect(200)
      ).body.results.length;
    for (const query of ['', '?status=draft', '?status=ready-to-sell,received', '?status=listed']) {
      expect([query, await count(query)]).toEqual([query, await results(query)]);
    }
    await t.api.delete(`/api/v1/products/${product.body.uid}/`).set(seller.auth).expect(204);
    const drift = await t.sql(
      `SELECT organization_id, status, kept, live FROM (
         SELECT organization_id, status, item_count AS kept FROM organization_inventory_counts WHERE item_count <> 0) AS k
       FULL JOIN (SELECT organization_id, status, count(*)::integer AS live FROM inventory_items WHERE deleted_at IS NULL GROUP BY 1, 2) AS l
       USING (organization_id, status)
       WHERE kept IS DISTINCT FROM live`,
    );
    expect(drift.rows).toEqual([]);
  });

  it('rolls the change back with its audit entry when the audit cannot be written', async () => {
    const created = await create(seller, { product_uid: productUid, notes: 'before' }).expect(201);
    await t.sql(`ALTER TABLE inventory_audit_logs ADD CONSTRAINT refuse_updates CHECK (action <> 'update') NOT VALID`);
    try {
      await t.api.patch(item(created.body.uid)).set(seller.auth).send({ notes: 'after' }).expect(500);
    } finally {
      await t.sql(`ALTER TABLE inventory_audit_logs DROP CONSTRAINT refuse_updates`);
    }
    expect((await t.api.get(item(created.body.uid)).set(seller.auth).expect(200)).body.notes).toBe('before');
  });
});

describe('Inventory list (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  const uids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    seller = await registerAccount(t.api);
    const post = (path: string, body: Record<string, unknown>) => t.api.post(path).set(seller.auth).send(body).expect(201);
    const abbey = (
      await post('/api/v1/products/', { title: 'Abbey Road', type: 'physical', artist_name: 'The Beatles', catalog_number: 'PCS 7088' })
    ).body.uid;
    const kind = (
      await post('/api/v1/products/', { title: 'Kind of Blue', type: 'physical', artist_name: 'Miles Davis', catalog_number: 'CS 8163' })
    ).body.uid;
    const fixtures: Array<[string, Record<string, unknown>]> = [
      ['a', { product_uid: abbey, condition_item: 'vg_plus', price_total_usd: '34.99', status: 'ready-to-sell', manual_sku: 'B-2' }],
      [
        'b',
        {
          product_uid: kind,
          condition_item: 'mint',
          price_total_usd: '120.00',
          status: 'draft',
          manual_description: 'Six-eye stereo pressing',
        },
      ],
      ['c', { product_uid: abbey, name: 'Zebra test pressing', condition_item: 'poor', status: 'received', manual_sku: 'A-1' }],
      ['d', { product_uid: kind, price_total_usd: '9.50', status: 'cancelled' }],
    ];
    for (const [key, body] of fixtures) uids[key] = (await post('/api/v1/inventory/', body)).body.uid;
    // Distinct creation times and ages, so that every ordering has one right answer.
    await t.sql(
      `UPDATE inventory_items SET created = now() - (interval '1 day' * CASE uid WHEN $1 THEN 4 WHEN $2 THEN 3 WHEN $3 THEN 2 ELSE 1 END),
              updated = now() - (interval '1 hour' * CASE uid WHEN $1 THEN 1 WHEN $2 THEN 4 WHEN $3 THEN 3 ELSE 2 END),
              received_at = CASE uid WHEN $3 THEN now() - interval '10 days' END
        WHERE uid = ANY(ARRAY[$1, $2, $3, $4])`,
      [uids.a, uids.b, uids.c, uids.d],
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  const list = async (query: string) => {
    const response = await t.api.get(`/api/v1/inventory/${query}`).set(seller.auth).expect(200);
    return response.body.results.map((row: Item) => Object.entries(uids).find(([, uid]) => uid === row.uid)?.[0]).join('');
  };

  it('lists newest first by default, ten a page, at most 100', async () => {
    expect(await list('')).toBe('dcba');
    const paged = await t.api
      .get('/api/v1/inventory/?page_size=2&status=ready-to-sell,draft,received,cancelled')
      .set(seller.auth)
      .expect(200);
    expect(paged.body.count).toBe(4);
    expect(paged.body.next).toContain('page=2');
    expect(paged.body.next).toContain('page_size=2');
    await t.api.get('/api/v1/inventory/?page=3&page_size=2').set(seller.auth).expect(404);
    expect((await t.api.get('/api/v1/inventory/?page_size=1000').set(seller.auth).expect(200)).body.results).toHaveLength(4);
  });

  it('sorts by every documented ordering, both ways', async () => {
    const expected: Record<string, string> = {
      created: 'abcd',
      updated: 'bcda',
      name: 'abdc',
      title: 'abdc',
      price_total_usd: 'dabc',
      '-price_total_usd': 'badc',
      status: 'dbac',
      condition_item: 'bacd',
      '-condition_item': 'cabd',
      manual_sku: 'cabd',
      '-manual_sku': 'acdb',
      days_in_inventory: 'dbac',
      '-days_in_inventory': 'cabd',
    };
    for (const [ordering, order] of Object.entries(expected))
      expect([ordering, await list(`?ordering=${ordering}`)]).toEqual([ordering, order]);
    expect(await list('?ordering=-created')).toBe('dcba');
    expect(await list('?ordering=-name')).toBe('cdba');
    const bad = await t.api.get('/api/v1/inventory/?ordering=price').set(seller.auth).expect(400);
    expect(bad.body).toEqual({ ordering: ['"price" is not a valid choice.'] });
  });

  it('filters by status, comma-separated or repeated, and refuses unknown statuses', async () => {
    expect(await list('?status=ready-to-sell')).toBe('a');
    expect(await list('?status=draft,received')).toBe('cb');
    expect(await list('?status=draft&status=cancelled')).toBe('db');
    const bad = await t.api.get('/api/v1/inventory/?status=draft,shipped').set(seller.auth).expect(400);
    expect(bad.body).toEqual({ status: ['"shipped" is not a valid choice.'] });
  });

  it('searches name, manual description, manual SKU, product title, artist and catalog number', async () => {
    expect(await list('?search=zebra')).toBe('c');
    expect(await list('?search=SIX-EYE')).toBe('b');
    expect(await list('?search=b-2')).toBe('a');
    expect(await list('?search=kind%20of')).toBe('db');
    expect(await list('?search=miles')).toBe('db');
    expect(await list('?search=pcs%207088')).toBe('ca');
    expect(await list('?search=100%25')).toBe('');
    expect(await list('?search=beatles&status=received')).toBe('c');
  });

  it("follows the product's title and artist into search and the title ordering", async () => {
    const product = await t.api.post('/api/v1/products/').set(seller.auth).send({ title: 'Placeholder', type: 'physical' }).expect(201);
    const created = await t.api.post('/api/v1/inventory/').set(seller.auth).send({ product_uid: product.body.uid }).expect(201);
    await t.api
      .patch(`/api/v1/products/${product.body.uid}/`)
      .set(seller.auth)
      .send({ title: 'Aardvark Sessions', artist_name: 'Quux Trio' })
      .expect(200);
    const found = await t.api.get('/api/v1/inventory/?search=quux').set(seller.auth).expect(200);
    expect(found.body.results.map((row: Item) => [row.uid, row.title])).toEqual([[created.body.uid, 'Aardvark Sessions']]);
    const byTitle = await t.api.get('/api/v1/inventory/?ordering=title').set(seller.auth).expect(200);
    expect(byTitle.body.results[0].uid).toBe(created.body.uid);
    await t.api.delete(`/api/v1/inventory/${created.body.uid}/`).set(seller.auth).expect(204);
  });
});
