import { type Account } from '../support/test-app.js';
import { discogsAndEbayStage } from '../support/listing-setup.js';

describe('Listing engine: bulk list and delist (e2e)', () => {
  const { stage, seller, connectEbay, item, photographed, discogsCallsFor, listingOn, settled } = discogsAndEbayStage();

  const post = (account: Account, path: string, body: Record<string, unknown> = {}) =>
    stage.t.api.post(`/api/v1/inventory/${path}`).set(account.auth).send(body);

  interface PairResult {
    uid: string;
    platform: string | null;
    status: string;
    listing_uid: string | null;
    message: string;
    blocking_code: string | null;
  }

  const submitted = (uid: string, platform: string, status = 'in_progress'): PairResult => ({
    uid,
    platform,
    status,
    listing_uid: expect.stringMatching(/^lst_/) as unknown as string,
    message: expect.any(String) as unknown as string,
    blocking_code: null,
  });

  it('lists several items on Discogs and eBay: one result per pair at once, then each listing ends listed (or draft by default)', async () => {
    const shop = await seller();
    await connectEbay(shop);
    const [first, second] = [await photographed(shop), await photographed(shop, '12.50')];
    const answer = await post(shop, 'bulk/list/', { items: [first, second], platforms: ['ebay', 'discogs'], is_draft: false }).expect(200);
    expect(answer.body).toEqual({
      success_count: 4,
      failure_count: 0,
      total_count: 4,
      results: [submitted(first, 'ebay'), submitted(first, 'discogs'), submitted(second, 'ebay'), submitted(second, 'discogs')],
      errors: [],
      updated_uids: [first, second],
    });
    expect((answer.body.results as PairResult[])[1].message).toBe('Listing submitted to Discogs.');
    for (const uid of [first, second]) {
      for (const slug of ['ebay', 'discogs'])
        expect(await settled(shop, uid, slug)).toMatchObject({ status: 'listed', last_error_code: null });
    }
    expect((await settled(shop, second, 'discogs')).listing_price_usd).toBe('12.50');

    const drafts = await item(shop);
    await post(shop, 'bulk/list/', { uids: [drafts], platforms: ['discogs'] }).expect(200);
    expect(await settled(shop, drafts, 'discogs')).toMatchObject({ status: 'draft' });
  });

  it('refuses pair by pair: no price, sold, a platform not connected, another organization’s item; the others go on', async () => {
    const shop = await seller();
    const stranger = await seller();
    const [good, unpriced, sold] = [await item(shop), await item(shop, null), await item(shop)];
    const foreign = await item(stranger);
    await stage.t.sql(`UPDATE inventory_items SET status = 'sold' WHERE uid = $1`, [sold]);
    const answer = await post(shop, 'bulk/list/', { items: [good, unpriced, sold, foreign], platforms: ['discogs', 'ebay'] }).expect(200);
    expect(answer.body.results).toEqual([
      submitted(good, 'discogs'),
      {
        uid: good,
        platform: 'ebay',
        status: 'refused',
        listing_uid: null,
        message: 'Connect your account on this platform before listing.',
        blocking_code: 'not_connected',
      },
      {
        uid: unpriced,
        platform: 'discogs',
        status: 'listing_failed',
        listing_uid: expect.stringMatching(/^lst_/),
        message: 'Set a price before listing.',
        blocking_code: 'price_not_set',
      },
      expect.objectContaining({ uid: unpriced, platform: 'ebay', status: 'refused', blocking_code: 'not_connected' }),
      {
        uid: sold,
        platform: 'discogs',
        status: 'refused',
        listing_uid: null,
        message: 'The item has been sold.',
        blocking_code: 'item_sold',
      },
      expect.objectContaining({ uid: sold, platform: 'ebay', status: 'refused' }),
      { uid: foreign, platform: null, status: 'refused', listing_uid: null, message: 'Not found.', blocking_code: null },
    ]);
    expect(answer.body).toMatchObject({ success_count: 1, failure_count: 6, total_count: 7, updated_uids: [good] });
    expect(answer.body.errors[0]).toEqual({ uid: good, platform: 'ebay', error: 'Connect your account on this platform before listing.' });
    expect(await settled(shop, good, 'discogs')).toMatchObject({ status: 'draft' });
    expect(await listingOn(shop, unpriced, 'discogs')).toMatchObject({
      status: 'listing_failed',
      last_error_code: { slug: 'price_not_set' },
    });
    expect(await listingOn(shop, sold, 'discogs')).toBeUndefined();
    expect(await listingOn(stranger, foreign, 'discogs')).toBeUndefined();
  });

  it('bulk delists from every platform where each item is live when no platforms are given', async () => {
    const shop = await seller();
    await connectEbay(shop);
    const [first, second, never] = [await photographed(shop), await photographed(shop), await item(shop)];
    await post(shop, 'bulk/list/', { items: [first, second], platforms: ['discogs', 'ebay'], is_draft: false }).expect(200);
    await post(shop, 'bulk/list/', { items: [second], platforms: ['ebay'] }).expect(200);
    for (const uid of [first, second]) for (const slug of ['ebay', 'discogs']) await settled(shop, uid, slug);

    const answer = await post(shop, 'bulk/delist/', { uids: [first, second, never] }).expect(200);
    expect(answer.body).toEqual({
      success_count: 4,
      failure_count: 1,
      total_count: 5,
      results: [
        submitted(first, 'ebay', 'delisting'),
        submitted(first, 'discogs', 'delisting'),
        submitted(second, 'ebay', 'delisting'),
        submitted(second, 'discogs', 'delisting'),
        {
          uid: never,
          platform: null,
          status: 'refused',
          listing_uid: null,
          message: 'The item has no live listing to delist.',
          blocking_code: null,
        },
      ],
      errors: [{ uid: never, platform: null, error: 'The item has no live listing to delist.' }],
      updated_uids: [first, second],
    });
    for (const uid of [first, second])
      for (const slug of ['ebay', 'discogs']) expect(await settled(shop, uid, slug)).toMatchObject({ status: 'delisted' });
  });

  it('lists on all connected platforms and delists from all, the slug in the path as documented', async () => {
    const shop = await seller();
    await connectEbay(shop);
    const uid = await photographed(shop);
    const listed = await post(shop, `${uid}/platform/ebay/list/all/`, { is_draft: false }).expect(200);
    expect((listed.body.results as PairResult[]).map((result) => [result.platform, result.status]).sort()).toEqual([
      ['discogs', 'in_progress'],
      ['ebay', 'in_progress'],
    ]);
    for (const slug of ['ebay', 'discogs']) expect(await settled(shop, uid, slug)).toMatchObject({ status: 'listed' });

    const delisted = await post(shop, `${uid}/platform/ebay/delist/all/`).expect(200);
    expect(delisted.body).toMatchObject({ success_count: 2, failure_count: 0, total_count: 2, updated_uids: [uid] });
    for (const slug of ['ebay', 'discogs']) expect(await settled(shop, uid, slug)).toMatchObject({ status: 'delisted' });

    const lonely = await seller({ discogs: false });
    const other = await item(lonely);
    expect((await post(lonely, `${other}/platform/ebay/list/all/`).expect(200)).body.results).toEqual([
      {
        uid: other,
        platform: null,
        status: 'refused',
        listing_uid: null,
        message: expect.stringMatching(/^Connect/),
        blocking_code: 'not_connected',
      },
    ]);
    await post(shop, `${uid}/platform/myspace/list/all/`).expect(404);
    await post(lonely, `${uid}/platform/ebay/delist/all/`).expect(404);
  });

  it('lists one item on several platforms and delists it from the ones given', async () => {
    const shop = await seller();
    await connectEbay(shop);
    const uid = await item(shop);
    const answer = await post(shop, `${uid}/platforms/bulk/list/`, { platforms: ['discogs', 'ebay'] }).expect(200);
    expect(answer.body).toMatchObject({ success_count: 2, results: [submitted(uid, 'discogs'), submitted(uid, 'ebay')] });
    for (const slug of ['ebay', 'discogs']) expect(await settled(shop, uid, slug)).toMatchObject({ status: 'draft' });

    const delisted = await post(shop, `${uid}/platforms/bulk/delist/`, { platforms: ['ebay'] }).expect(200);
    expect(delisted.body.results).toEqual([submitted(uid, 'ebay', 'delisting')]);
    expect(await settled(shop, uid, 'ebay')).toMatchObject({ status: 'delisted' });
    expect(await settled(shop, uid, 'discogs')).toMatchObject({ status: 'draft' });
    await post(shop, 'inv_doesnotexist/platforms/bulk/list/', { platforms: ['discogs'] }).expect(404);
  });

  it('acts once for the same Idempotency-Key sent twice', async () => {
    const shop = await seller();
    const uid = await item(shop);
    const send = () =>
      post(shop, 'bulk/list/', { items: [uid], platforms: ['discogs'], is_draft: false })
        .set('Idempotency-Key', `bulk-${uid}`)
        .expect(200);
    const first = await send();
    await settled(shop, uid, 'discogs');
    const again = await send();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(discogsCallsFor(shop.discogsUser).filter((call) => call === 'POST /marketplace/listings')).toHaveLength(1);
  });

  it('answers 400 per field on bad input, over the limit, and 402 without a subscription first', async () => {
    const shop = await seller();
    const uid = await item(shop);
    const tooMany = Array.from({ length: 101 }, (_, index) => `inv_${index}`);
    expect((await post(shop, 'bulk/list/', { items: tooMany, platforms: ['discogs'] }).expect(400)).body).toEqual({
      items: ['At most 100 items per request.'],
    });
    expect((await post(shop, 'bulk/list/', { items: [uid, uid], platforms: ['discogs', 'myspace'] }).expect(400)).body).toEqual({
      items: ['An item may be given only once.'],
    });
    expect((await post(shop, 'bulk/list/', { items: [uid], platforms: ['discogs', 'myspace'] }).expect(400)).body).toEqual({
      platforms: ['"myspace" is not a valid choice.'],
    });
    expect((await post(shop, 'bulk/list/', { items: [], platforms: [] }).expect(400)).body).toEqual({
      items: ['This list may not be empty.'],
      platforms: ['This list may not be empty.'],
    });
    expect(
      Object.keys((await post(shop, 'bulk/list/', { items: 'inv_1', platforms: [1], is_draft: 'yes' }).expect(400)).body).sort(),
    ).toEqual(['is_draft', 'items', 'platforms']);
    expect((await post(shop, 'bulk/delist/', {}).expect(400)).body).toEqual({ items: ['This field is required.'] });
    const overPlan = Array.from({ length: 26 }, (_, index) => `inv_${index}`);
    expect((await post(shop, 'bulk/delist/', { items: overPlan }).expect(400)).body).toEqual({
      items: ['Your plan allows at most 25 items per bulk request; this one has 26.'],
    });
    await post(shop, 'bulk/list/', { items: [uid] }).expect(400);

    await stage.t.sql(
      `UPDATE subscriptions SET trial_ends_at = now() - interval '1 minute'
        WHERE organization_id = (SELECT organization_id FROM users WHERE uid = $1)`,
      [shop.user.uid],
    );
    await post(shop, 'bulk/list/', { items: [uid], platforms: ['discogs'] }).expect(402);
    await post(shop, 'bulk/delist/', { items: [uid] }).expect(402);
    await post(shop, `${uid}/platform/discogs/list/all/`).expect(402);
  });
});
