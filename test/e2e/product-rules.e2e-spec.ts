import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { insertAsset, insertItem } from '../support/catalog.js';
import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

describe('Product rules a seller relies on (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'instica-e2e-rules-'));
    t = await createTestApp({ env: { DATA_DIR: dataDir } });
    seller = await registerAccount(t.api);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function product(fields: Record<string, unknown>): Promise<string> {
    return (await t.api.post('/api/v1/products/').set(seller.auth).send(fields).expect(201)).body.uid;
  }
  const presences = (uid: string) => `/api/v1/products/${uid}/marketplace-presences/`;
  async function presenceCount(uid: string): Promise<number> {
    return (await t.api.get(presences(uid)).set(seller.auth).expect(200)).body.length;
  }

  describe('marketplace presences', () => {
    it('refuses a second presence for the same listing on the same platform, and nothing is written', async () => {
      const uid = await product({ title: 'Kind of Blue', type: 'physical' });
      await t.api.post(presences(uid)).set(seller.auth).send({ platform_uid: 'plat_ebay', external_listing_id: '111' }).expect(201);
      const again = await t.api
        .post(presences(uid))
        .set(seller.auth)
        .send({ platform_uid: 'plat_ebay', external_listing_id: '111' })
        .expect(400);
      expect(again.body).toEqual({ external_listing_id: ['This product already has a presence for listing 111 on eBay.'] });
      expect(await presenceCount(uid)).toBe(1);
      // The same listing id elsewhere, or another listing on eBay, is another presence.
      await t.api.post(presences(uid)).set(seller.auth).send({ platform_uid: 'plat_discogs', external_listing_id: '111' }).expect(201);
      const other = await t.api
        .post(presences(uid))
        .set(seller.auth)
        .send({ platform_uid: 'plat_ebay', external_listing_id: '222' })
        .expect(201);
      expect(await presenceCount(uid)).toBe(3);

      const clash = await t.api
        .patch(`${presences(uid)}${other.body.id}/`)
        .set(seller.auth)
        .send({ external_listing_id: '111' })
        .expect(400);
      expect(clash.body).toEqual({ external_listing_id: ['This product already has a presence for listing 111 on eBay.'] });
      const moved = await t.api
        .patch(`${presences(uid)}${other.body.id}/`)
        .set(seller.auth)
        .send({ platform_uid: 'plat_discogs' })
        .expect(200);
      expect(moved.body.platform.slug).toBe('discogs');
      const stored = await t.api.get(presences(uid)).set(seller.auth).expect(200);
      expect(stored.body.map((p: { external_listing_id: string }) => p.external_listing_id)).toEqual(['111', '111', '222']);
    });

    it('refuses a presence on a platform that does not take the product type', async () => {
      const design = await product({ title: 'Poster design' });
      const refused = await t.api.post(presences(design)).set(seller.auth).send({ platform_uid: 'plat_discogs' }).expect(400);
      expect(refused.body).toEqual({ platform_uid: ['Discogs does not take digital products; this product is digital.'] });
      const record = await product({ title: 'Blue Train', type: 'physical' });
      const onRedbubble = await t.api.post(presences(record)).set(seller.auth).send({ platform_uid: 'plat_redbubble' }).expect(400);
      expect(onRedbubble.body).toEqual({ platform_uid: ['Redbubble does not take physical products; this product is physical.'] });
      expect(await presenceCount(design)).toBe(0);
      expect(await presenceCount(record)).toBe(0);

      const onEtsy = await t.api.post(presences(design)).set(seller.auth).send({ platform_uid: 'plat_etsy' }).expect(201);
      await t.api
        .patch(`${presences(design)}${onEtsy.body.id}/`)
        .set(seller.auth)
        .send({ platform_uid: 'plat_ebay' })
        .expect(400);
      expect((await t.api.get(presences(design)).set(seller.auth).expect(200)).body[0].platform.slug).toBe('etsy');
    });
  });

  describe('type on PATCH', () => {
    it('corrects a product created without a type (digital) to physical', async () => {
      const uid = await product({ title: 'Abbey Road' });
      const updated = await t.api.patch(`/api/v1/products/${uid}/`).set(seller.auth).send({ type: 'physical' }).expect(200);
      expect(updated.body).toMatchObject({ type: 'physical', type_display: 'Physical' });
      expect(updated.body.available_platforms.map((platform: { slug: string }) => platform.slug)).toEqual([
        'ebay',
        'discogs',
        'etsy',
        'shopify',
      ]);
      await t.api.post(presences(uid)).set(seller.auth).send({ platform_uid: 'plat_discogs' }).expect(201);
    });

    it('refuses a type that a platform the product is on does not take, and refuses null and unknown types', async () => {
      const uid = await product({ title: 'Cat print' });
      await t.api.post(presences(uid)).set(seller.auth).send({ platform_uid: 'plat_redbubble' }).expect(201);
      const refused = await t.api
        .patch(`/api/v1/products/${uid}/`)
        .set(seller.auth)
        .send({ type: 'physical', title: 'Renamed' })
        .expect(400);
      expect(refused.body).toEqual({
        type: ['The product has marketplace presences on Redbubble, which do not take physical products. Remove them first.'],
      });
      await t.api.patch(`/api/v1/products/${uid}/`).set(seller.auth).send({ type: 'nft' }).expect(200);
      expect((await t.api.patch(`/api/v1/products/${uid}/`).set(seller.auth).send({ type: null }).expect(400)).body).toEqual({
        type: ['This field may not be null.'],
      });
      expect((await t.api.patch(`/api/v1/products/${uid}/`).set(seller.auth).send({ type: 'cassette' }).expect(400)).body).toEqual({
        type: ['"cassette" is not a valid choice.'],
      });
      expect((await t.api.get(`/api/v1/products/${uid}/`).set(seller.auth).expect(200)).body).toMatchObject({
        title: 'Cat print',
        type: 'nft',
      });
    });
  });

  describe('stored files', () => {
    const onDisk = (key: string) => existsSync(join(dataDir, 'media', key));

    async function productWithFiles(): Promise<{ uid: string; keys: string[] }> {
      const uid = await product({ title: 'With photos', type: 'physical' });
      const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#123456' } })
        .png()
        .toBuffer();
      await t.api.post(`/api/v1/products/${uid}/image/`).set(seller.auth).attach('image', png, 'cover.png').expect(200);
      const [{ image_key, image_thumbnail_key }] = (
        await t.sql('SELECT image_key, image_thumbnail_key FROM products WHERE uid = $1', [uid])
      ).rows;
      const item = await insertItem(t, uid, { status: 'listed' });
      const photo = `inventory/${item}/front.jpg`;
      mkdirSync(dirname(join(dataDir, 'media', photo)), { recursive: true });
      writeFileSync(join(dataDir, 'media', photo), 'jpeg bytes');
      await insertAsset(t, item, photo);
      const keys = [image_key, image_thumbnail_key, photo];
      expect(keys.every(onDisk)).toBe(true);
      return { uid, keys };
    }

    it('removes the image, its thumbnail and its items’ photos from disk once the product is deleted', async () => {
      const { uid, keys } = await productWithFiles();
      await t.api.delete(`/api/v1/products/${uid}/`).set(seller.auth).expect(204);
      expect(keys.filter(onDisk)).toEqual([]);
    });

    it("leaves another organization's files alone", async () => {
      const { uid, keys } = await productWithFiles();
      const stranger = await registerAccount(t.api);
      await t.api.delete(`/api/v1/products/${uid}/`).set(stranger.auth).expect(404);
      expect(keys.every(onDisk)).toBe(true);
    });
  });
});
