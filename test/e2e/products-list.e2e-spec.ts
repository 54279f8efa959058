import { insertItem } from '../support/catalog.js';
import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

interface Listed {
  uid: string;
  title: string;
}

/** One catalog, arranged once, that every filter and ordering is checked against. */
describe('Product list: filters, ordering and pagination (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  const uids: Record<string, string> = {};

  const titles = async (query: string): Promise<string[]> => {
    const response = await t.api.get(`/api/v1/products/?page_size=100&${query}`).set(seller.auth).expect(200);
    return (response.body.results as Listed[]).map((product) => product.title);
  };
  const sorted = (values: string[]) => [...values].sort();

  beforeAll(async () => {
    t = await createTestApp();
    seller = await registerAccount(t.api);
    const other = await registerAccount(t.api);
    const make = async (body: object, account = seller) =>
      (await t.api.post('/api/v1/products/').set(account.auth).send(body).expect(201)).body as Listed;
    const abbey = await make({
      title: 'Abbey Road',
      type: 'physical',
      artist_name: 'The Beatles',
      music_label_name: 'Apple Records',
      catalog_number: 'PCS 7088',
      tags: ['Classic-Rock', 'uk-pressing'],
      price_override_usd: '99.00',
    });
    const blue = await make({
      title: 'Kind of Blue',
      type: 'physical',
      artist_name: 'Miles Davis',
      tags: ['jazz'],
      marketplace_description: 'Modal masterpiece',
    });
    const poster = await make({
      title: 'Poster Art',
      type: 'digital',
      license_type: 'cc-by-sa',
      license_notes: 'Share alike',
      tags: ['art'],
    });
    const report = await make({ title: 'Market Report', type: 'digital-report', artist_name: 'analyst' });
    const empty = await make({ title: 'Zebra Empty', type: 'nft' });
    await make({ title: 'Abbey Road', type: 'physical', tags: ['jazz'] }, other);
    Object.assign(uids, { abbey: abbey.uid, blue: blue.uid, poster: poster.uid, report: report.uid, empty: empty.uid });

    await insertItem(t, abbey.uid, { status: 'listed', price: '40.00' });
    await insertItem(t, abbey.uid, { status: 'ready-to-sell', price: '30.00' });
    await insertItem(t, blue.uid, { status: 'received', price: '20.00' });
    await insertItem(t, blue.uid, { status: 'draft' });
    await insertItem(t, blue.uid, { status: 'draft' });
    await insertItem(t, poster.uid, { status: 'sold', price: '5.00' });
    await insertItem(t, report.uid, { status: 'ready-to-sell', price: '1.00', deleted: true });
    await t.sql(`UPDATE products SET image_key = 'products/p/image.png' WHERE uid = $1`, [poster.uid]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists only the organization’s products, newest first by default', async () => {
    expect(await titles('')).toEqual(['Zebra Empty', 'Market Report', 'Poster Art', 'Kind of Blue', 'Abbey Road']);
  });

  it.each([
    ['abbey', ['Abbey Road']],
    ['pcs 7088', ['Abbey Road']],
    ['UK-PRESS', ['Abbey Road']],
    ['beatles', ['Abbey Road']],
    ['apple rec', ['Abbey Road']],
    ['modal', ['Kind of Blue']],
    ['cc-by', ['Poster Art']],
    ['share ALIKE', ['Poster Art']],
    ['100%', []],
    ['a_b', []],
  ])('searches %j across the documented fields', async (term, expected) => {
    expect(sorted(await titles(`search=${encodeURIComponent(term)}`))).toEqual(sorted(expected));
  });

  it('filters by inventory presence and availability (deleted items do not count)', async () => {
    expect(sorted(await titles('has_inventory=true'))).toEqual(['Abbey Road', 'Kind of Blue', 'Poster Art']);
    expect(sorted(await titles('has_inventory=false'))).toEqual(['Market Report', 'Zebra Empty']);
    expect(sorted(await titles('has_available_inventory=true'))).toEqual(['Abbey Road', 'Kind of Blue']);
    expect(sorted(await titles('has_available_inventory=false'))).toEqual(['Market Report', 'Poster Art', 'Zebra Empty']);
  });

  it('filters by item status, comma-separated or repeated', async () => {
    expect(await titles('status=listed')).toEqual(['Abbey Road']);
    expect(sorted(await titles('status=listed,sold'))).toEqual(['Abbey Road', 'Poster Art']);
    expect(sorted(await titles('status=listed&status=received'))).toEqual(['Abbey Road', 'Kind of Blue']);
  });

  it('filters by type and by tags (OR, partial, case-insensitive)', async () => {
    expect(sorted(await titles('type=physical'))).toEqual(['Abbey Road', 'Kind of Blue']);
    expect(await titles('type=nft')).toEqual(['Zebra Empty']);
    expect(sorted(await titles('tags=JAZZ,classic'))).toEqual(['Abbey Road', 'Kind of Blue']);
    expect(await titles('tags=press')).toEqual(['Abbey Road']);
  });

  it('filters by Redbubble eligibility', async () => {
    expect(await titles('uploadable_to_redbubble=true')).toEqual(['Poster Art']);
    expect(await titles('uploadable_to_redbubble=false')).not.toContain('Poster Art');
  });

  it.each([
    ['title', ['Abbey Road', 'Kind of Blue', 'Market Report', 'Poster Art', 'Zebra Empty']],
    ['-title', ['Zebra Empty', 'Poster Art', 'Market Report', 'Kind of Blue', 'Abbey Road']],
    ['created', ['Abbey Road', 'Kind of Blue', 'Poster Art', 'Market Report', 'Zebra Empty']],
    ['-created', ['Zebra Empty', 'Market Report', 'Poster Art', 'Kind of Blue', 'Abbey Road']],
    ['artist__name', ['Market Report', 'Kind of Blue', 'Abbey Road', 'Zebra Empty', 'Poster Art']],
    ['-artist__name', ['Abbey Road', 'Kind of Blue', 'Market Report', 'Zebra Empty', 'Poster Art']],
    ['listed_first', ['Abbey Road', 'Zebra Empty', 'Market Report', 'Poster Art', 'Kind of Blue']],
    ['unlisted_first', ['Zebra Empty', 'Market Report', 'Poster Art', 'Kind of Blue', 'Abbey Road']],
    ['price_high_low', ['Abbey Road', 'Kind of Blue', 'Zebra Empty', 'Market Report', 'Poster Art']],
    ['price_low_high', ['Kind of Blue', 'Abbey Road', 'Zebra Empty', 'Market Report', 'Poster Art']],
    ['most_inventory', ['Kind of Blue', 'Abbey Road', 'Poster Art', 'Zebra Empty', 'Market Report']],
    ['least_inventory', ['Zebra Empty', 'Market Report', 'Poster Art', 'Abbey Road', 'Kind of Blue']],
  ])('orders by %s', async (ordering, expected) => {
    expect(await titles(`ordering=${ordering}`)).toEqual(expected);
  });

  it('orders by updated', async () => {
    await t.api.patch(`/api/v1/products/${uids.blue}/`).set(seller.auth).send({ media_type: 'vinyl' }).expect(200);
    expect((await titles('ordering=-updated'))[0]).toBe('Kind of Blue');
    expect((await titles('ordering=updated')).at(-1)).toBe('Kind of Blue');
  });

  it('answers 400 naming each invalid parameter', async () => {
    const response = await t.api
      .get(
        '/api/v1/products/?type=cassette&ordering=cheapest&status=listed,lost&has_inventory=maybe&has_available_inventory=2&uploadable_to_redbubble=x',
      )
      .set(seller.auth)
      .expect(400);
    expect(response.body).toEqual({
      type: ['"cassette" is not a valid choice.'],
      ordering: ['"cheapest" is not a valid choice.'],
      status: ['"lost" is not a valid choice.'],
      has_inventory: ['Must be a valid boolean.'],
      has_available_inventory: ['Must be a valid boolean.'],
      uploadable_to_redbubble: ['Must be a valid boolean.'],
    });
  });

  it('paginates: default 15, at most 100, absolute links, 404 past the end', async () => {
    const bulk = await registerAccount(t.api);
    for (let index = 0; index < 17; index += 1) {
      await t.api
        .post('/api/v1/products/')
        .set(bulk.auth)
        .send({ title: `Item ${String(index).padStart(2, '0')}` })
        .expect(201);
    }
    const first = await t.api.get('/api/v1/products/?ordering=title').set(bulk.auth).expect(200);
    expect(first.body.count).toBe(17);
    expect(first.body.results).toHaveLength(15);
    expect(first.body.next).toBe(`${t.api.baseUrl}/api/v1/products/?ordering=title&page=2`);
    const second = await t.api.get('/api/v1/products/?ordering=title&page=2').set(bulk.auth).expect(200);
    expect(second.body.results.map((product: Listed) => product.title)).toEqual(['Item 15', 'Item 16']);
    expect(second.body.previous).toBe(`${t.api.baseUrl}/api/v1/products/?ordering=title&page=1`);
    const capped = await t.api.get('/api/v1/products/?page_size=500').set(bulk.auth).expect(200);
    expect(capped.body.results).toHaveLength(17);
    expect((await t.api.get('/api/v1/products/?page=3').set(bulk.auth).expect(404)).body).toEqual({ detail: 'Invalid page.' });
    const farBeyond = '/api/v1/products/?page_size=100&page=99999999999999999999';
    expect((await t.api.get(farBeyond).set(bulk.auth).expect(404)).body).toEqual({ detail: 'Invalid page.' });
  });

  it('answers the documented example query', async () => {
    const response = await t.api
      .get('/api/v1/products/?search=beatles&has_inventory=true&ordering=-updated&page_size=10')
      .set(seller.auth)
      .expect(200);
    expect(response.body).toMatchObject({ count: 1, next: null, previous: null });
    expect(response.body.results[0]).toMatchObject({
      uid: uids.abbey,
      title: 'Abbey Road',
      artist: { name: 'The Beatles' },
      music_label: { name: 'Apple Records' },
      catalog_number: 'PCS 7088',
      total_inventory_count: 2,
      listed_inventory_count: 1,
      available_inventory_count: 1,
      price_computed_usd: '30.00',
      price_override_usd: '99.00',
    });
  });
});
