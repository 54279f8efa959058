import { insertAsset, insertItem } from '../support/catalog.js';
import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

interface Product {
  uid: string;
  [field: string]: unknown;
}

describe('Products (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  let other: Account;
  beforeAll(async () => {
    t = await createTestApp();
    seller = await registerAccount(t.api);
    other = await registerAccount(t.api);
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = async (body: object, account: Account = seller): Promise<Product> =>
    (await t.api.post('/api/v1/products/').set(account.auth).send(body).expect(201)).body as Product;
  const productCount = async () => (await t.sql('SELECT count(*)::int AS n FROM products')).rows[0].n as number;

  describe('create', () => {
    it('creates the documented example', async () => {
      const product = await create({
        title: 'Abbey Road',
        type: 'physical',
        marketplace_description: 'Original 1969 UK pressing.',
        tags: ['classic-rock', 'uk-pressing'],
        price_override_usd: '29.99',
      });
      expect(product).toMatchObject({
        uid: expect.stringMatching(/^prod_/),
        title: 'Abbey Road',
        type: 'physical',
        type_display: 'Physical',
        artist: null,
        music_label: null,
        catalog_number: null,
        tags: ['classic-rock', 'uk-pressing'],
        marketplace_description: 'Original 1969 UK pressing.',
        price_override_usd: '29.99',
        total_inventory_count: 0,
        listed_inventory_count: 0,
        available_inventory_count: 0,
        inventory_items: [],
        marketplace_presences: [],
        has_primary_asset: false,
        metadata: null,
        redbubble_presence: { exists: false, external_url: null, external_listing_id: null, status: null },
      });
      expect(product.created).toMatch(/Z$/);
      const fetched = await t.api.get(`/api/v1/products/${product.uid}/`).set(seller.auth).expect(200);
      expect(fetched.body).toEqual(product);
    });

    it('needs only a title and defaults the type to digital', async () => {
      const product = await create({ title: 'Only a title' });
      expect(product).toMatchObject({
        type: 'digital',
        type_display: 'Digital',
        tags: [],
        is_mature_content: false,
        default_shop_product: false,
      });
    });

    it('accepts every documented field', async () => {
      const product = await create({
        title: 'Kind of Blue',
        type: 'digital-report',
        license_type: 'cc-by',
        license_notes: 'Attribution',
        media_type: 'audio',
        is_mature_content: true,
        default_visibility: 'public',
        default_shop_product: true,
        background_color: '#000000',
        enabled_product_types: { poster: true },
        collections: { jazz: [1, 2] },
        catalog_number: 'CL 1355',
        year: '1959-08-17',
        artist_name: 'Miles Davis',
        music_label_name: 'Columbia',
        formats: ['Vinyl'],
      });
      expect(product).toMatchObject({
        type: 'digital-report',
        type_display: 'Digital Report',
        license_type: 'cc-by',
        license_notes: 'Attribution',
        media_type: 'audio',
        is_mature_content: true,
        default_visibility: 'public',
        default_shop_product: true,
        background_color: '#000000',
        enabled_product_types: { poster: true },
        collections: { jazz: [1, 2] },
        catalog_number: 'CL 1355',
        year: '1959-08-17',
        artist: { uid: expect.stringMatching(/^art_/), name: 'Miles Davis' },
        music_label: { uid: expect.stringMatching(/^lbl_/), name: 'Columbia' },
        formats: ['Vinyl'],
      });
    });

    it.each([
      [{}, { title: ['This field is required.'] }],
      [{ title: '' }, { title: ['This field may not be blank.'] }],
      [{ title: '   ' }, { title: ['This field may not be blank.'] }],
      [{ title: 'x', type: 'cassette' }, { type: ['"cassette" is not a valid choice.'] }],
      [{ title: 'x', tags: ['t'.repeat(101)] }, { tags: ['Ensure this field has no more than 100 characters.'] }],
      [{ title: 'x', tags: 'jazz' }, { tags: ['Expected a list of items.'] }],
      [{ title: 'x', price_override_usd: '0' }, { price_override_usd: ['Ensure this value is greater than 0.'] }],
      [{ title: 'x', price_override_usd: '-3' }, { price_override_usd: ['Ensure this value is greater than 0.'] }],
      [{ title: 'x', price_override_usd: 'cheap' }, { price_override_usd: ['A valid number is required.'] }],
      [{ title: 'x', year: '69' }, { year: ['Date has wrong format. Use one of these formats instead: YYYY, YYYY-MM-DD.'] }],
      [{ title: 'x', enabled_product_types: [1] }, { enabled_product_types: ['Expected a dictionary of items.'] }],
      [{ title: 'x', is_mature_content: null }, { is_mature_content: ['This field may not be null.'] }],
    ])('refuses %j per field and writes nothing', async (body, errors) => {
      const before = await productCount();
      const response = await t.api.post('/api/v1/products/').set(seller.auth).send(body).expect(400);
      expect(response.body).toEqual(errors);
      expect(await productCount()).toBe(before);
    });

    it('ignores read-only and unknown fields', async () => {
      const product = await create({ title: 'Sneaky', uid: 'prod_mine', total_inventory_count: 99, artist: { name: 'x' }, owner: 'me' });
      expect(product.uid).not.toBe('prod_mine');
      expect(product.total_inventory_count).toBe(0);
      expect(product.artist).toBeNull();
    });
  });

  describe('update', () => {
    it('applies the documented example and links labels by name', async () => {
      const product = await create({ title: 'Abbey Road', type: 'physical' });
      const response = await t.api
        .patch(`/api/v1/products/${product.uid}/`)
        .set(seller.auth)
        .send({
          title: 'Abbey Road (Remastered)',
          year: '1969',
          music_label_name: 'Apple Records',
          catalog_number: 'PCS 7088',
          marketplace_description: 'Original UK pressing.',
          tags: ['classic-rock', 'remastered'],
          price_override_usd: '34.99',
        })
        .expect(200);
      expect(response.body).toMatchObject({
        uid: product.uid,
        title: 'Abbey Road (Remastered)',
        music_label: { uid: expect.stringMatching(/^lbl_/), name: 'Apple Records' },
        catalog_number: 'PCS 7088',
        year: '1969',
        tags: ['classic-rock', 'remastered'],
        price_override_usd: '34.99',
      });
      expect(response.body.updated >= (product.updated as string)).toBe(true);

      const second = await create({ title: 'Let It Be', music_label_name: '  apple records ' });
      expect((second.music_label as { uid: string }).uid).toBe(response.body.music_label.uid);
      const labels = await t.sql(
        `SELECT count(*)::int AS n FROM music_labels WHERE name_key = 'apple records' AND organization_id = (SELECT id FROM organizations WHERE uid = $1)`,
        [seller.organization.uid],
      );
      expect(labels.rows[0].n).toBe(1);

      const theirs = await create({ title: 'Theirs', music_label_name: 'Apple Records' }, other);
      expect((theirs.music_label as { uid: string }).uid).not.toBe(response.body.music_label.uid);
    });

    it('changes only the fields sent, clears with null and keeps the title when absent', async () => {
      const product = await create({
        title: 'Keep me',
        catalog_number: 'C1',
        tags: ['a'],
        artist_name: 'Someone',
        price_override_usd: '10',
      });
      const cleared = await t.api
        .patch(`/api/v1/products/${product.uid}/`)
        .set(seller.auth)
        .send({ catalog_number: null, price_override_usd: null, artist_name: null, tags: [], year: null, license_type: '' })
        .expect(200);
      expect(cleared.body).toMatchObject({
        title: 'Keep me',
        catalog_number: null,
        price_override_usd: null,
        artist: null,
        tags: [],
        year: null,
        license_type: '',
        type: 'digital',
      });
      const blankTitle = await t.api.patch(`/api/v1/products/${product.uid}/`).set(seller.auth).send({ title: null }).expect(200);
      expect(blankTitle.body.title).toBe('');
    });

    it('refuses bad values per field and changes nothing', async () => {
      const product = await create({ title: 'Stable', price_override_usd: '12.00' });
      const response = await t.api
        .patch(`/api/v1/products/${product.uid}/`)
        .set(seller.auth)
        .send({ title: 'Changed', price_override_usd: '0', default_shop_product: null, year: '2020-13-01' })
        .expect(400);
      expect(response.body).toEqual({
        price_override_usd: ['Ensure this value is greater than 0.'],
        default_shop_product: ['This field may not be null.'],
        year: ['Date has wrong format. Use one of these formats instead: YYYY, YYYY-MM-DD.'],
      });
      const after = await t.api.get(`/api/v1/products/${product.uid}/`).set(seller.auth).expect(200);
      expect(after.body).toMatchObject({ title: 'Stable', price_override_usd: '12.00' });
    });
  });

  describe('delete and tenancy', () => {
    it('deletes permanently with its items and presences', async () => {
      const product = await create({ title: 'Gone', type: 'physical' });
      await insertItem(t, product.uid, { status: 'listed', price: '10.00' });
      await t.api
        .post(`/api/v1/products/${product.uid}/marketplace-presences/`)
        .set(seller.auth)
        .send({ platform_uid: 'plat_ebay' })
        .expect(201);
      await t.api.delete(`/api/v1/products/${product.uid}/`).set(seller.auth).expect(204);
      await t.api.get(`/api/v1/products/${product.uid}/`).set(seller.auth).expect(404);
      const left = await t.sql(
        `SELECT (SELECT count(*) FROM products WHERE uid = $1)::int AS products,
                (SELECT count(*) FROM inventory_items i WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = i.product_id))::int AS items,
                (SELECT count(*) FROM marketplace_presences m WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = m.product_id))::int AS presences`,
        [product.uid],
      );
      expect(left.rows[0]).toEqual({ products: 0, items: 0, presences: 0 });
      await t.api.delete(`/api/v1/products/${product.uid}/`).set(seller.auth).expect(404);
    });

    it("answers 404 for another organization's product everywhere", async () => {
      const theirs = await create({ title: 'Private' }, other);
      const base = `/api/v1/products/${theirs.uid}`;
      expect((await t.api.get(`${base}/`).set(seller.auth).expect(404)).body).toEqual({ detail: 'Not found.' });
      await t.api.patch(`${base}/`).set(seller.auth).send({ title: 'Mine now' }).expect(404);
      await t.api.delete(`${base}/`).set(seller.auth).expect(404);
      await t.api.get(`${base}/marketplace-presences/`).set(seller.auth).expect(404);
      await t.api.post(`${base}/marketplace-presences/`).set(seller.auth).send({ platform_uid: 'plat_ebay' }).expect(404);
      await t.api.post(`${base}/image/`).set(seller.auth).attach('image', Buffer.from('x'), 'a.png').expect(404);
      const list = await t.api.get('/api/v1/products/?search=Private&page_size=100').set(seller.auth).expect(200);
      expect(list.body.results.map((product: Product) => product.uid)).not.toContain(theirs.uid);
      const still = await t.api.get(`${base}/`).set(other.auth).expect(200);
      expect(still.body.title).toBe('Private');
    });
  });

  describe('computed fields', () => {
    it('summarises inventory: counts, nested items, computed price and SKUs', async () => {
      const product = await create({ title: 'Abbey Road', type: 'physical', catalog_number: 'PCS 7088' });
      const first = await insertItem(t, product.uid, {
        status: 'ready-to-sell',
        price: '34.99',
        condition: 'vg_plus',
        container: 'vg',
        manualSku: 'PCS-7088-001',
      });
      await insertItem(t, product.uid, { status: 'listed', price: '29.99', condition: 'nm' });
      await insertItem(t, product.uid, { status: 'sold', price: '9.99' });
      await insertItem(t, product.uid, { status: 'received', price: '50.00', name: 'Signed copy' });
      await insertItem(t, product.uid, { status: 'ready-to-sell', price: '1.00', deleted: true });
      const body = (await t.api.get(`/api/v1/products/${product.uid}/`).set(seller.auth).expect(200)).body;
      expect(body).toMatchObject({
        total_inventory_count: 4,
        listed_inventory_count: 1,
        available_inventory_count: 2,
        price_computed_usd: '29.99',
        resolved_identifier: 'PCS 7088',
        resolved_identifier_source: 'catalog_number',
      });
      expect(body.inventory_items).toHaveLength(4);
      expect(body.inventory_items[0]).toEqual({
        uid: first,
        title: 'Abbey Road - VG+',
        status: 'ready-to-sell',
        status_display: 'Ready to Sell',
        condition_item: 'vg_plus',
        condition_item_display: 'VG+',
        condition_container: 'vg',
        condition_container_display: 'VG',
        condition_comments: null,
        price_total_usd: '34.99',
        listing_current_price: null,
        price_expected_usd: null,
        resolved_sku: 'PCS-7088-001',
        resolved_sku_source: 'manual',
        grade_tier_code: 'good',
        grade_tier_label: 'Good',
        created: expect.any(String),
        updated: expect.any(String),
      });
      expect(body.inventory_items[1]).toMatchObject({
        resolved_sku: 'PCS 7088',
        resolved_sku_source: 'catalog_number',
        grade_tier_code: 'excellent',
      });
      expect(body.inventory_items[3].title).toBe('Signed copy');
    });

    it('falls back to the cheapest active presence for the computed price, and prefers the UPC as identifier', async () => {
      const product = await create({ title: 'Presence priced', type: 'physical', upc: '0077774644020', catalog_number: 'X' });
      const presences = `/api/v1/products/${product.uid}/marketplace-presences/`;
      await t.api
        .post(presences)
        .set(seller.auth)
        .send({ platform_uid: 'plat_ebay', status: 'active', listing_price_usd: '19.99' })
        .expect(201);
      await t.api
        .post(presences)
        .set(seller.auth)
        .send({ platform_uid: 'plat_discogs', status: 'ended', listing_price_usd: '5.00' })
        .expect(201);
      const body = (await t.api.get(`/api/v1/products/${product.uid}/`).set(seller.auth).expect(200)).body;
      expect(body).toMatchObject({ price_computed_usd: '19.99', resolved_identifier: '0077774644020', resolved_identifier_source: 'upc' });
    });

    it('resolves product_image: uploaded image, then first item photo, then presence image', async () => {
      const product = await create({ title: 'Pictured', type: 'physical' });
      const url = `/api/v1/products/${product.uid}/`;
      expect((await t.api.get(url).set(seller.auth).expect(200)).body.product_image).toBeNull();
      await t.api.post(`${url}marketplace-presences/`).set(seller.auth).send({ platform_uid: 'plat_discogs' }).expect(201);
      await t.sql(
        `UPDATE marketplace_presences SET image_url = 'https://img.discogs.example/1.jpg' WHERE product_id = (SELECT id FROM products WHERE uid = $1)`,
        [product.uid],
      );
      expect((await t.api.get(url).set(seller.auth).expect(200)).body.product_image).toBe('https://img.discogs.example/1.jpg');
      const item = await insertItem(t, product.uid, { status: 'draft' });
      await insertAsset(t, item, 'inventory/abc/front.jpg');
      expect((await t.api.get(url).set(seller.auth).expect(200)).body.product_image).toBe(`${t.api.baseUrl}/media/inventory/abc/front.jpg`);
      await t.sql(`UPDATE products SET image_key = 'products/x/image.png' WHERE uid = $1`, [product.uid]);
      expect((await t.api.get(url).set(seller.auth).expect(200)).body.product_image).toBe(`${t.api.baseUrl}/media/products/x/image.png`);
    });

    it('offers platforms by product type and reports the Redbubble presence and metadata', async () => {
      const physical = await create({ title: 'LP', type: 'physical' });
      const digital = await create({ title: 'Poster', type: 'digital' });
      const slugs = (product: Product) => (product.available_platforms as Array<{ slug: string }>).map((platform) => platform.slug);
      expect(slugs(physical)).toEqual(['ebay', 'discogs', 'etsy', 'shopify']);
      expect(slugs(digital)).toEqual(['etsy', 'shopify', 'redbubble', 'teepublic', 'society6']);
      expect((physical.available_platforms as object[])[0]).toEqual({
        uid: 'plat_ebay',
        name: 'eBay',
        slug: 'ebay',
        display_name: 'eBay',
        platform_type: 'marketplace',
        supports_digital: false,
        supports_api_connection: true,
        connection_type: 'oauth',
      });
      await t.api
        .post(`/api/v1/products/${digital.uid}/marketplace-presences/`)
        .set(seller.auth)
        .send({
          platform_uid: 'plat_redbubble',
          external_listing_id: 'rb-1',
          external_url: 'https://redbubble.com/i/rb-1',
          status: 'active',
        })
        .expect(201);
      await t.sql(`UPDATE products SET metadata = '{"external_id": "r42", "external_id_title": "Discogs release"}' WHERE uid = $1`, [
        digital.uid,
      ]);
      const body = (await t.api.get(`/api/v1/products/${digital.uid}/`).set(seller.auth).expect(200)).body;
      expect(body.redbubble_presence).toEqual({
        exists: true,
        external_url: 'https://redbubble.com/i/rb-1',
        external_listing_id: 'rb-1',
        status: 'active',
      });
      expect(body.metadata).toEqual({ external_id: 'r42', external_id_title: 'Discogs release' });
    });
  });
});
