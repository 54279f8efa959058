import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

interface ItemType {
  uid: string;
  name: string;
  slug: string;
  platform_categories: Record<string, { id: string; name: string }>;
}

/** Every seeded type, in display order: `type_` and the slug with `_` for `-`. */
const TYPES = [
  { uid: 'type_vinyl', name: 'Vinyl', slug: 'vinyl' },
  { uid: 'type_cd', name: 'CD', slug: 'cd' },
  { uid: 'type_cassette', name: 'Cassette', slug: 'cassette' },
  { uid: 'type_8_track', name: '8-Track', slug: '8-track' },
  { uid: 'type_reel_to_reel', name: 'Reel-to-Reel', slug: 'reel-to-reel' },
  { uid: 'type_box_set', name: 'Box Set', slug: 'box-set' },
  { uid: 'type_dvd', name: 'DVD', slug: 'dvd' },
  { uid: 'type_blu_ray', name: 'Blu-ray', slug: 'blu-ray' },
  { uid: 'type_book', name: 'Book', slug: 'book' },
  { uid: 'type_poster', name: 'Poster', slug: 'poster' },
  { uid: 'type_print', name: 'Print', slug: 'print' },
  { uid: 'type_apparel', name: 'Apparel', slug: 'apparel' },
  { uid: 'type_other', name: 'Other', slug: 'other' },
];

const refOf = ({ uid, name, slug }: ItemType) => ({ uid, name, slug });
const slugsOf = (body: Array<{ slug: string }>) => body.map((type) => type.slug);

describe('Inventory item types (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  beforeAll(async () => {
    t = await createTestApp();
    seller = await registerAccount(t.api);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists all 13 types in display order, each with its platform categories', async () => {
    const response = await t.api.get('/api/v1/inventory/types/').set(seller.auth).expect(200);
    const types = response.body as ItemType[];
    expect(types.map(refOf)).toEqual(TYPES);
    const bySlug = new Map(types.map((type) => [type.slug, type]));
    expect(bySlug.get('vinyl')!.platform_categories).toEqual({
      ebay: { id: '176985', name: 'Records' },
      discogs: { id: 'Vinyl', name: 'Vinyl' },
      shopify: { id: 'Vinyl Record', name: 'Vinyl Record' },
    });
    expect(bySlug.get('cd')!.platform_categories.ebay).toEqual({ id: '176984', name: 'CDs' });
    expect(bySlug.get('cassette')!.platform_categories.discogs).toEqual({ id: 'Cassette', name: 'Cassette' });
    expect(bySlug.get('8-track')!.platform_categories.discogs).toEqual({ id: '8-Track Cartridge', name: '8-Track Cartridge' });
    expect(bySlug.get('blu-ray')!.platform_categories.ebay).toEqual({ id: '617', name: 'DVDs & Blu-ray Discs' });
    // Discogs sells music only; "other" maps nowhere.
    expect(bySlug.get('poster')!.platform_categories.discogs).toBeUndefined();
    expect(bySlug.get('poster')!.platform_categories.ebay).toBeDefined();
    expect(bySlug.get('other')!.platform_categories).toEqual({});
    for (const type of types) {
      for (const category of Object.values(type.platform_categories)) expect(typeof category.id).toBe('string');
    }
  });

  it('answers without the trailing slash too', async () => {
    const response = await t.api.get('/api/v1/inventory/types').set(seller.auth).expect(200);
    expect(response.body).toHaveLength(13);
    const search = await t.api.get('/api/v1/inventory/types/search?q=cd').set(seller.auth).expect(200);
    expect(slugsOf(search.body)).toEqual(['cd']);
    const platform = await t.api.get('/api/v1/inventory/types/platform/discogs/search?q=cd').set(seller.auth).expect(200);
    expect(slugsOf(platform.body)).toEqual(['cd']);
  });

  it('searches names, slugs and other names, ignoring case, spaces and punctuation', async () => {
    const search = async (q: string) =>
      slugsOf(
        (
          await t.api
            .get(`/api/v1/inventory/types/search/?q=${encodeURIComponent(q)}`)
            .set(seller.auth)
            .expect(200)
        ).body,
      );
    const vinyl = await t.api.get('/api/v1/inventory/types/search/?q=vinyl').set(seller.auth).expect(200);
    expect(vinyl.body).toHaveLength(1);
    expect(refOf(vinyl.body[0])).toEqual(TYPES[0]);
    expect(vinyl.body[0].platform_categories.ebay).toEqual({ id: '176985', name: 'Records' });
    expect(await search('VINYL')).toEqual(['vinyl']);
    expect(await search('blu')).toEqual(['blu-ray']);
    expect(await search('blu ray')).toEqual(['blu-ray']);
    expect(await search('LP')).toEqual(['vinyl']);
    expect(await search('8 track')).toEqual(['8-track']);
    expect(await search('tape')).toEqual(['cassette', '8-track', 'reel-to-reel']);
    expect(await search('theremin')).toEqual([]);
  });

  it('answers every type for an empty or missing q', async () => {
    for (const url of ['/api/v1/inventory/types/search/', '/api/v1/inventory/types/search/?q=', '/api/v1/inventory/types/search/?q=%20']) {
      const response = await t.api.get(url).set(seller.auth).expect(200);
      expect(response.body.map(refOf)).toEqual(TYPES);
    }
  });

  it("searches a platform's types, each with its category there", async () => {
    const discogs = await t.api.get('/api/v1/inventory/types/platform/discogs/search/?q=vinyl').set(seller.auth).expect(200);
    expect(discogs.body).toEqual([{ ...TYPES[0], platform: 'discogs', category: { id: 'Vinyl', name: 'Vinyl' } }]);

    // Discogs has no category for posters (nor any non-music type); eBay has.
    const noPoster = await t.api.get('/api/v1/inventory/types/platform/discogs/search/?q=poster').set(seller.auth).expect(200);
    expect(noPoster.body).toEqual([]);
    const poster = await t.api.get('/api/v1/inventory/types/platform/ebay/search/?q=poster').set(seller.auth).expect(200);
    expect(poster.body).toHaveLength(1);
    expect(poster.body[0]).toMatchObject({ uid: 'type_poster', slug: 'poster', platform: 'ebay' });
    expect(typeof poster.body[0].category.id).toBe('string');

    const allDiscogs = await t.api.get('/api/v1/inventory/types/platform/discogs/search/').set(seller.auth).expect(200);
    expect(slugsOf(allDiscogs.body)).toEqual(['vinyl', 'cd', 'cassette', '8-track', 'reel-to-reel', 'box-set', 'dvd', 'blu-ray']);

    // On a platform, the category name is searched too: eBay lists vinyl and box sets under "Records".
    const records = await t.api.get('/api/v1/inventory/types/platform/ebay/search/?q=Records').set(seller.auth).expect(200);
    expect(slugsOf(records.body)).toEqual(['vinyl', 'box-set']);
    expect(records.body[0].category).toEqual({ id: '176985', name: 'Records' });
  });

  it('answers [] on a platform with no categories and 404 for an unknown platform', async () => {
    const redbubble = await t.api.get('/api/v1/inventory/types/platform/redbubble/search/?q=poster').set(seller.auth).expect(200);
    expect(redbubble.body).toEqual([]);
    const unknown = await t.api.get('/api/v1/inventory/types/platform/myspace/search/?q=vinyl').set(seller.auth).expect(404);
    expect(unknown.body).toEqual({ detail: 'Not found.' });
  });

  it('refuses a q longer than 100 characters, and a repeated one', async () => {
    const long = 'v'.repeat(101);
    const search = await t.api.get(`/api/v1/inventory/types/search/?q=${long}`).set(seller.auth).expect(400);
    expect(search.body).toEqual({ q: ['Ensure this field has no more than 100 characters.'] });
    const platform = await t.api.get(`/api/v1/inventory/types/platform/ebay/search/?q=${long}`).set(seller.auth).expect(400);
    expect(platform.body).toEqual({ q: ['Ensure this field has no more than 100 characters.'] });
    await t.api
      .get(`/api/v1/inventory/types/search/?q=${'v'.repeat(100)}`)
      .set(seller.auth)
      .expect(200);
    const repeated = await t.api.get('/api/v1/inventory/types/search/?q=cd&q=dvd').set(seller.auth).expect(400);
    expect(repeated.body).toEqual({ q: ['Not a valid string.'] });
  });

  it('answers only authenticated callers', async () => {
    for (const url of [
      '/api/v1/inventory/types/',
      '/api/v1/inventory/types/search/?q=vinyl',
      '/api/v1/inventory/types/platform/ebay/search/?q=vinyl',
    ]) {
      const response = await t.api.get(url).expect(401);
      expect(response.body).toEqual({ detail: 'Authentication credentials were not provided.' });
    }
  });
});
