import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

describe('Marketplace presences, platforms and product images (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  let productUid: string;
  beforeAll(async () => {
    t = await createTestApp();
    seller = await registerAccount(t.api);
    productUid = (await t.api.post('/api/v1/products/').set(seller.auth).send({ title: 'Abbey Road', type: 'physical' }).expect(201)).body
      .uid;
  });
  afterAll(async () => {
    await t?.close();
  });

  const presences = () => `/api/v1/products/${productUid}/marketplace-presences/`;

  it('lists the seeded platforms', async () => {
    const response = await t.api.get('/api/v1/platforms/').set(seller.auth).expect(200);
    expect(response.body.map((platform: { slug: string }) => platform.slug)).toEqual([
      'ebay',
      'discogs',
      'etsy',
      'shopify',
      'redbubble',
      'teepublic',
      'society6',
    ]);
    expect(response.body[0]).toEqual({
      uid: 'plat_ebay',
      name: 'eBay',
      display_name: 'eBay',
      slug: 'ebay',
      platform_type: 'marketplace',
      url: 'https://ebay.com',
      supports_digital: false,
      supports_api_connection: true,
      connection_type: 'oauth',
      connection_url: '/accounts/ebay/login/',
      is_selling_active: true,
    });
    expect(response.body[4]).toMatchObject({
      slug: 'redbubble',
      connection_type: 'extension',
      connection_url: null,
      supports_api_connection: false,
    });
  });

  it('creates, lists, updates and deletes presences as documented', async () => {
    const created = await t.api
      .post(presences())
      .set(seller.auth)
      .send({
        platform_uid: 'plat_ebay',
        external_listing_id: '394857201',
        external_url: 'https://ebay.com/itm/394857201',
        listing_price_usd: '34.99',
        listing_currency: 'USD',
        status: 'active',
        is_selling_enabled: true,
      })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      platform: { uid: 'plat_ebay', name: 'eBay', slug: 'ebay' },
      external_listing_id: '394857201',
      external_url: 'https://ebay.com/itm/394857201',
      status: 'active',
      listing_price: null,
      listing_currency: 'USD',
      listing_price_usd: '34.99',
      is_selling_enabled: true,
      price_last_updated: expect.any(String),
      last_checked_at: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });

    const list = await t.api.get(presences()).set(seller.auth).expect(200);
    expect(list.body).toEqual([created.body]);

    const updated = await t.api
      .patch(`${presences()}${created.body.id}/`)
      .set(seller.auth)
      .send({ status: 'ended', listing_price: '30.00', platform_uid: 'plat_discogs', is_selling_enabled: false })
      .expect(200);
    expect(updated.body).toMatchObject({
      id: created.body.id,
      status: 'ended',
      listing_price: '30.00',
      platform: { slug: 'discogs' },
      is_selling_enabled: false,
      external_listing_id: '394857201',
    });
    const product = await t.api.get(`/api/v1/products/${productUid}/`).set(seller.auth).expect(200);
    expect(product.body.marketplace_presences).toEqual([updated.body]);

    await t.api.delete(`${presences()}${created.body.id}/`).set(seller.auth).expect(204);
    await t.api.delete(`${presences()}${created.body.id}/`).set(seller.auth).expect(404);
    expect((await t.api.get(presences()).set(seller.auth).expect(200)).body).toEqual([]);
  });

  it('validates presences per field and writes nothing', async () => {
    const cases: Array<[object, object]> = [
      [{}, { platform_uid: ['This field is required.'] }],
      [{ platform_uid: 'plat_nope' }, { platform_uid: ['Object with uid=plat_nope does not exist.'] }],
      [{ platform_uid: 'plat_ebay', external_url: 'not a url' }, { external_url: ['Enter a valid URL.'] }],
      [{ platform_uid: 'plat_ebay', listing_price_usd: '-1' }, { listing_price_usd: ['Ensure this value is greater than or equal to 0.'] }],
      [{ platform_uid: 'plat_ebay', listing_currency: 'DOLLARS' }, { listing_currency: ['Ensure this field has exactly 3 characters.'] }],
      [{ platform_uid: 'plat_ebay', is_selling_enabled: 'yes' }, { is_selling_enabled: ['Must be a valid boolean.'] }],
    ];
    for (const [body, errors] of cases) {
      expect((await t.api.post(presences()).set(seller.auth).send(body).expect(400)).body).toEqual(errors);
    }
    expect((await t.api.get(presences()).set(seller.auth).expect(200)).body).toEqual([]);
  });

  it('answers 404 for unknown, non-integer and foreign presence ids', async () => {
    const other = await registerAccount(t.api);
    const theirProduct = (await t.api.post('/api/v1/products/').set(other.auth).send({ title: 'Theirs' }).expect(201)).body.uid;
    const theirs = await t.api
      .post(`/api/v1/products/${theirProduct}/marketplace-presences/`)
      .set(other.auth)
      .send({ platform_uid: 'plat_etsy' })
      .expect(201);
    await t.api.patch(`${presences()}${theirs.body.id}/`).set(seller.auth).send({ status: 'x' }).expect(404);
    await t.api.delete(`${presences()}${theirs.body.id}/`).set(seller.auth).expect(404);
    await t.api.patch(`${presences()}abc/`).set(seller.auth).send({ status: 'x' }).expect(404);
    await t.api.delete(`${presences()}99999999999/`).set(seller.auth).expect(404);
    await t.api.get(`/api/v1/products/${theirProduct}/marketplace-presences/`).set(seller.auth).expect(404);
  });

  it('uploads an image checked by content, makes a thumbnail and serves it', async () => {
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const response = await t.api
      .post(`/api/v1/products/${productUid}/image/`)
      .set(seller.auth)
      .attach('image', png, { filename: 'cover.jpg', contentType: 'image/jpeg' })
      .expect(200);
    const url: string = response.body.product_image;
    expect(url.startsWith(`${t.api.baseUrl}/media/products/${productUid}/`)).toBe(true);
    const served = await fetch(url);
    expect(served.status).toBe(200);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect((await sharp(bytes).metadata()).format).toBe('png');
    const stored = await t.sql('SELECT image_key, image_thumbnail_key FROM products WHERE uid = $1', [productUid]);
    const thumbnail = await fetch(`${t.api.baseUrl}/media/${stored.rows[0].image_thumbnail_key}`);
    expect(thumbnail.status).toBe(200);
    expect((await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).width).toBeLessThan(800);

    const replaced = await t.api
      .post(`/api/v1/products/${productUid}/image/`)
      .set(seller.auth)
      .attach('image', await sharp(png).webp().toBuffer(), 'cover.webp')
      .expect(200);
    expect(replaced.body.product_image).not.toBe(url);
    expect((await fetch(url)).status).toBe(404);
  });

  it('refuses what is not a supported image, and a missing file, changing nothing', async () => {
    const before = await t.sql('SELECT image_key FROM products WHERE uid = $1', [productUid]);
    const text = await t.api
      .post(`/api/v1/products/${productUid}/image/`)
      .set(seller.auth)
      .attach('image', Buffer.from('just some text pretending'), { filename: 'photo.png', contentType: 'image/png' })
      .expect(400);
    expect(Object.keys(text.body)).toEqual(['image']);
    const missing = await t.api.post(`/api/v1/products/${productUid}/image/`).set(seller.auth).field('other', 'x').expect(400);
    expect(missing.body).toEqual({ image: ['No file was submitted.'] });
    const json = await t.api.post(`/api/v1/products/${productUid}/image/`).set(seller.auth).send({ image: 'x' }).expect(400);
    expect(json.body).toEqual({ non_field_errors: ['Expected multipart/form-data.'] });
    const after = await t.sql('SELECT image_key FROM products WHERE uid = $1', [productUid]);
    expect(after.rows[0].image_key).toBe(before.rows[0].image_key);
  });

  it('removes stored images with the product', async () => {
    const product = (await t.api.post('/api/v1/products/').set(seller.auth).send({ title: 'Short-lived' }).expect(201)).body.uid;
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const uploaded = await t.api.post(`/api/v1/products/${product}/image/`).set(seller.auth).attach('image', png, 'a.png').expect(200);
    expect((await fetch(uploaded.body.product_image)).status).toBe(200);
    await t.api.delete(`/api/v1/products/${product}/`).set(seller.auth).expect(204);
    expect((await fetch(uploaded.body.product_image)).status).toBe(404);
  });
});

describe('Product image size limit (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { MEDIA_MAX_BYTES: '2048' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses an image over MEDIA_MAX_BYTES with a 400 on the field', async () => {
    const seller = await registerAccount(t.api);
    const product = (await t.api.post('/api/v1/products/').set(seller.auth).send({ title: 'Big' }).expect(201)).body.uid;
    const noisy = randomBytes(64 * 64 * 3);
    const large = await sharp(noisy, { raw: { width: 64, height: 64, channels: 3 } })
      .png()
      .toBuffer();
    expect(large.length).toBeGreaterThan(2048);
    const response = await t.api.post(`/api/v1/products/${product}/image/`).set(seller.auth).attach('image', large, 'big.png').expect(400);
    expect(response.body).toEqual({ image: [expect.stringMatching(/^The file is larger than /)] });
    const stored = await t.sql('SELECT image_key FROM products WHERE uid = $1', [product]);
    expect(stored.rows[0].image_key).toBeNull();
  });
});
