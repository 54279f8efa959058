import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppleChain, createAppleChain, signAppleJws } from '../support/apple-certificates.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const BUNDLE_ID = 'com.instica.app';
const APPLE = '/api/v1/subscriptions/apple/';
const DAY_MS = 86_400_000;

describe('Subscriptions: App Store in-app purchases (e2e)', () => {
  let t: TestApp;
  let dir: string;
  let apple: AppleChain;
  let otherRoot: AppleChain;
  let unmarked: AppleChain;
  let transactionSequence = 2_000_000_000;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'instica-apple-'));
    apple = createAppleChain(dir, 'apple');
    otherRoot = createAppleChain(dir, 'impostor');
    // Issued by the real root, but not one of the certificates Apple signs App Store data with.
    unmarked = createAppleChain(dir, 'unmarked', { markers: false, root: apple });
    t = await createTestApp({ env: { APPLE_ROOT_CERT_PATH: apple.rootDerPath, APPLE_BUNDLE_ID: BUNDLE_ID } });
  });
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const status = async (account: Account) => (await t.api.get('/api/v1/subscriptions/status/').set(account.auth).expect(200)).body;
  const createKey = (account: Account) => t.api.post('/api/v1/api-keys/').set(account.auth).send({ name: 'Billing check' });
  const verify = (account: Account, signedTransaction: string) =>
    t.api.post(`${APPLE}verify/`).set(account.auth).send({ signed_transaction: signedTransaction });
  const notify = (signedPayload: string) => t.api.post(`${APPLE}notifications/`).send({ signedPayload });

  /** A signed transaction's payload (JWSTransactionDecodedPayload) as StoreKit 2 has it. */
  function transaction(fields: Record<string, unknown> = {}): Record<string, unknown> {
    const id = String((transactionSequence += 1));
    const now = Date.now();
    return {
      transactionId: id,
      originalTransactionId: id,
      webOrderLineItemId: `${id}1`,
      bundleId: BUNDLE_ID,
      productId: 'instica.pro.monthly',
      subscriptionGroupIdentifier: '21345678',
      purchaseDate: now,
      originalPurchaseDate: now,
      expiresDate: now + 30 * DAY_MS,
      quantity: 1,
      type: 'Auto-Renewable Subscription',
      inAppOwnershipType: 'PURCHASED',
      signedDate: now,
      environment: 'Sandbox',
      transactionReason: 'PURCHASE',
      storefront: 'USA',
      storefrontId: '143441',
      price: 19990,
      currency: 'USD',
      ...fields,
    };
  }

  /** An App Store Server Notification V2 (ResponseBodyV2DecodedPayload) carrying a signed transaction. */
  async function notification(notificationType: string, signedTransactionInfo: string, fields: Record<string, unknown> = {}) {
    return signAppleJws(apple, {
      notificationType,
      notificationUUID: randomUUID(),
      data: { appAppleId: 1234567890, bundleId: BUNDLE_ID, bundleVersion: '42', environment: 'Sandbox', signedTransactionInfo, status: 1 },
      version: '2.0',
      signedDate: Date.now(),
      ...fields,
    });
  }

  describe('verify', () => {
    it("applies a purchase signed up to the Apple root: the product's plan, active until expiresDate; twice changes nothing", async () => {
      const owner = await registerAccount(t.api);
      const token = (await status(owner)).apple_app_account_token as string;
      const purchase = transaction({ appAccountToken: token });
      const signed = await signAppleJws(apple, purchase);

      const applied = await verify(owner, signed).expect(200);
      expect(applied.body).toMatchObject({
        status: 'active',
        is_active: true,
        provider: 'apple',
        plan: { code: 'pro' },
        current_period_end: new Date(purchase.expiresDate as number).toISOString(),
        trial_ends_at: null,
        apple_app_account_token: token,
      });
      await createKey(owner).expect(201);

      await t.sql(`UPDATE subscriptions SET current_period_end = now() + interval '3 days' WHERE apple_app_account_token = $1`, [token]);
      const again = await verify(owner, signed).expect(200);
      expect(Date.parse(again.body.current_period_end) - Date.now()).toBeLessThan(4 * DAY_MS);
      const { rows } = await t.sql(`SELECT count(*)::int AS n FROM billing_events WHERE external_id = $1`, [
        `transaction:${purchase.transactionId}`,
      ]);
      expect(rows[0].n).toBe(1);
    });

    it('refuses a chain from another root, a leaf without Apple’s marker, a tampered JWS and a bad x5c with 400', async () => {
      const owner = await registerAccount(t.api);
      const purchase = transaction();
      const [header, payload, signature] = (await signAppleJws(apple, purchase)).split('.');
      const richer = Buffer.from(JSON.stringify({ ...purchase, expiresDate: Date.now() + 3650 * DAY_MS })).toString('base64url');
      const badSignature = 'The signature is not valid (ERR_JWS_SIGNATURE_VERIFICATION_FAILED).';
      const refusals: Array<[string, string]> = [
        [await signAppleJws(otherRoot, purchase), 'The certificate chain does not end at the configured Apple root.'],
        // The impostor's leaf and intermediate, presented with the real root at the end of the chain.
        [
          await signAppleJws(otherRoot, purchase, [otherRoot.x5c[0], otherRoot.x5c[1], apple.x5c[2]]),
          'The intermediate certificate was not issued by the Apple root.',
        ],
        // The real intermediate with a leaf it did not issue.
        [
          await signAppleJws(otherRoot, purchase, [otherRoot.x5c[0], apple.x5c[1], apple.x5c[2]]),
          'The signing certificate was not issued by the intermediate.',
        ],
        [await signAppleJws(unmarked, purchase), 'The certificates are not the ones Apple signs App Store data with.'],
        // The real chain, signed by a key that is not its leaf's.
        [await signAppleJws(otherRoot, purchase, apple.x5c), badSignature],
        [
          await signAppleJws(apple, purchase, [apple.x5c[0], apple.x5c[2]]),
          'The x5c header must hold the leaf, intermediate and root certificates.',
        ],
        [
          await signAppleJws(apple, purchase, [apple.x5c[0], 'bm90IGEgY2VydGlmaWNhdGU=', apple.x5c[2]]),
          'A certificate of the x5c header cannot be read.',
        ],
        [`${header}.${richer}.${signature}`, badSignature],
        [`${header}.${payload}.${signature.slice(0, -4)}AAAA`, badSignature],
        ['not-a-jws', 'The signature is not valid (ERR_JWS_INVALID).'],
      ];
      for (const [signed, reason] of refusals) {
        const refused = await verify(owner, signed).expect(400);
        expect(refused.body).toEqual({ signed_transaction: [`Not signed by the App Store: ${reason}`] });
      }
      expect(await status(owner)).toMatchObject({ status: 'trialing', provider: 'trial' });
    });

    it("refuses another app's, an unknown product's, an expired or refunded purchase, and another organization's", async () => {
      const owner = await registerAccount(t.api);
      const other = await registerAccount(t.api);
      const otherToken = (await status(other)).apple_app_account_token as string;
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ bundleId: 'com.someone.else' }, `This is not a purchase in the app ${BUNDLE_ID}.`],
        [{ productId: 'instica.gold.yearly' }, 'The product "instica.gold.yearly" is not a plan of this service.'],
        [{ expiresDate: Date.now() - 1000 }, 'This purchase has expired.'],
        [{ revocationDate: Date.now() - 1000, revocationReason: 0 }, 'This purchase was refunded or revoked.'],
        [{ appAccountToken: otherToken }, 'This purchase was made for another organization.'],
      ];
      for (const [fields, message] of cases) {
        const refused = await verify(owner, await signAppleJws(apple, transaction(fields))).expect(400);
        expect(refused.body).toEqual({ signed_transaction: [message] });
      }

      const theirs = transaction({ appAccountToken: otherToken });
      await verify(other, await signAppleJws(apple, theirs)).expect(200);
      // The same subscription, renewed, without a token: still theirs.
      const renewal = transaction({ originalTransactionId: theirs.originalTransactionId });
      expect((await verify(owner, await signAppleJws(apple, renewal)).expect(400)).body).toEqual({
        signed_transaction: ['This purchase was made for another organization.'],
      });
      expect(await status(owner)).toMatchObject({ status: 'trialing' });
    });

    it('is for owners and admins', async () => {
      const member = await registerAccount(t.api);
      await t.sql(`UPDATE users SET role = 'member' WHERE uid = $1`, [member.user.uid]);
      await verify(member, await signAppleJws(apple, transaction())).expect(403);
    });
  });

  describe('notifications', () => {
    it('names the organization by appAccountToken: subscribed, renewed, expired, each notification applied once', async () => {
      const owner = await registerAccount(t.api);
      const token = (await status(owner)).apple_app_account_token as string;
      const first = transaction({ appAccountToken: token, productId: 'instica.basic.monthly' });

      const subscribed = await notification('SUBSCRIBED', await signAppleJws(apple, first), { subtype: 'INITIAL_BUY' });
      expect((await notify(subscribed).expect(200)).body).toEqual({ received: true, duplicate: false });
      expect(await status(owner)).toMatchObject({
        status: 'active',
        provider: 'apple',
        plan: { code: 'basic' },
        current_period_end: new Date(first.expiresDate as number).toISOString(),
      });

      const renewed = transaction({
        appAccountToken: token,
        originalTransactionId: first.originalTransactionId,
        expiresDate: (first.expiresDate as number) + 30 * DAY_MS,
      });
      const renewal = await notification('DID_RENEW', await signAppleJws(apple, renewed));
      await notify(renewal).expect(200);
      const afterRenewal = await status(owner);
      expect(afterRenewal.current_period_end).toBe(new Date(renewed.expiresDate as number).toISOString());

      // The same notification again (Apple retries): nothing changes, even after the state moved on by hand.
      await t.sql(`UPDATE subscriptions SET current_period_end = now() + interval '1 day' WHERE apple_app_account_token = $1`, [token]);
      expect((await notify(renewal).expect(200)).body).toEqual({ received: true, duplicate: true });
      expect(Date.parse((await status(owner)).current_period_end) - Date.now()).toBeLessThan(2 * DAY_MS);

      const expired = await notification('EXPIRED', await signAppleJws(apple, { ...renewed, expiresDate: Date.now() - 1000 }), {
        subtype: 'VOLUNTARY',
      });
      await notify(expired).expect(200);
      expect(await status(owner)).toMatchObject({ status: 'expired', is_active: false });
      await createKey(owner).expect(402);
    });

    it('finds a subscription by its original transaction; REFUND cancels it; an older notification changes nothing', async () => {
      const owner = await registerAccount(t.api);
      const purchase = transaction();
      await verify(owner, await signAppleJws(apple, purchase)).expect(200);

      const stale = await notification('DID_FAIL_TO_RENEW', await signAppleJws(apple, purchase), { signedDate: Date.now() - DAY_MS });
      await notify(stale).expect(200);
      expect((await status(owner)).status).toBe('active');

      const refund = await notification(
        'REFUND',
        await signAppleJws(apple, { ...purchase, revocationDate: Date.now(), revocationReason: 1 }),
      );
      await notify(refund).expect(200);
      expect(await status(owner)).toMatchObject({ status: 'canceled', is_active: false });
      await createKey(owner).expect(402);
    });

    it('acknowledges a notification about no organization of ours, and refuses one not signed by Apple or of another app', async () => {
      const nobody = await notification('SUBSCRIBED', await signAppleJws(apple, transaction({ appAccountToken: randomUUID() })));
      expect((await notify(nobody).expect(200)).body).toEqual({ received: true, duplicate: false });
      const test = await signAppleJws(apple, {
        notificationType: 'TEST',
        notificationUUID: randomUUID(),
        data: { bundleId: BUNDLE_ID },
        version: '2.0',
        signedDate: Date.now(),
      });
      expect((await notify(test).expect(200)).body).toEqual({ received: true, duplicate: false });

      const forged = await signAppleJws(otherRoot, {
        notificationType: 'SUBSCRIBED',
        notificationUUID: randomUUID(),
        data: { bundleId: BUNDLE_ID },
        version: '2.0',
        signedDate: Date.now(),
      });
      expect((await notify(forged).expect(400)).body.signedPayload[0]).toMatch(/^Not signed by the App Store: /);
      // A genuine envelope around a transaction signed by someone else.
      const smuggled = await notification('SUBSCRIBED', await signAppleJws(otherRoot, transaction()));
      expect((await notify(smuggled).expect(400)).body.signedPayload[0]).toMatch(/^Not signed by the App Store: /);
      const otherApp = await signAppleJws(apple, {
        notificationType: 'TEST',
        notificationUUID: randomUUID(),
        data: { bundleId: 'com.someone.else' },
        version: '2.0',
        signedDate: Date.now(),
      });
      expect((await notify(otherApp).expect(400)).body).toEqual({ signedPayload: [`This is not a purchase in the app ${BUNDLE_ID}.`] });
      expect((await t.api.post(`${APPLE}notifications/`).send({}).expect(400)).body).toEqual({
        signedPayload: ['This field is required.'],
      });
    });
  });
});
