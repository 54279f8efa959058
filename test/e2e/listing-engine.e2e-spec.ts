import sharp from 'sharp';
import { ACCOUNTS, discogsAndEbayStage, KIND_OF_BLUE } from '../support/listing-setup.js';

describe('Listing engine: list and delist on a platform (e2e)', () => {
  const { stage, seller, connectEbay, item, discogsCallsFor, list, delist, listingOn, settled } = discogsAndEbayStage();

  it('lists on Discogs as a draft by default: answered at once, then the draft with its Discogs listing', async () => {
    const shop = await seller();
    const uid = await item(shop);
    const answer = await list(shop, uid, 'discogs').expect(200);
    expect(answer.body).toEqual({
      platform: 'discogs',
      listing_uid: expect.stringMatching(/^lst_/),
      status: 'in_progress',
      message: 'Listing submitted to Discogs.',
    });
    const listing = await settled(shop, uid, 'discogs');
    expect(listing).toMatchObject({
      uid: answer.body.listing_uid,
      status: 'draft',
      listing_id: expect.stringMatching(/^\d+$/),
      listing_price_usd: '34.99',
      last_error_code: null,
    });
    expect(listing.marketplace_details).toMatchObject({ release_id: KIND_OF_BLUE.id, status: 'Draft' });
    expect(stage.discogs.listings.get(Number(listing.listing_id))).toMatchObject({ status: 'Draft', external_id: uid, price: 34.99 });
    expect(discogsCallsFor(shop.discogsUser)).toEqual(['GET /oauth/identity', 'GET /database/search', 'POST /marketplace/listings']);
  });

  it('lists live, then delists; the audit log shows every status change', async () => {
    const shop = await seller();
    const uid = await item(shop);
    await list(shop, uid, 'discogs', { is_draft: false }).expect(200);
    const listed = await settled(shop, uid, 'discogs');
    expect(listed).toMatchObject({
      status: 'listed',
      listing_id: expect.stringMatching(/^\d+$/),
      marketplace_url: `https://www.discogs.com/sell/item/${listed.listing_id}`,
      listing_price_usd: '34.99',
    });
    expect(stage.discogs.listings.get(Number(listed.listing_id))?.status).toBe('For Sale');

    const refused = await list(shop, uid, 'discogs', { is_draft: false }).expect(400);
    expect(refused.body).toEqual({
      non_field_errors: ['The item already has a live listing on this platform.'],
      blocking_code: 'already_listed',
    });

    const answer = await delist(shop, uid, 'discogs').expect(200);
    expect(answer.body).toMatchObject({ listing_uid: listed.uid, status: 'delisting' });
    expect(await settled(shop, uid, 'discogs')).toMatchObject({ status: 'delisted', last_error_code: null });
    expect(stage.discogs.listings.has(Number(listed.listing_id))).toBe(false);

    const logs = (await stage.t.api.get(`/api/v1/inventory/${uid}/audit-logs/`).set(shop.auth).expect(200)).body.results as Array<{
      action: string;
      listing_uid: string;
      platform_slug: string;
      metadata: { status_before: string | null; status_after: string };
    }>;
    const changes = logs
      .filter((log) => log.listing_uid === listed.uid)
      .reverse()
      .map((log) => [log.action, log.platform_slug, log.metadata.status_before, log.metadata.status_after]);
    expect(changes).toEqual([
      ['list', 'discogs', null, 'in_progress'],
      ['list', 'discogs', 'in_progress', 'listed'],
      ['delist', 'discogs', 'listed', 'delisting'],
      ['delist', 'discogs', 'delisting', 'delisted'],
    ]);
  });

  it('lists live on eBay, the picture uploaded as its stored bytes, the expiring token renewed and stored sealed', async () => {
    const shop = await seller({ discogs: false });
    await connectEbay(shop);
    const uid = await item(shop);
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    await stage.t.api
      .post(`/api/v1/inventory/${uid}/assets/`)
      .set(shop.auth)
      .attach('file', photo, { filename: 'front.jpg', contentType: 'image/jpeg' })
      .field('type', 'photo')
      .expect(201);
    const imagesBefore = stage.ebay.images.size;
    // The access token about to expire: the job renews it first and stores the renewed credentials sealed.
    const accountOf = async () =>
      (
        await stage.t.sql(
          `SELECT credentials, token_expires_at FROM marketplace_accounts
            WHERE organization_id = (SELECT organization_id FROM users WHERE uid = $1)`,
          [shop.user.uid],
        )
      ).rows[0] as { credentials: string; token_expires_at: Date };
    await stage.t.sql(
      `UPDATE marketplace_accounts SET token_expires_at = now() + interval '1 minute'
        WHERE organization_id = (SELECT organization_id FROM users WHERE uid = $1)`,
      [shop.user.uid],
    );
    const sealedBefore = (await accountOf()).credentials;

    await list(shop, uid, 'ebay', { is_draft: false }).expect(200);
    const listing = await settled(shop, uid, 'ebay');
    expect(listing).toMatchObject({ status: 'listed', listing_price_usd: '34.99', last_error_code: null });
    expect(listing.marketplace_url).toBe(`https://www.ebay.com/itm/${listing.listing_id}`);
    expect(stage.ebay.images.size).toBe(imagesBefore + 1);
    const uploaded = [...stage.ebay.images.values()].at(-1)!;
    expect(uploaded.contentType).toBe('image/jpeg');
    expect(Buffer.compare(uploaded.data, photo)).toBe(0);
    expect(stage.ebay.inventoryItems.get(uid)).toBeDefined();
    expect(stage.ebay.tokenRequests.at(-1)!.form.grant_type).toBe('refresh_token');
    const renewed = await accountOf();
    expect(renewed.credentials).toMatch(/^v1:/);
    expect(renewed.credentials).not.toBe(sealedBefore);
    expect(new Date(renewed.token_expires_at).getTime()).toBeGreaterThan(Date.now() + 3_600_000);
  });

  it('records listing_failed with price_not_set for an item without a price, and calls no platform; a deleted or unknown item is a 404', async () => {
    const shop = await seller();
    const uid = await item(shop, null);
    const before = discogsCallsFor(shop.discogsUser).length;
    const answer = await list(shop, uid, 'discogs').expect(200);
    expect(answer.body).toMatchObject({ platform: 'discogs', status: 'listing_failed', message: 'Set a price before listing.' });
    expect(await listingOn(shop, uid, 'discogs')).toMatchObject({
      uid: answer.body.listing_uid,
      status: 'listing_failed',
      last_error_code: {
        uid: expect.stringMatching(/^err_/),
        slug: 'price_not_set',
        message: 'Price not set',
        description: 'Set a price before listing.',
      },
    });
    expect(discogsCallsFor(shop.discogsUser)).toHaveLength(before);
    await list(shop, 'inv_doesnotexist', 'discogs').expect(404);
    await stage.t.api.delete(`/api/v1/inventory/${uid}/`).set(shop.auth).expect(204);
    await list(shop, uid, 'discogs').expect(404);
  });

  it('refuses a platform not connected (not_connected), an organization without a primary address, an unknown platform', async () => {
    const shop = await seller({ discogs: false });
    const uid = await item(shop);
    expect((await list(shop, uid, 'discogs').expect(400)).body).toEqual({
      non_field_errors: ['Connect your account on this platform before listing.'],
      blocking_code: 'not_connected',
    });
    await list(shop, uid, 'myspace').expect(404);
    expect((await list(shop, uid, 'redbubble').expect(400)).body.listing_url[0]).toMatch(/browser extension/);

    const homeless = await seller({ address: false });
    const other = await item(homeless);
    const refused = await list(homeless, other, 'discogs').expect(400);
    expect(refused.body.non_field_errors[0]).toMatch(/primary address/);
    expect(await listingOn(homeless, other, 'discogs')).toBeUndefined();
    // Another organization's item is a 404 whatever the caller's own setup lacks.
    expect((await list(homeless, uid, 'discogs').expect(404)).body).toEqual({ detail: 'Not found.' });
    await delist(homeless, uid, 'discogs').expect(404);
  });

  it('answers 402 when the trial has expired, before anything else', async () => {
    const shop = await seller();
    const uid = await item(shop);
    await stage.t.sql(
      `UPDATE subscriptions SET trial_ends_at = now() - interval '1 minute'
        WHERE organization_id = (SELECT organization_id FROM users WHERE uid = $1)`,
      [shop.user.uid],
    );
    expect((await list(shop, uid, 'discogs').expect(402)).body).toEqual({ detail: 'An active subscription is required for this action.' });
    await delist(shop, uid, 'discogs').expect(402);
  });

  it("records listing_failed with the platform's message when the platform refuses the listing", async () => {
    const shop = await seller();
    const uid = await item(shop);
    stage.discogs.failNext(422, 1, 'Invalid release_id: release does not exist.');
    await list(shop, uid, 'discogs').expect(200);
    expect(await settled(shop, uid, 'discogs')).toMatchObject({
      status: 'listing_failed',
      last_error_code: { slug: 'marketplace_rejected', message: expect.stringContaining('Invalid release_id: release does not exist.') },
    });
  });

  it('publishes a draft made earlier: the same Discogs listing goes For Sale', async () => {
    const shop = await seller();
    const uid = await item(shop);
    await list(shop, uid, 'discogs').expect(200);
    const draft = await settled(shop, uid, 'discogs');
    expect(draft.status).toBe('draft');
    await list(shop, uid, 'discogs', { is_draft: false }).expect(200);
    expect(await settled(shop, uid, 'discogs')).toMatchObject({ uid: draft.uid, status: 'listed', listing_id: draft.listing_id });
    expect(stage.discogs.listings.get(Number(draft.listing_id))?.status).toBe('For Sale');
    expect(discogsCallsFor(shop.discogsUser).filter((call) => call === 'POST /marketplace/listings')).toHaveLength(1);
  });

  it('marks the connection expired and the listing failed when the platform refuses the credentials', async () => {
    const shop = await seller();
    const uid = await item(shop);
    stage.discogs.failNext(401, 1, 'You must authenticate to access this resource.');
    await list(shop, uid, 'discogs').expect(200);
    expect(await settled(shop, uid, 'discogs')).toMatchObject({
      status: 'listing_failed',
      last_error_code: { slug: 'connection_expired', description: 'Reconnect your Discogs account, then retry.' },
    });
    const [account] = (await stage.t.api.get(ACCOUNTS).set(shop.auth).expect(200)).body as Array<{ status: string; last_error: string }>;
    expect(account.status).toBe('expired');
    expect(account.last_error).toContain('You must authenticate');
    expect((await list(shop, uid, 'discogs').expect(400)).body.blocking_code).toBe('not_connected');
  });

  it('retries after a 429 and then lists', async () => {
    const shop = await seller();
    const uid = await item(shop);
    stage.discogs.failNext(429);
    await list(shop, uid, 'discogs', { is_draft: false }).expect(200);
    expect(await settled(shop, uid, 'discogs')).toMatchObject({ status: 'listed', last_error_code: null });
    // The search answered 429 and was asked again by the retried job; one listing was made.
    expect(discogsCallsFor(shop.discogsUser).slice(1)).toEqual([
      'GET /database/search',
      'GET /database/search',
      'POST /marketplace/listings',
    ]);
  });

  it('fails as marketplace_unavailable once the platform kept failing for every attempt', async () => {
    const shop = await seller();
    const uid = await item(shop);
    // The outage hits the release search only: another seller's order sync on the fake must not take a failure.
    stage.discogs.failNext(503, 5, 'Service Unavailable', '/database/search');
    await list(shop, uid, 'discogs').expect(200);
    // Five attempts with the backoff doubling from 2 s: about 30 s.
    expect(await settled(shop, uid, 'discogs', 60_000)).toMatchObject({
      status: 'listing_failed',
      last_error_code: { slug: 'marketplace_unavailable', description: 'Discogs did not answer after several tries; retry later.' },
    });
    expect(discogsCallsFor(shop.discogsUser).slice(1)).toEqual(Array.from({ length: 5 }, () => 'GET /database/search'));
  }, 90_000);

  it('queues again a job that never reached the queue (the process stopped between recording and queuing), and lists', async () => {
    const shop = await seller();
    const uid = await item(shop);
    await list(shop, uid, 'discogs', { is_draft: false }).expect(200);
    const first = await settled(shop, uid, 'discogs');
    // The state a stop right after recording the request leaves behind: in progress for long, its job queued nowhere.
    await stage.t.sql(
      `UPDATE inventory_item_listings SET status = 'in_progress', listing_id = NULL, queued_action = 'list',
              queued_job_id = 'list-job_lostInAStop', updated = now() - interval '1 hour' WHERE uid = $1`,
      [first.uid],
    );
    const relisted = await settled(shop, uid, 'discogs');
    expect(relisted).toMatchObject({ uid: first.uid, status: 'listed', listing_id: expect.stringMatching(/^\d+$/), last_error_code: null });
    expect(relisted.listing_id).not.toBe(first.listing_id);
    expect(discogsCallsFor(shop.discogsUser).filter((call) => call === 'POST /marketplace/listings')).toHaveLength(2);
    const [row] = (await stage.t.sql('SELECT queued_action, queued_job_id FROM inventory_item_listings WHERE uid = $1', [first.uid])).rows;
    expect(row).toEqual({ queued_action: null, queued_job_id: null });
  });

  it('retries a failed listing through the same list endpoint once the cause is fixed', async () => {
    const shop = await seller();
    const uid = await item(shop, null);
    await list(shop, uid, 'discogs', { is_draft: false }).expect(200);
    const failed = await settled(shop, uid, 'discogs');
    expect(failed).toMatchObject({ status: 'listing_failed', permissions: { can_retry_listing: false } });
    expect(failed.action_reasons.can_retry_listing).toEqual(expect.any(String));
    await stage.t.api.patch(`/api/v1/inventory/${uid}/`).set(shop.auth).send({ price_total_usd: '29.00' }).expect(200);
    expect(await listingOn(shop, uid, 'discogs')).toMatchObject({ status: 'listing_failed', permissions: { can_retry_listing: true } });
    await list(shop, uid, 'discogs', { is_draft: false }).expect(200);
    expect(await settled(shop, uid, 'discogs')).toMatchObject({
      uid: failed.uid,
      status: 'listed',
      listing_price_usd: '29.00',
      last_error_code: null,
      permissions: { can_retry_listing: false, can_delist: true },
    });
  });

  it('acts once for the same Idempotency-Key sent twice', async () => {
    const shop = await seller();
    const uid = await item(shop);
    const send = () => list(shop, uid, 'discogs', { is_draft: false }).set('Idempotency-Key', `list-${uid}`).expect(200);
    const first = await send();
    await settled(shop, uid, 'discogs');
    const again = await send();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await settled(shop, uid, 'discogs')).toMatchObject({ status: 'listed' });
    expect(discogsCallsFor(shop.discogsUser).filter((call) => call === 'POST /marketplace/listings')).toHaveLength(1);
  });
});
