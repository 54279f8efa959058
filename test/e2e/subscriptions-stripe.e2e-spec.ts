import Stripe from 'stripe';
import { type FakeStripe, startFakeStripe, stripeEvent, stripeSubscription, stripeSubscriptionInvoice } from '../support/fake-stripe.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const SECRET_KEY = 'sk_test_51InsticaBillingTests';
const WEBHOOK_SECRET = 'whsec_instica_billing_tests';
const PUBLIC_URL = 'https://shop.example.com';
const STRIPE = '/api/v1/subscriptions/stripe/';
const DAY = 86_400;

describe('Subscriptions: Stripe (e2e)', () => {
  let t: TestApp;
  let stripe: FakeStripe;

  beforeAll(async () => {
    stripe = await startFakeStripe(SECRET_KEY);
    t = await createTestApp({
      env: { STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: stripe.url, PUBLIC_URL },
    });
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  const status = async (account: Account) => (await t.api.get('/api/v1/subscriptions/status/').set(account.auth).expect(200)).body;
  const createKey = (account: Account) => t.api.post('/api/v1/api-keys/').set(account.auth).send({ name: 'Billing check' });
  const checkout = (account: Account, plan: string) => t.api.post(`${STRIPE}checkout/`).set(account.auth).send({ plan });

  /** Posts an event to the webhook, signed as Stripe signs it (or with `secret` instead). */
  const deliver = (event: Record<string, unknown>, secret = WEBHOOK_SECRET) => {
    const payload = JSON.stringify(event);
    return t.api
      .post(`${STRIPE}webhook/`)
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', Stripe.webhooks.generateTestHeaderString({ payload, secret }))
      .send(payload);
  };

  /** An organization that went through checkout: its Stripe customer exists. */
  async function customerOf(account: Account): Promise<string> {
    await checkout(account, 'pro').expect(200);
    const { rows } = await t.sql(
      `SELECT stripe_customer_id FROM subscriptions WHERE organization_id = (SELECT organization_id FROM users WHERE uid = $1)`,
      [account.user.uid],
    );
    return rows[0].stripe_customer_id as string;
  }

  describe('checkout', () => {
    it("creates a subscription Checkout Session for the organization's Stripe customer, created once and reused", async () => {
      const owner = await registerAccount(t.api, { organization_name: 'Groove Records' });
      const before = stripe.requests.length;
      const first = await checkout(owner, 'pro').expect(200);
      expect(first.body.url).toBe(`https://checkout.stripe.com/c/pay/${first.body.session_id}`);
      expect(first.body.session_id).toMatch(/^cs_test_/);

      const calls = stripe.requests.slice(before);
      expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['POST /v1/customers', 'POST /v1/checkout/sessions']);
      expect(calls[0].form).toMatchObject({ name: 'Groove Records', 'metadata[organization_uid]': owner.organization.uid });
      expect(calls[0].idempotencyKey).toBe(`instica-customer-${owner.organization.uid}`);
      const session = calls[1].form;
      expect(session).toMatchObject({
        mode: 'subscription',
        client_reference_id: owner.organization.uid,
        success_url: `${PUBLIC_URL}/billing/checkout/success/?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${PUBLIC_URL}/billing/checkout/canceled/`,
        'line_items[0][quantity]': '1',
        'line_items[0][price_data][currency]': 'usd',
        'line_items[0][price_data][unit_amount]': '1999',
        'line_items[0][price_data][recurring][interval]': 'month',
        'line_items[0][price_data][product_data][name]': 'Instica Pro',
        'metadata[plan]': 'pro',
        'subscription_data[metadata][organization_uid]': owner.organization.uid,
        'subscription_data[metadata][plan]': 'pro',
      });
      const customer = session.customer;
      expect(customer).toMatch(/^cus_/);

      const again = stripe.requests.length;
      await checkout(owner, 'basic').expect(200);
      const second = stripe.requests.slice(again);
      expect(second.map((call) => call.path)).toEqual(['/v1/checkout/sessions']);
      expect(second[0].form).toMatchObject({ customer, 'line_items[0][price_data][unit_amount]': '999' });
    });

    it("sells a plan's own Stripe Price when plans.stripe_price_id is set", async () => {
      await t.sql(`UPDATE plans SET stripe_price_id = 'price_basic_monthly' WHERE code = 'basic'`);
      try {
        const owner = await registerAccount(t.api);
        await checkout(owner, 'basic').expect(200);
        const form = stripe.requests.at(-1)!.form;
        expect(form['line_items[0][price]']).toBe('price_basic_monthly');
        expect(form['line_items[0][price_data][unit_amount]']).toBeUndefined();
      } finally {
        await t.sql(`UPDATE plans SET stripe_price_id = NULL WHERE code = 'basic'`);
      }
    });

    it('refuses an unknown or unpaid plan (400) and members (403), calling Stripe for neither', async () => {
      const owner = await registerAccount(t.api);
      const before = stripe.requests.length;
      expect((await checkout(owner, 'platinum').expect(400)).body).toEqual({
        plan: ['"platinum" is not a paid plan: see GET /api/v1/subscriptions/plans/.'],
      });
      expect((await checkout(owner, 'trial').expect(400)).body.plan).toHaveLength(1);
      expect((await t.api.post(`${STRIPE}checkout/`).set(owner.auth).send({}).expect(400)).body).toEqual({
        plan: ['This field is required.'],
      });

      await t.sql(`UPDATE users SET role = 'member' WHERE uid = $1`, [owner.user.uid]);
      expect((await checkout(owner, 'pro').expect(403)).body).toEqual({ detail: 'You do not have permission to perform this action.' });
      await t.api.get(`${STRIPE}invoices/`).set(owner.auth).expect(403);
      await t.api.get(`${STRIPE}payment-methods/`).set(owner.auth).expect(403);
      expect(stripe.requests.length).toBe(before);
    });

    it('refuses a second paid subscription while one is active', async () => {
      const owner = await registerAccount(t.api);
      const customer = await customerOf(owner);
      await deliver(
        stripeEvent(
          'customer.subscription.created',
          stripeSubscription({ customer, status: 'active', periodEnd: Math.floor(Date.now() / 1000) + 30 * DAY }),
        ),
      ).expect(200);
      const refused = await checkout(owner, 'basic').expect(400);
      expect(refused.body.non_field_errors[0]).toMatch(/already has a paid subscription \(Stripe\)/);
    });

    it("answers 502 when Stripe refuses the server's key", async () => {
      const wrongKey = await createTestApp({ env: { STRIPE_SECRET_KEY: 'sk_test_revoked', STRIPE_API_URL: stripe.url } });
      try {
        const owner = await registerAccount(wrongKey.api);
        const failed = await wrongKey.api.post(`${STRIPE}checkout/`).set(owner.auth).send({ plan: 'pro' }).expect(502);
        expect(failed.body).toEqual({ detail: 'Stripe could not complete the request; try again later.' });
      } finally {
        await wrongKey.close();
      }
    });
  });

  describe('invoices and payment methods', () => {
    it('are empty lists before the first checkout, without asking Stripe', async () => {
      const owner = await registerAccount(t.api);
      const before = stripe.requests.length;
      expect((await t.api.get(`${STRIPE}invoices/`).set(owner.auth).expect(200)).body).toEqual([]);
      expect((await t.api.get(`${STRIPE}payment-methods/`).set(owner.auth).expect(200)).body).toEqual([]);
      expect(stripe.requests.length).toBe(before);
    });

    it("read the organization's customer through Stripe, shaped as our DTOs with decimal amounts", async () => {
      const owner = await registerAccount(t.api);
      const customer = await customerOf(owner);
      const other = await customerOf(await registerAccount(t.api));
      const invoice = stripe.addInvoice(customer);
      stripe.addInvoice(other);
      const card = stripe.addCard(customer, { brand: 'mastercard', last4: '4444', exp_month: 3, exp_year: 2031 });

      const invoices = await t.api.get(`${STRIPE}invoices/`).set(owner.auth).expect(200);
      const period = (invoice.lines as { data: Array<{ period: { start: number; end: number } }> }).data[0].period;
      expect(invoices.body).toEqual([
        {
          id: invoice.id,
          number: invoice.number,
          status: 'paid',
          total: '19.99',
          amount_due: '19.99',
          amount_paid: '19.99',
          currency: 'usd',
          created: new Date((invoice.created as number) * 1000).toISOString(),
          period_start: new Date(period.start * 1000).toISOString(),
          period_end: new Date(period.end * 1000).toISOString(),
          hosted_invoice_url: invoice.hosted_invoice_url,
          invoice_pdf: invoice.invoice_pdf,
        },
      ]);
      expect(stripe.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/invoices', query: { customer, limit: '100' } });

      const methods = await t.api.get(`${STRIPE}payment-methods/`).set(owner.auth).expect(200);
      expect(methods.body).toEqual([
        {
          id: card.id,
          type: 'card',
          brand: 'mastercard',
          last4: '4444',
          exp_month: 3,
          exp_year: 2031,
          created: new Date((card.created as number) * 1000).toISOString(),
        },
      ]);
      expect(stripe.requests.at(-1)).toMatchObject({ method: 'GET', path: `/v1/customers/${customer}/payment_methods` });
    });
  });

  describe('webhook', () => {
    const nowSeconds = () => Math.floor(Date.now() / 1000);

    it('refuses a missing or bad signature, and a body that is not the signed one, with 400', async () => {
      const event = stripeEvent('invoice.paid', {});
      const noSignature = await t.api.post(`${STRIPE}webhook/`).set('Content-Type', 'application/json').send(JSON.stringify(event));
      expect(noSignature.status).toBe(400);
      expect(noSignature.body).toEqual({ detail: 'The Stripe-Signature header is missing.' });

      const forged = await deliver(event, 'whsec_someone_else').expect(400);
      expect(forged.body.detail).toMatch(/^The Stripe signature does not verify: /);

      const payload = JSON.stringify(event);
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
      // The same JSON re-serialized (spaces added): the parsed body is equal, the bytes are not.
      const reformatted = await t.api
        .post(`${STRIPE}webhook/`)
        .set('Content-Type', 'application/json')
        .set('Stripe-Signature', signature)
        .send(JSON.stringify(event, null, 2))
        .expect(400);
      expect(reformatted.body.detail).toMatch(/^The Stripe signature does not verify: /);
      const { rows } = await t.sql(`SELECT count(*)::int AS n FROM billing_events WHERE external_id = $1`, [event.id]);
      expect(rows[0].n).toBe(0);
    });

    it('follows a subscription through checkout, trial, payment, failure, recovery and cancellation, flipping the 402 guard', async () => {
      const owner = await registerAccount(t.api);
      const customer = await customerOf(owner);
      await t.sql(
        `UPDATE subscriptions SET trial_ends_at = now() - interval '1 minute', status = 'trialing'
                    WHERE stripe_customer_id = $1`,
        [customer],
      );
      await createKey(owner).expect(402);
      let at = nowSeconds() - 1000;
      const periodEnd = nowSeconds() + 30 * DAY;
      const subscriptionId = 'sub_lifecycle_1';

      const completed = await deliver(
        stripeEvent(
          'checkout.session.completed',
          {
            id: 'cs_test_done',
            object: 'checkout.session',
            mode: 'subscription',
            customer,
            subscription: subscriptionId,
            client_reference_id: owner.organization.uid,
          },
          (at += 1),
        ),
      ).expect(200);
      expect(completed.body).toEqual({ received: true, duplicate: false });
      const { rows: linked } = await t.sql(`SELECT stripe_subscription_id, status FROM subscriptions WHERE stripe_customer_id = $1`, [
        customer,
      ]);
      expect(linked[0]).toEqual({ stripe_subscription_id: subscriptionId, status: 'trialing' });

      const trialEnd = nowSeconds() + 7 * DAY;
      await deliver(
        stripeEvent(
          'customer.subscription.created',
          stripeSubscription({
            id: subscriptionId,
            customer,
            status: 'trialing',
            periodEnd: trialEnd,
            trialEnd,
            metadata: { plan: 'pro' },
          }),
          (at += 1),
        ),
      ).expect(200);
      expect(await status(owner)).toMatchObject({
        status: 'trialing',
        is_active: true,
        provider: 'stripe',
        plan: { code: 'pro' },
        trial_ends_at: new Date(trialEnd * 1000).toISOString(),
      });
      await createKey(owner).expect(201);

      // The trial's own invoice is paid at 0: still trialing.
      await deliver(
        stripeEvent(
          'invoice.paid',
          stripeSubscriptionInvoice({ customer, subscription: subscriptionId, amountPaid: 0, periodEnd: trialEnd }),
          (at += 1),
        ),
      ).expect(200);
      expect((await status(owner)).status).toBe('trialing');

      await deliver(
        stripeEvent(
          'invoice.paid',
          stripeSubscriptionInvoice({ customer, subscription: subscriptionId, amountPaid: 1999, periodEnd }),
          (at += 1),
        ),
      ).expect(200);
      expect(await status(owner)).toMatchObject({
        status: 'active',
        is_active: true,
        trial_ends_at: null,
        current_period_end: new Date(periodEnd * 1000).toISOString(),
        plan: { code: 'pro' },
        limits: { photos_per_item_limit: 24, max_items_per_batch: 100 },
      });

      await deliver(
        stripeEvent(
          'invoice.payment_failed',
          stripeSubscriptionInvoice({ customer, subscription: subscriptionId, amountPaid: 0, periodEnd }),
          (at += 1),
        ),
      ).expect(200);
      const pastDue = await status(owner);
      expect(pastDue).toMatchObject({ status: 'past_due', is_active: true });
      expect(pastDue.grace_period_ends_at).toBe(new Date((at + 7 * DAY) * 1000).toISOString());
      await createKey(owner).expect(201);

      await deliver(
        stripeEvent(
          'customer.subscription.updated',
          stripeSubscription({ id: subscriptionId, customer, status: 'active', periodEnd, metadata: { plan: 'basic' } }),
          (at += 1),
        ),
      ).expect(200);
      expect(await status(owner)).toMatchObject({ status: 'active', plan: { code: 'basic' }, grace_period_ends_at: null });

      await deliver(
        stripeEvent(
          'customer.subscription.deleted',
          stripeSubscription({ id: subscriptionId, customer, status: 'canceled', periodEnd }),
          (at += 1),
        ),
      ).expect(200);
      expect(await status(owner)).toMatchObject({ status: 'canceled', is_active: false });
      await createKey(owner).expect(402);

      // Late news of the canceled subscription changes nothing; a new subscription starts over.
      await deliver(
        stripeEvent(
          'invoice.paid',
          stripeSubscriptionInvoice({ customer, subscription: subscriptionId, amountPaid: 1999, periodEnd }),
          (at += 1),
        ),
      ).expect(200);
      expect((await status(owner)).status).toBe('canceled');
      await deliver(
        stripeEvent(
          'customer.subscription.created',
          stripeSubscription({ id: 'sub_lifecycle_2', customer, status: 'active', periodEnd, metadata: { plan: 'pro' } }),
          at + 1,
        ),
      ).expect(200);
      expect(await status(owner)).toMatchObject({ status: 'active', plan: { code: 'pro' } });
      await createKey(owner).expect(201);
    });

    it('maps the plan by its Stripe Price, and unpaid to expired', async () => {
      await t.sql(`UPDATE plans SET stripe_price_id = 'price_pro_monthly' WHERE code = 'pro'`);
      try {
        const owner = await registerAccount(t.api);
        const customer = await customerOf(owner);
        const subscription = { id: 'sub_priced', customer, priceId: 'price_pro_monthly', periodEnd: nowSeconds() + 30 * DAY };
        await deliver(stripeEvent('customer.subscription.created', stripeSubscription({ ...subscription, status: 'active' }))).expect(200);
        expect(await status(owner)).toMatchObject({ status: 'active', plan: { code: 'pro' } });
        await deliver(
          stripeEvent('customer.subscription.updated', stripeSubscription({ ...subscription, status: 'unpaid' }), nowSeconds() + 1),
        ).expect(200);
        expect(await status(owner)).toMatchObject({ status: 'expired', is_active: false });
      } finally {
        await t.sql(`UPDATE plans SET stripe_price_id = NULL WHERE code = 'pro'`);
      }
    });

    it('applies an event delivered twice once, and an older event after a newer one not at all', async () => {
      const owner = await registerAccount(t.api);
      const customer = await customerOf(owner);
      const periodEnd = nowSeconds() + 30 * DAY;
      const at = nowSeconds() - 100;
      const subscription = { id: 'sub_ordering', customer, periodEnd, metadata: { plan: 'pro' } };

      const active = stripeEvent('customer.subscription.updated', stripeSubscription({ ...subscription, status: 'active' }), at + 10);
      expect((await deliver(active).expect(200)).body).toEqual({ received: true, duplicate: false });
      const before = await status(owner);

      // Tampered with between deliveries, or not: the same event id changes nothing the second time.
      await t.sql(`UPDATE subscriptions SET plan_id = (SELECT id FROM plans WHERE code = 'basic') WHERE stripe_customer_id = $1`, [
        customer,
      ]);
      expect((await deliver(active).expect(200)).body).toEqual({ received: true, duplicate: true });
      expect((await status(owner)).plan.code).toBe('basic');
      await t.sql(`UPDATE subscriptions SET plan_id = (SELECT id FROM plans WHERE code = 'pro') WHERE stripe_customer_id = $1`, [customer]);

      // Created before the active one, delivered after it: the state stays.
      const stale = stripeEvent('customer.subscription.updated', stripeSubscription({ ...subscription, status: 'past_due' }), at + 5);
      expect((await deliver(stale).expect(200)).body).toEqual({ received: true, duplicate: false });
      const failedEarlier = stripeEvent(
        'invoice.payment_failed',
        stripeSubscriptionInvoice({ customer, subscription: subscription.id, amountPaid: 0, periodEnd }),
        at + 1,
      );
      await deliver(failedEarlier).expect(200);
      expect(await status(owner)).toEqual(before);

      const { rows } = await t.sql(`SELECT count(*)::int AS n FROM billing_events WHERE external_id = ANY($1)`, [
        [active.id, stale.id, failedEarlier.id],
      ]);
      expect(rows[0].n).toBe(3);
    });

    it('acknowledges events about no organization of ours, and kinds it does not apply', async () => {
      const unknown = stripeEvent(
        'customer.subscription.created',
        stripeSubscription({ customer: 'cus_not_ours', status: 'active', periodEnd: nowSeconds() + DAY }),
      );
      expect((await deliver(unknown).expect(200)).body).toEqual({ received: true, duplicate: false });
      expect((await deliver(stripeEvent('charge.refunded', { id: 'ch_1', object: 'charge' })).expect(200)).body).toEqual({
        received: true,
        duplicate: false,
      });
      const { rows } = await t.sql(`SELECT organization_id, type FROM billing_events WHERE external_id = $1`, [unknown.id]);
      expect(rows).toEqual([{ organization_id: null, type: 'customer.subscription.created' }]);
    });
  });
});
