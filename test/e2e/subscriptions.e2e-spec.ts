import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const SUBSCRIPTIONS = '/api/v1/subscriptions/';

describe('Subscriptions: plans, status, trial and the 402 guard (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const status = async (account: Account) => (await t.api.get(`${SUBSCRIPTIONS}status/`).set(account.auth).expect(200)).body;
  const createKey = (account: Account) => t.api.post('/api/v1/api-keys/').set(account.auth).send({ name: 'Billing check' });

  it('serves the plan catalogue without credentials: prices, limits and App Store products, cheapest first', async () => {
    const response = await t.api.get(`${SUBSCRIPTIONS}plans/`).expect(200);
    expect(response.body).toEqual([
      {
        uid: 'plan_trial',
        code: 'trial',
        name: 'Trial',
        price_monthly_usd: '0.00',
        photos_per_item_limit: 12,
        max_items_per_batch: 25,
        is_pro: false,
        apple_product_id: null,
      },
      {
        uid: 'plan_basic',
        code: 'basic',
        name: 'Basic',
        price_monthly_usd: '9.99',
        photos_per_item_limit: 12,
        max_items_per_batch: 50,
        is_pro: false,
        apple_product_id: 'instica.basic.monthly',
      },
      {
        uid: 'plan_pro',
        code: 'pro',
        name: 'Pro',
        price_monthly_usd: '19.99',
        photos_per_item_limit: 24,
        max_items_per_batch: 100,
        is_pro: true,
        apple_product_id: 'instica.pro.monthly',
      },
    ]);
  });

  it("answers a new organization's trial to every role, with its limits and App Store account token", async () => {
    const owner = await registerAccount(t.api);
    const body = await status(owner);
    expect(body).toMatchObject({
      status: 'trialing',
      is_active: true,
      provider: 'trial',
      plan: { code: 'trial' },
      limits: { photos_per_item_limit: 12, max_items_per_batch: 25 },
      grace_period_ends_at: null,
    });
    expect(body.apple_app_account_token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const trialDays = (Date.parse(body.trial_ends_at) - Date.now()) / 86_400_000;
    expect(trialDays).toBeGreaterThan(13.9);
    expect(trialDays).toBeLessThanOrEqual(14);
    expect(body.current_period_end).toBe(body.trial_ends_at);
    // The token stays the same from one read to the next.
    expect((await status(owner)).apple_app_account_token).toBe(body.apple_app_account_token);

    await t.sql(`UPDATE users SET role = 'member' WHERE uid = $1`, [owner.user.uid]);
    expect((await status(owner)).status).toBe('trialing');
  });

  it('expires the trial once trial_ends_at passes: the status says so and the 402 guard closes', async () => {
    const owner = await registerAccount(t.api);
    await createKey(owner).expect(201);

    await t.sql(
      `UPDATE subscriptions SET trial_ends_at = now() - interval '1 minute'
        WHERE organization_id = (SELECT organization_id FROM users WHERE uid = $1)`,
      [owner.user.uid],
    );
    expect(await status(owner)).toMatchObject({ status: 'expired', is_active: false, trial_ends_at: null, provider: 'trial' });
    const me = await t.api.get('/api/v1/user/me/').set(owner.auth).expect(200);
    expect(me.body.subscription).toMatchObject({ status: 'expired', is_active: false });
    const refused = await createKey(owner).expect(402);
    expect(refused.body).toEqual({ detail: 'An active subscription is required for this action.' });
  });

  it('follows the stored state: canceled and expired close the guard, past_due stays open for the grace period', async () => {
    const owner = await registerAccount(t.api);
    const set = (sql: string) =>
      t.sql(`UPDATE subscriptions SET ${sql} WHERE organization_id = (SELECT organization_id FROM users WHERE uid = $1)`, [owner.user.uid]);

    await set(`status = 'active', provider = 'stripe', trial_ends_at = NULL, current_period_end = now() + interval '30 days'`);
    expect(await status(owner)).toMatchObject({ status: 'active', is_active: true, provider: 'stripe' });
    await createKey(owner).expect(201);

    await set(`status = 'past_due', past_due_since = now() - interval '2 days'`);
    const pastDue = await status(owner);
    expect(pastDue).toMatchObject({ status: 'past_due', is_active: true });
    expect(Date.parse(pastDue.grace_period_ends_at) - Date.now()).toBeGreaterThan(4.9 * 86_400_000);
    await createKey(owner).expect(201);

    await set(`past_due_since = now() - interval '8 days'`);
    expect(await status(owner)).toMatchObject({ status: 'past_due', is_active: false });
    await createKey(owner).expect(402);

    await set(`status = 'canceled', past_due_since = NULL`);
    expect(await status(owner)).toMatchObject({ status: 'canceled', is_active: false });
    await createKey(owner).expect(402);

    await set(`status = 'active', provider = 'apple', current_period_end = now() - interval '1 minute'`);
    expect(await status(owner)).toMatchObject({ status: 'expired', is_active: false });
    await createKey(owner).expect(402);
  });

  it('answers 503 naming the missing setting on the Stripe and App Store endpoints', async () => {
    const owner = await registerAccount(t.api);
    const stripeMissing = { detail: 'Stripe billing is not configured: set STRIPE_SECRET_KEY.' };
    expect((await t.api.post(`${SUBSCRIPTIONS}stripe/checkout/`).set(owner.auth).send({ plan: 'pro' }).expect(503)).body).toEqual(
      stripeMissing,
    );
    expect((await t.api.get(`${SUBSCRIPTIONS}stripe/invoices/`).set(owner.auth).expect(503)).body).toEqual(stripeMissing);
    expect((await t.api.get(`${SUBSCRIPTIONS}stripe/payment-methods/`).set(owner.auth).expect(503)).body).toEqual(stripeMissing);
    const webhook = await t.api
      .post(`${SUBSCRIPTIONS}stripe/webhook/`)
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', 't=1,v1=00')
      .send('{"id":"evt_1","object":"event"}')
      .expect(503);
    expect(webhook.body).toEqual({ detail: 'Stripe billing is not configured: set STRIPE_WEBHOOK_SECRET.' });

    const appleMissing = { detail: 'App Store billing is not configured: set APPLE_ROOT_CERT_PATH.' };
    const verify = await t.api.post(`${SUBSCRIPTIONS}apple/verify/`).set(owner.auth).send({ signed_transaction: 'a.b.c' }).expect(503);
    expect(verify.body).toEqual(appleMissing);
    expect((await t.api.post(`${SUBSCRIPTIONS}apple/notifications/`).send({ signedPayload: 'a.b.c' }).expect(503)).body).toEqual(
      appleMissing,
    );
  });
});
