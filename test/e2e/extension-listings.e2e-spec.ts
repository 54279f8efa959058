import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const REPORT = '/api/v1/marketplace/extension/listings/';
const REDBUBBLE_URL = 'https://www.redbubble.com/i/sticker/Blue-Note-by-groove/160554831.EJUG5';

interface Listing {
  uid: string;
  status: string;
  platform: { slug: string };
  listing_id: string | null;
  listing_price_usd: string | null;
  marketplace_url: string | null;
  is_sold: boolean;
}

interface AuditLog {
  action: string;
  source: string;
  listing_uid: string;
  platform_slug: string;
  metadata: { status_before: string | null; status_after: string };
}

describe('Extension platforms: listings recorded by hand and reported by the browser extension (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** An inventory item of a new product of this type, ready to sell at $24.99. */
  async function item(account: Account, type: 'digital' | 'physical' = 'digital'): Promise<string> {
    const product = await t.api.post('/api/v1/products/').set(account.auth).send({ title: 'Blue Note Sticker', type }).expect(201);
    const created = await t.api
      .post('/api/v1/inventory/')
      .set(account.auth)
      .send({ product_uid: product.body.uid, status: 'ready-to-sell', price_total_usd: '24.99' })
      .expect(201);
    return created.body.uid as string;
  }

  const list = (account: Account, uid: string, slug: string, body: Record<string, unknown>) =>
    t.api.post(`/api/v1/inventory/${uid}/platforms/${slug}/list/`).set(account.auth).send(body);
  const delist = (account: Account, uid: string, slug: string) =>
    t.api.post(`/api/v1/inventory/${uid}/platforms/${slug}/delist/`).set(account.auth).send({});
  const report = (account: Account, body: Record<string, unknown>) => t.api.post(REPORT).set(account.auth).send(body);

  async function listingOn(account: Account, uid: string, slug: string): Promise<Listing | undefined> {
    const listings = (await t.api.get(`/api/v1/inventory/${uid}/listings/`).set(account.auth).expect(200)).body as Listing[];
    return listings.find((listing) => listing.platform.slug === slug);
  }

  async function statusChanges(account: Account, uid: string, listingUid: string) {
    const logs = (await t.api.get(`/api/v1/inventory/${uid}/audit-logs/`).set(account.auth).expect(200)).body.results as AuditLog[];
    return logs
      .filter((log) => log.listing_uid === listingUid)
      .reverse()
      .map((log) => [log.action, log.source, log.platform_slug, log.metadata.status_before, log.metadata.status_after]);
  }

  it('records a digital item listed by hand on Redbubble as listed at once, then delisted; the audit log shows both', async () => {
    const shop = await registerAccount(t.api);
    const uid = await item(shop);
    const answer = await list(shop, uid, 'redbubble', { listing_url: REDBUBBLE_URL, listing_id: '160554831' }).expect(200);
    expect(answer.body).toEqual({
      platform: 'redbubble',
      listing_uid: expect.stringMatching(/^lst_/),
      status: 'listed',
      message: 'Listing recorded on Redbubble.',
    });
    expect(await listingOn(shop, uid, 'redbubble')).toMatchObject({
      uid: answer.body.listing_uid,
      status: 'listed',
      listing_id: '160554831',
      marketplace_url: REDBUBBLE_URL,
    });

    const again = await list(shop, uid, 'redbubble', { listing_url: REDBUBBLE_URL, listing_id: '160554831' }).expect(400);
    expect(again.body.blocking_code).toBe('already_listed');

    const delisted = await delist(shop, uid, 'redbubble').expect(200);
    expect(delisted.body).toEqual({
      platform: 'redbubble',
      listing_uid: answer.body.listing_uid,
      status: 'delisted',
      message: 'Delisting recorded on Redbubble.',
    });
    expect(await listingOn(shop, uid, 'redbubble')).toMatchObject({ status: 'delisted' });
    await delist(shop, uid, 'redbubble').expect(400);

    expect(await statusChanges(shop, uid, answer.body.listing_uid)).toEqual([
      ['list', 'web', 'redbubble', null, 'listed'],
      ['delist', 'web', 'redbubble', 'listed', 'delisted'],
    ]);
  });

  it('explains the extension flow per missing field, and refuses a URL off the platform', async () => {
    const shop = await registerAccount(t.api);
    const uid = await item(shop);
    const missing = await list(shop, uid, 'teepublic', {}).expect(400);
    expect(Object.keys(missing.body).sort()).toEqual(['listing_id', 'listing_url']);
    expect(missing.body.listing_url[0]).toMatch(/TeePublic has no API: list the item there yourself/);

    for (const url of [
      'https://www.redbubble.com/i/x/1',
      'http://www.teepublic.com/t-shirt/1',
      'https://teepublic.com.evil.example/1',
      'not a url',
    ]) {
      const refused = await list(shop, uid, 'teepublic', { listing_url: url, listing_id: '1' }).expect(400);
      expect(refused.body).toEqual({ listing_url: ['Enter the https URL of the listing on teepublic.com.'] });
    }
    const tooLong = await list(shop, uid, 'teepublic', {
      listing_url: 'https://www.teepublic.com/t-shirt/1',
      listing_id: 'x'.repeat(201),
    }).expect(400);
    expect(Object.keys(tooLong.body)).toEqual(['listing_id']);
    expect(await listingOn(shop, uid, 'teepublic')).toBeUndefined();
  });

  it('refuses a physical item on Society6 with its blocking code', async () => {
    const shop = await registerAccount(t.api);
    const uid = await item(shop, 'physical');
    const refused = await list(shop, uid, 'society6', {
      listing_url: 'https://society6.com/product/blue-note',
      listing_id: 'blue-note',
    }).expect(400);
    expect(refused.body).toEqual({
      non_field_errors: ['This platform does not sell physical goods.'],
      blocking_code: 'physical_not_supported',
    });
    expect(await listingOn(shop, uid, 'society6')).toBeUndefined();
  });

  it('applies the browser extension report: sold and ended by listing_id, created by item_uid, unknown ones reported back', async () => {
    const shop = await registerAccount(t.api);
    const [sold, ended, fresh] = await Promise.all([item(shop), item(shop), item(shop)]);
    await list(shop, sold, 'redbubble', { listing_url: `${REDBUBBLE_URL}1`, listing_id: 'rb-1' }).expect(200);
    await list(shop, ended, 'redbubble', { listing_url: `${REDBUBBLE_URL}2`, listing_id: 'rb-2' }).expect(200);
    const physical = await item(shop, 'physical');

    const answer = await report(shop, {
      platform: 'redbubble',
      listings: [
        { listing_id: 'rb-1', listing_url: `${REDBUBBLE_URL}1`, title: 'Blue Note Sticker', price_usd: '3.49', status: 'sold' },
        { listing_id: 'rb-2', listing_url: `${REDBUBBLE_URL}2`, title: 'Blue Note Sticker', status: 'ended' },
        { listing_id: 'rb-3', listing_url: `${REDBUBBLE_URL}3`, title: 'Blue Note Sticker', price_usd: '2.99', item_uid: fresh },
        { listing_id: 'rb-9', listing_url: `${REDBUBBLE_URL}9`, title: 'Unknown design' },
        { listing_id: 'rb-8', listing_url: `${REDBUBBLE_URL}8`, title: 'Gone', item_uid: 'inv_doesnotexist' },
        { listing_id: 'rb-7', listing_url: `${REDBUBBLE_URL}7`, title: 'Vinyl', item_uid: physical },
      ],
    }).expect(200);
    expect(answer.body).toEqual({
      matched: 3,
      updated: 3,
      unmatched: [
        { listing_id: 'rb-9', reason: 'no item_uid, and no Redbubble listing has this listing_id' },
        { listing_id: 'rb-8', reason: 'not found' },
        { listing_id: 'rb-7', reason: 'This platform does not sell physical goods.' },
      ],
    });
    expect(await listingOn(shop, sold, 'redbubble')).toMatchObject({ status: 'sold', is_sold: true, listing_price_usd: '3.49' });
    expect(await listingOn(shop, ended, 'redbubble')).toMatchObject({ status: 'delisted' });
    const created = await listingOn(shop, fresh, 'redbubble');
    expect(created).toMatchObject({
      status: 'listed',
      listing_id: 'rb-3',
      marketplace_url: `${REDBUBBLE_URL}3`,
      listing_price_usd: '2.99',
    });
    expect(await listingOn(shop, physical, 'redbubble')).toBeUndefined();

    const soldUid = (await listingOn(shop, sold, 'redbubble'))!.uid;
    expect(await statusChanges(shop, sold, soldUid)).toEqual([
      ['list', 'web', 'redbubble', null, 'listed'],
      ['list', 'extension', 'redbubble', 'listed', 'sold'],
    ]);
    expect(await statusChanges(shop, fresh, created!.uid)).toEqual([['list', 'extension', 'redbubble', null, 'listed']]);

    const repeated = await report(shop, {
      platform: 'redbubble',
      listings: [{ listing_id: 'rb-3', listing_url: `${REDBUBBLE_URL}3`, title: 'Blue Note Sticker', price_usd: '2.99' }],
    }).expect(200);
    expect(repeated.body).toEqual({ matched: 1, updated: 0, unmatched: [] });

    await t.api.delete(`/api/v1/inventory/${ended}/`).set(shop.auth).expect(204);
    const ofDeleted = await report(shop, {
      platform: 'redbubble',
      listings: [{ listing_id: 'rb-2', listing_url: `${REDBUBBLE_URL}2`, title: 'Blue Note Sticker' }],
    }).expect(200);
    expect(ofDeleted.body).toEqual({ matched: 0, updated: 0, unmatched: [{ listing_id: 'rb-2', reason: 'not found' }] });
  });

  it('refuses a report for a platform that is not an extension platform, or too many listings', async () => {
    const shop = await registerAccount(t.api);
    const refused = await report(shop, { platform: 'ebay', listings: [] }).expect(400);
    expect(Object.keys(refused.body)).toEqual(['platform']);
    const listing = { listing_id: 'x', listing_url: REDBUBBLE_URL, title: 't' };
    await report(shop, { platform: 'redbubble', listings: Array.from({ length: 501 }, () => listing) }).expect(400);
    await report(shop, { platform: 'redbubble', listings: [{ ...listing, status: 'paused' }] }).expect(400);
  });

  it("keeps organizations apart: another organization's item is not found, its listing_id not matched", async () => {
    const [owner, other] = await Promise.all([registerAccount(t.api), registerAccount(t.api)]);
    const uid = await item(owner);
    await list(owner, uid, 'redbubble', { listing_url: `${REDBUBBLE_URL}x`, listing_id: 'rb-x' }).expect(200);

    await list(other, uid, 'teepublic', { listing_url: 'https://www.teepublic.com/t-shirt/1', listing_id: '1' }).expect(404);
    await delist(other, uid, 'redbubble').expect(404);
    const answer = await report(other, {
      platform: 'redbubble',
      listings: [
        { listing_id: 'rb-x', listing_url: `${REDBUBBLE_URL}x`, title: 'Blue Note Sticker', status: 'sold' },
        { listing_id: 'rb-y', listing_url: `${REDBUBBLE_URL}y`, title: 'Blue Note Sticker', item_uid: uid },
      ],
    }).expect(200);
    expect(answer.body).toEqual({
      matched: 0,
      updated: 0,
      unmatched: [
        { listing_id: 'rb-x', reason: 'no item_uid, and no Redbubble listing has this listing_id' },
        { listing_id: 'rb-y', reason: 'not found' },
      ],
    });
    expect(await listingOn(owner, uid, 'redbubble')).toMatchObject({ status: 'listed', listing_id: 'rb-x' });
  });
});
