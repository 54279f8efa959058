import { randomBytes } from 'node:crypto';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const PASSWORD = 'correct horse battery';
const apnsToken = () => randomBytes(32).toString('hex');

describe('User & account (e2e)', () => {
  let t: TestApp;
  let inbox: SmtpInbox;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    t = await createTestApp({ env: { SMTP_URL: inbox.url, SUPPORT_EMAIL: 'help@instica.example' } });
  });
  afterAll(async () => {
    await t?.close();
    await inbox?.close();
  });

  const me = async (account: Account) => (await t.api.get('/api/v1/user/me/').set(account.auth).expect(200)).body;
  const patchMe = (account: Account, body: Record<string, unknown>) => t.api.patch('/api/v1/user/me/').set(account.auth).send(body);

  describe('PATCH /api/v1/user/me/', () => {
    it('changes names, phone number and username, and only what is sent', async () => {
      const account = await registerAccount(t.api, { first_name: 'Ann', last_name: 'Lee' });
      const response = await patchMe(account, { first_name: '  Annie ', phone_number: '+14155550123', username: 'groove_ann' }).expect(200);
      expect(response.body).toMatchObject({
        uid: account.user.uid,
        first_name: 'Annie',
        last_name: 'Lee',
        phone_number: '+14155550123',
        username: 'groove_ann',
        email: account.user.email,
        role: 'owner',
        organization: { uid: account.organization.uid },
      });
      expect(await me(account)).toMatchObject({ first_name: 'Annie', phone_number: '+14155550123', username: 'groove_ann' });

      await patchMe(account, { phone_number: null }).expect(200);
      expect((await me(account)).phone_number).toBeNull();
    });

    it('refuses a malformed phone number or username, and a null name, changing nothing', async () => {
      const account = await registerAccount(t.api, { first_name: 'Ann' });
      const response = await patchMe(account, { first_name: null, phone_number: '4155550123', username: 'x' }).expect(400);
      expect(response.body).toEqual({
        first_name: ['This field may not be null.'],
        phone_number: ['Enter a valid phone number in E.164 format, such as +14155550123.'],
      });
      const username = await patchMe(account, { username: 'someone@example.com', last_name: 'Changed' }).expect(400);
      expect(username.body).toEqual({ username: [expect.stringMatching(/^Enter a valid username/)] });
      expect(await me(account)).toMatchObject({ first_name: 'Ann', last_name: '', phone_number: null, username: account.user.email });
    });

    it("refuses another account's username (whatever its case) and phone number", async () => {
      const [first, second] = await Promise.all([registerAccount(t.api), registerAccount(t.api)]);
      await patchMe(first, { username: 'vinyl_vault', phone_number: '+442071838750' }).expect(200);
      const response = await patchMe(second, { username: 'Vinyl_Vault', phone_number: '+442071838750' }).expect(400);
      expect(response.body).toEqual({
        username: ['A user with that username already exists.'],
        phone_number: ['Another account already uses this phone number.'],
      });
      await patchMe(first, { username: 'vinyl_vault', phone_number: '+442071838750' }).expect(200);
    });

    it('changes the email only with the current password, tells the old address, and the login follows', async () => {
      const account = await registerAccount(t.api);
      const oldEmail = account.user.email;
      const newEmail = `moved-${randomBytes(3).toString('hex')}@example.com`;

      expect((await patchMe(account, { email: newEmail }).expect(400)).body).toEqual({
        current_password: ['Enter your current password to change your email address.'],
      });
      expect((await patchMe(account, { email: newEmail, current_password: 'wrong password' }).expect(400)).body).toEqual({
        current_password: ['Your current password is incorrect.'],
      });
      expect((await me(account)).email).toBe(oldEmail);

      const changed = await patchMe(account, { email: newEmail.toUpperCase(), current_password: PASSWORD }).expect(200);
      expect(changed.body).toMatchObject({ email: newEmail, username: newEmail });
      const notice = await inbox.waitFor((mail) => mail.to.includes(oldEmail) && mail.subject.includes('email address was changed'));
      expect(notice.text).toContain(newEmail);

      await t.api.post('/api/auth/login/').send({ email: newEmail, password: PASSWORD }).expect(200);
      await t.api.post('/api/auth/login/').send({ email: oldEmail, password: PASSWORD }).expect(400);
      // The old address is free again: registering it makes a new account.
      await registerAccount(t.api, { email: oldEmail });
    });

    it("refuses another account's email", async () => {
      const [first, second] = await Promise.all([registerAccount(t.api), registerAccount(t.api)]);
      const response = await patchMe(second, { email: first.user.email, current_password: PASSWORD }).expect(400);
      expect(response.body).toEqual({ email: ['A user with that email already exists.'] });
    });

    it('keeps a chosen username when the email changes', async () => {
      const account = await registerAccount(t.api);
      await patchMe(account, { username: `keep_${randomBytes(3).toString('hex')}` }).expect(200);
      const { username } = await me(account);
      const newEmail = `keep-${randomBytes(3).toString('hex')}@example.com`;
      const changed = await patchMe(account, { email: newEmail, current_password: PASSWORD }).expect(200);
      expect(changed.body).toMatchObject({ email: newEmail, username });
    });
  });

  describe('preferences', () => {
    it('starts at the defaults and changes only what is sent, key by key', async () => {
      const account = await registerAccount(t.api);
      const initial = await t.api.get('/api/v1/user/me/preferences/').set(account.auth).expect(200);
      expect(initial.body).toEqual({
        currency: 'USD',
        timezone: 'UTC',
        notifications: {
          sale_email: true,
          sale_push: true,
          order_shipped_email: true,
          listing_error_email: true,
          listing_error_push: true,
          import_finished_email: true,
          weekly_summary_email: true,
          product_news_email: false,
        },
        listing_defaults: { platforms: [], delist_on_sale: true, accept_offers: false, handling_days: 1 },
      });

      const changed = await t.api
        .patch('/api/v1/user/me/preferences/')
        .set(account.auth)
        .send({
          currency: 'eur',
          timezone: 'US/Eastern',
          notifications: { sale_push: false },
          listing_defaults: { platforms: ['ebay', 'discogs', 'ebay'] },
        })
        .expect(200);
      expect(changed.body).toEqual({
        ...initial.body,
        currency: 'EUR',
        timezone: 'America/New_York',
        notifications: { ...initial.body.notifications, sale_push: false },
        listing_defaults: { ...initial.body.listing_defaults, platforms: ['ebay', 'discogs'] },
      });

      await t.api
        .patch('/api/v1/user/me/preferences/')
        .set(account.auth)
        .send({ notifications: { product_news_email: true }, listing_defaults: { handling_days: 3 } })
        .expect(200);
      const read = await t.api.get('/api/v1/user/me/preferences/').set(account.auth).expect(200);
      expect(read.body).toMatchObject({
        currency: 'EUR',
        notifications: { sale_push: false, product_news_email: true },
        listing_defaults: { platforms: ['ebay', 'discogs'], handling_days: 3 },
      });
    });

    it('refuses unknown currencies, zones and platforms and wrong types, changing nothing', async () => {
      const account = await registerAccount(t.api);
      const response = await t.api
        .patch('/api/v1/user/me/preferences/')
        .set(account.auth)
        .send({ currency: 'XYZ', timezone: 'Mars/Olympus', listing_defaults: { platforms: ['ebay', 'myspace'] } })
        .expect(400);
      expect(response.body).toEqual({
        currency: ['"XYZ" is not a known ISO 4217 currency code.'],
        timezone: ['"Mars/Olympus" is not a known time zone: use an IANA name such as "Europe/London".'],
        listing_defaults: { platforms: ['"myspace" is not a valid choice.'] },
      });
      const types = await t.api
        .patch('/api/v1/user/me/preferences/')
        .set(account.auth)
        .send({ notifications: { sale_email: 'yes' }, listing_defaults: { handling_days: 99 }, currency: null })
        .expect(400);
      expect(types.body).toEqual({
        currency: ['This field may not be null.'],
        notifications: { sale_email: ['Must be a valid boolean.'] },
        listing_defaults: { handling_days: ['Ensure this value is less than or equal to 30.'] },
      });
      await t.api.patch('/api/v1/user/me/preferences/').set(account.auth).send({ notifications: [] }).expect(400);
      expect((await t.api.get('/api/v1/user/me/preferences/').set(account.auth).expect(200)).body).toMatchObject({
        currency: 'USD',
        timezone: 'UTC',
        notifications: { sale_email: true },
        listing_defaults: { platforms: [], handling_days: 1 },
      });
    });

    it("are each user's own", async () => {
      const owner = await registerAccount(t.api);
      const other = await registerAccount(t.api);
      await t.api.patch('/api/v1/user/me/preferences/').set(owner.auth).send({ currency: 'GBP' }).expect(200);
      expect((await t.api.get('/api/v1/user/me/preferences/').set(other.auth).expect(200)).body.currency).toBe('USD');
    });
  });

  describe('support', () => {
    it('stores the request, emails the support inbox (replies to the user) and sends a receipt', async () => {
      const account = await registerAccount(t.api, { first_name: 'Ann' });
      const response = await t.api
        .post('/api/v1/user/me/support/')
        .set(account.auth)
        .send({ subject: '  Discogs listing stuck ', message: 'Item inv_123 stays pending.', category: 'listings' })
        .expect(201);
      expect(response.body).toEqual({
        uid: expect.stringMatching(/^sup_/),
        subject: 'Discogs listing stuck',
        message: 'Item inv_123 stays pending.',
        category: 'listings',
        created: expect.any(String),
      });
      const uid = response.body.uid as string;
      const toSupport = await inbox.waitFor((mail) => mail.to.includes('help@instica.example') && mail.subject.includes(uid));
      expect(toSupport.replyTo).toBe(account.user.email);
      expect(toSupport.text).toContain('Item inv_123 stays pending.');
      expect(toSupport.text).toContain(account.user.email);
      const receipt = await inbox.waitFor((mail) => mail.to.includes(account.user.email) && mail.subject.startsWith('We received'));
      expect(receipt.text).toContain(uid);

      const listed = await t.api.get('/api/v1/user/me/support/').set(account.auth).expect(200);
      expect(listed.body).toMatchObject({ count: 1, results: [response.body] });
      const stranger = await registerAccount(t.api);
      expect((await t.api.get('/api/v1/user/me/support/').set(stranger.auth).expect(200)).body.count).toBe(0);
    });

    it('refuses a blank subject or message and an unknown category', async () => {
      const account = await registerAccount(t.api);
      const response = await t.api
        .post('/api/v1/user/me/support/')
        .set(account.auth)
        .send({ subject: ' ', category: 'gossip' })
        .expect(400);
      expect(response.body).toEqual({
        subject: ['This field may not be blank.'],
        message: ['This field is required.'],
        category: ['"gossip" is not a valid choice.'],
      });
      expect(
        (
          await t.sql('SELECT count(*)::int AS n FROM support_requests sr JOIN users u ON u.id = sr.user_id WHERE u.uid = $1', [
            account.user.uid,
          ])
        ).rows[0].n,
      ).toBe(0);
    });

    it('takes 5 requests an hour per user, then answers 429 with Retry-After', async () => {
      const account = await registerAccount(t.api);
      for (let index = 0; index < 5; index += 1) {
        await t.api
          .post('/api/v1/user/me/support/')
          .set(account.auth)
          .send({ subject: `Question ${index}`, message: 'Hello' })
          .expect(201);
      }
      const throttled = await t.api
        .post('/api/v1/user/me/support/')
        .set(account.auth)
        .send({ subject: 'One more', message: 'Hello' })
        .expect(429);
      expect(throttled.body.detail).toMatch(/^Request was throttled\. Expected available in \d+ seconds\.$/);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      expect((await t.api.get('/api/v1/user/me/support/').set(account.auth).expect(200)).body.count).toBe(5);
      const other = await registerAccount(t.api);
      await t.api.post('/api/v1/user/me/support/').set(other.auth).send({ subject: 'Mine', message: 'Hello' }).expect(201);
    });
  });

  describe('device tokens', () => {
    it('registers idempotently (201, then 200), lists and unregisters', async () => {
      const account = await registerAccount(t.api);
      const token = apnsToken();
      const first = await t.api
        .post('/api/v1/user/me/device-tokens/')
        .set(account.auth)
        .send({ token, provider: 'apns', device_name: "Ann's iPhone" })
        .expect(201);
      expect(first.body).toEqual({
        token,
        provider: 'apns',
        device_name: "Ann's iPhone",
        created: expect.any(String),
        last_registered: expect.any(String),
      });
      const again = await t.api.post('/api/v1/user/me/device-tokens/').set(account.auth).send({ token, provider: 'apns' }).expect(200);
      expect(again.body).toMatchObject({ token, device_name: "Ann's iPhone", created: first.body.created });
      expect(Date.parse(again.body.last_registered)).toBeGreaterThanOrEqual(Date.parse(first.body.last_registered));

      const fcm = 'dQw4w9WgXcQ:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx';
      await t.api.post('/api/v1/user/me/device-tokens/').set(account.auth).send({ token: fcm, provider: 'fcm' }).expect(201);
      const listed = await t.api.get('/api/v1/user/me/device-tokens/').set(account.auth).expect(200);
      expect(listed.body.count).toBe(2);
      expect(listed.body.results.map((device: { token: string }) => device.token).sort()).toEqual([token, fcm].sort());

      await t.api.delete(`/api/v1/user/me/device-tokens/${token}/`).set(account.auth).expect(204);
      await t.api.delete(`/api/v1/user/me/device-tokens/${token}/`).set(account.auth).expect(204);
      const after = await t.api.get('/api/v1/user/me/device-tokens/').set(account.auth).expect(200);
      expect(after.body.results.map((device: { token: string }) => device.token)).toEqual([fcm]);
    });

    it("moves a token to the user who registers it last; another user's delete leaves it", async () => {
      const [first, second] = await Promise.all([registerAccount(t.api), registerAccount(t.api)]);
      const token = apnsToken();
      await t.api.post('/api/v1/user/me/device-tokens/').set(first.auth).send({ token, provider: 'apns' }).expect(201);
      await t.api.delete(`/api/v1/user/me/device-tokens/${token}/`).set(second.auth).expect(204);
      expect((await t.api.get('/api/v1/user/me/device-tokens/').set(first.auth).expect(200)).body.count).toBe(1);

      await t.api.post('/api/v1/user/me/device-tokens/').set(second.auth).send({ token, provider: 'apns' }).expect(200);
      expect((await t.api.get('/api/v1/user/me/device-tokens/').set(first.auth).expect(200)).body.count).toBe(0);
      expect((await t.api.get('/api/v1/user/me/device-tokens/').set(second.auth).expect(200)).body.count).toBe(1);
    });

    it('refuses a malformed token and an unknown provider', async () => {
      const account = await registerAccount(t.api);
      const response = await t.api
        .post('/api/v1/user/me/device-tokens/')
        .set(account.auth)
        .send({ token: 'short', provider: 'pigeon' })
        .expect(400);
      expect(response.body).toEqual({
        token: ['Enter a valid push token: 16 to 512 letters, digits and _ : . - characters.'],
        provider: ['"pigeon" is not a valid choice.'],
      });
      expect((await t.api.get('/api/v1/user/me/device-tokens/').set(account.auth).expect(200)).body.count).toBe(0);
    });
  });
});
