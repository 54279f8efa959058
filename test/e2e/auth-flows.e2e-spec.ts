import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { Response } from 'supertest';
import { type FakeApple, startFakeApple } from '../support/fake-apple.js';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp.js';
import { type Account, type ContractClient, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new password';
const RESET_LINK = /https:\/\/shop\.example\.com\/reset-password\?token=([\w-]+)/;
const RESET_REQUESTED = { detail: 'If an account uses this email address, a link to reset its password has been sent to it.' };
const RESET_DONE = { detail: 'Your password has been reset: sign in with the new one.' };
const HINT_REQUESTED = { detail: 'If an account uses this phone number, a hint of its email address has been sent to that account.' };
const INVALID_RESET_TOKEN = { token: ['Invalid or expired token.'] };
const INVALID_TOKEN = { detail: 'Invalid token.' };

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const uniqueEmail = (name: string) => `${name}-${randomBytes(4).toString('hex')}@example.com`;
const uniquePhone = () => `+1415${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A 429 in the documented shape, its Retry-After within the window and equal to the seconds the body names. */
function expectThrottled(response: Response, windowSeconds: number): void {
  expect(response.status).toBe(429);
  const seconds = Number(/^Request was throttled\. Expected available in (\d+) seconds\.$/.exec(response.body.detail)?.[1]);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
  expect(response.headers['retry-after']).toBe(String(seconds));
}

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('Account flows: Sign in with Apple, password reset and change, email recovery (e2e)', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  let apple: FakeApple;

  beforeAll(async () => {
    [inbox, apple] = await Promise.all([startSmtpInbox(), startFakeApple()]);
    t = await createTestApp({
      env: {
        SMTP_URL: inbox.url,
        PUBLIC_URL: 'https://shop.example.com',
        APPLE_CLIENT_ID: apple.clientId,
        APPLE_JWKS_URL: apple.jwksUrl,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await inbox?.close();
    await apple?.close();
  });

  const mailsTo = (email: string) => inbox.messages.filter((message) => message.to.includes(email));

  /** The `index`-th email (0-based) to this address, once it has arrived. */
  async function mailTo(email: string, index = 0) {
    await inbox.waitFor(() => mailsTo(email).length > index);
    return mailsTo(email)[index];
  }

  const outboxCount = async (where: string, values: unknown[]) =>
    (await t.sql(`SELECT count(*)::int AS n FROM outbound_emails WHERE ${where}`, values)).rows[0].n as number;

  const userCount = async () => (await t.sql('SELECT count(*)::int AS n FROM users')).rows[0].n as number;

  const appleSubOf = async (uid: string) =>
    (await t.sql('SELECT apple_sub FROM users WHERE uid = $1', [uid])).rows[0].apple_sub as string | null;

  const signInWithApple = (api: ContractClient, body: Record<string, unknown>) => api.post('/api/auth/apple/').send(body);

  const login = (email: string, password: string) => t.api.post('/api/auth/login/').send({ email, password });

  /** Requests a reset (spelling the address `requestedAs`) and returns the token of the link that arrived: the `index`-th email to it. */
  async function resetToken(email: string, index = 0, requestedAs = email): Promise<string> {
    await t.api.post('/api/auth/password/reset/').send({ email: requestedAs }).expect(200, RESET_REQUESTED);
    return RESET_LINK.exec((await mailTo(email, index)).text)![1];
  }

  async function apiKeyOf(account: Account): Promise<{ 'X-API-Key': string }> {
    const created = await t.api.post('/api/v1/api-keys/').set(account.auth).send({ name: 'Shop sync' }).expect(201);
    return { 'X-API-Key': created.body.key as string };
  }

  describe('Sign in with Apple', () => {
    it('creates an account with its own organization and a trial for a new Apple ID: 201', async () => {
      const email = uniqueEmail('New.Apple');
      const identity_token = await apple.identityToken({ sub: '001234.new-apple-id', email, email_verified: 'true' });
      const created = await signInWithApple(t.api, { identity_token, first_name: 'Nina', last_name: 'Orchard' }).expect(201);
      expect(created.body).toEqual({
        token: expect.any(String),
        user: {
          uid: expect.stringMatching(/^usr_/),
          username: email.toLowerCase(),
          email: email.toLowerCase(),
          first_name: 'Nina',
          last_name: 'Orchard',
        },
      });
      const me = await t.api.get('/api/v1/user/me/').set(bearer(created.body.token)).expect(200);
      expect(me.body).toMatchObject({ role: 'owner', organization: { display_name: "Nina's organization" } });
      expect(me.body.subscription).toMatchObject({ status: 'trialing', is_active: true, plan: { code: 'trial' } });
      expect(await appleSubOf(created.body.user.uid)).toBe('001234.new-apple-id');
      const stored = await t.sql('SELECT password_hash FROM users WHERE uid = $1', [created.body.user.uid]);
      expect(stored.rows[0].password_hash).toMatch(/^\$argon2id\$/);
      expect(apple.keyRequests()).toBeGreaterThan(0);
    });

    it('signs the same Apple ID in again: 200, the same user, whatever the email and names of the token say now', async () => {
      const email = uniqueEmail('returning');
      const first = await signInWithApple(t.api, {
        identity_token: await apple.identityToken({ sub: '001234.returning', email, email_verified: true }),
        first_name: 'Rita',
      }).expect(201);

      const withoutEmail = await signInWithApple(t.api, { identity_token: await apple.identityToken({ sub: '001234.returning' }) }).expect(
        200,
      );
      expect(withoutEmail.body).toEqual({ token: expect.any(String), user: first.body.user });
      expect(withoutEmail.body.token).not.toBe(first.body.token);

      const renamed = await signInWithApple(t.api, {
        identity_token: await apple.identityToken({ sub: '001234.returning', email: uniqueEmail('relay'), email_verified: 'true' }),
        first_name: 'Someone',
        last_name: 'Else',
      }).expect(200);
      expect(renamed.body.user).toEqual(first.body.user);
      // Every session stays valid.
      await t.api.get('/api/v1/user/me/').set(bearer(first.body.token)).expect(200);
      await t.api.get('/api/v1/user/me/').set(bearer(withoutEmail.body.token)).expect(200);
    });

    it('links an account registered with the same email when Apple verified it, sent as "true" or true', async () => {
      for (const [sub, email_verified] of [
        ['001234.link-string', 'true'],
        ['001234.link-boolean', true],
      ] as const) {
        const account = await registerAccount(t.api, { email: uniqueEmail('linked') });
        const users = await userCount();
        const identity_token = await apple.identityToken({ sub, email: account.user.email.toUpperCase(), email_verified });
        const linked = await signInWithApple(t.api, { identity_token, first_name: 'Ignored' }).expect(200);
        expect(linked.body.user).toEqual(account.user);
        expect(await appleSubOf(account.user.uid)).toBe(sub);
        expect(await userCount()).toBe(users);

        const again = await signInWithApple(t.api, { identity_token: await apple.identityToken({ sub }) }).expect(200);
        expect(again.body.user.uid).toBe(account.user.uid);
        await login(account.user.email, PASSWORD).expect(200);
      }
    });

    it('never links an unverified email: an account using it is refused, a free one gets a new account', async () => {
      const account = await registerAccount(t.api, { email: uniqueEmail('unverified') });
      const users = await userCount();
      for (const email_verified of ['false', false, undefined] as const) {
        const identity_token = await apple.identityToken({ sub: '001234.unverified', email: account.user.email, email_verified });
        const refused = await signInWithApple(t.api, { identity_token }).expect(400);
        expect(refused.body).toEqual({
          identity_token: [
            'An account with this email address already exists, and Apple has not verified the address: sign in with your email and password.',
          ],
        });
      }
      expect(await appleSubOf(account.user.uid)).toBeNull();
      expect(await userCount()).toBe(users);

      const free = uniqueEmail('free-unverified');
      const created = await signInWithApple(t.api, {
        identity_token: await apple.identityToken({ sub: '001234.unverified', email: free, email_verified: 'false' }),
      }).expect(201);
      expect(created.body.user).toMatchObject({ email: free, first_name: '', last_name: '' });
    });

    it('does not link an account already linked to another Apple ID, nor create one without an email', async () => {
      const email = uniqueEmail('first-apple');
      await signInWithApple(t.api, {
        identity_token: await apple.identityToken({ sub: '001234.first', email, email_verified: 'true' }),
      }).expect(201);
      const second = await signInWithApple(t.api, {
        identity_token: await apple.identityToken({ sub: '001234.second', email, email_verified: 'true' }),
      }).expect(400);
      expect(second.body).toEqual({ identity_token: ['The account with this email address is linked to another Apple ID.'] });

      const noEmail = await signInWithApple(t.api, { identity_token: await apple.identityToken({ sub: '001234.no-email' }) }).expect(400);
      expect(noEmail.body).toEqual({
        identity_token: ['The identity token carries no email address: sign in with Apple again, sharing an email address.'],
      });
    });

    it('refuses forged, expired, other-app, other-issuer and malformed tokens on identity_token, creating nothing', async () => {
      const users = await userCount();
      const claims = { sub: '001234.refused', email: uniqueEmail('refused'), email_verified: 'true' as const };
      const cases: Array<[string, string]> = [
        [await apple.identityToken(claims, { signer: 'stranger' }), 'The identity token is not signed by Apple.'],
        [await apple.identityToken(claims, { expiresIn: -3600 }), 'The identity token has expired: sign in with Apple again.'],
        [
          await apple.identityToken({ ...claims, aud: 'com.example.another-app' }),
          "The identity token was issued for another app (aud is not this server's APPLE_CLIENT_ID).",
        ],
        [
          await apple.identityToken({ ...claims, iss: 'https://appleid.example.com' }),
          'The identity token was not issued by Apple (iss must be https://appleid.apple.com).',
        ],
        ['not.a-jwt', 'The identity token is not a valid Apple identity token (a signed JWT).'],
        [
          // An unsigned token ("alg": "none") is refused before any key is looked up.
          `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, iss: 'https://appleid.apple.com', aud: apple.clientId })).toString('base64url')}.`,
          'The identity token is not a valid Apple identity token (a signed JWT).',
        ],
      ];
      for (const [identity_token, message] of cases) {
        const refused = await signInWithApple(t.api, { identity_token }).expect(400);
        expect(refused.body).toEqual({ identity_token: [message] });
      }
      const missing = await signInWithApple(t.api, {}).expect(400);
      expect(missing.body).toEqual({ identity_token: ['This field is required.'] });
      expect(await userCount()).toBe(users);
    });

    it('gives an Apple account a password through a reset; without one the current password cannot be confirmed', async () => {
      const email = uniqueEmail('apple-password');
      const created = await signInWithApple(t.api, {
        identity_token: await apple.identityToken({ sub: '001234.wants-password', email, email_verified: 'true' }),
      }).expect(201);
      const change = await t.api
        .post('/api/v1/user/me/password/')
        .set(bearer(created.body.token))
        .send({ current_password: 'anything at all', new_password: NEW_PASSWORD })
        .expect(400);
      expect(change.body).toEqual({ current_password: ['Your current password is incorrect.'] });

      const token = await resetToken(email);
      await t.api.post('/api/auth/password/reset/confirm/').send({ token, password: NEW_PASSWORD }).expect(200, RESET_DONE);
      await login(email, NEW_PASSWORD).expect(200);
      const again = await signInWithApple(t.api, { identity_token: await apple.identityToken({ sub: '001234.wants-password' }) }).expect(
        200,
      );
      expect(again.body.user.uid).toBe(created.body.user.uid);
    });

    describe('when it cannot be checked', () => {
      let unconfigured: TestApp;
      let unreachable: TestApp;
      beforeAll(async () => {
        const port = await closedPort();
        [unconfigured, unreachable] = await Promise.all([
          createTestApp({ env: { APPLE_JWKS_URL: apple.jwksUrl } }),
          createTestApp({ env: { APPLE_CLIENT_ID: apple.clientId, APPLE_JWKS_URL: `http://127.0.0.1:${port}/auth/keys` } }),
        ]);
      });
      afterAll(async () => {
        await unconfigured?.close();
        await unreachable?.close();
      });

      it('answers 503 naming the setting without APPLE_CLIENT_ID', async () => {
        const identity_token = await apple.identityToken({ sub: '001234.unconfigured', email: uniqueEmail('unconfigured') });
        const refused = await signInWithApple(unconfigured.api, { identity_token }).expect(503);
        expect(refused.body).toEqual({ detail: 'Sign in with Apple is not configured: set APPLE_CLIENT_ID.' });
      });

      it("answers 503 when Apple's keys cannot be fetched", async () => {
        const identity_token = await apple.identityToken({ sub: '001234.unreachable', email: uniqueEmail('unreachable') });
        const refused = await signInWithApple(unreachable.api, { identity_token }).expect(503);
        expect(refused.body).toEqual({
          detail:
            "Apple's signing keys could not be fetched (APPLE_JWKS_URL), so the identity token cannot be checked now: try again later.",
        });
      });
    });
  });

  describe('password reset', () => {
    it('emails a single-use link; the new password ends every session, API keys keep working', async () => {
      const account = await registerAccount(t.api, { email: uniqueEmail('reset') });
      const other = await login(account.user.email, PASSWORD).expect(200);
      const key = await apiKeyOf(account);

      const token = await resetToken(account.user.email, 0, account.user.email.toUpperCase());
      const mail = await mailTo(account.user.email);
      expect(mail.subject).toBe('Reset your Instica password');
      expect(mail.text).toContain(`https://shop.example.com/reset-password?token=${token}`);
      expect(await outboxCount('to_address = $1 AND purpose = $2', [account.user.email, 'password_reset'])).toBe(1);
      const stored = await t.sql(
        `SELECT r.token_hash, extract(epoch FROM r.expires_at - r.created)::int AS lifetime, r.used_at
           FROM password_reset_tokens r JOIN users u ON u.id = r.user_id WHERE u.uid = $1`,
        [account.user.uid],
      );
      expect(stored.rows).toEqual([{ token_hash: sha256(token), lifetime: 3600, used_at: null }]);

      const short = await t.api.post('/api/auth/password/reset/confirm/').send({ token, password: 'short' }).expect(400);
      expect(short.body).toEqual({ password: ['Ensure this field has at least 8 characters.'] });

      await t.api.post('/api/auth/password/reset/confirm/').send({ token, password: NEW_PASSWORD }).expect(200, RESET_DONE);
      await t.api.get('/api/v1/user/me/').set(account.auth).expect(401, INVALID_TOKEN);
      await t.api.get('/api/v1/user/me/').set(bearer(other.body.token)).expect(401, INVALID_TOKEN);
      await t.api.get('/api/v1/user/me/').set(key).expect(200);
      await login(account.user.email, PASSWORD).expect(400);
      await login(account.user.email, NEW_PASSWORD).expect(200);

      const reused = await t.api.post('/api/auth/password/reset/confirm/').send({ token, password: 'yet another password' }).expect(400);
      expect(reused.body).toEqual(INVALID_RESET_TOKEN);
      await login(account.user.email, NEW_PASSWORD).expect(200);
    });

    it('answers an unknown email exactly as a known one, and sends nothing', async () => {
      const unknown = uniqueEmail('nobody');
      const tokensBefore = (await t.sql('SELECT count(*)::int AS n FROM password_reset_tokens')).rows[0].n;
      await t.api.post('/api/auth/password/reset/').send({ email: unknown }).expect(200, RESET_REQUESTED);
      expect(await outboxCount('to_address = $1', [unknown])).toBe(0);
      expect((await t.sql('SELECT count(*)::int AS n FROM password_reset_tokens')).rows[0].n).toBe(tokensBefore);

      const malformed = await t.api.post('/api/auth/password/reset/').send({ email: 'not-an-email' }).expect(400);
      expect(malformed.body).toEqual({ email: ['Enter a valid email address.'] });
    });

    it('refuses an unknown or expired token; using one token uses up the others', async () => {
      const account = await registerAccount(t.api, { email: uniqueEmail('tokens') });
      const expiring = await resetToken(account.user.email, 0);
      const used = await resetToken(account.user.email, 1);
      const outstanding = await resetToken(account.user.email, 2);
      const confirm = (token: string) => t.api.post('/api/auth/password/reset/confirm/').send({ token, password: NEW_PASSWORD });

      expect((await confirm('not-a-token').expect(400)).body).toEqual(INVALID_RESET_TOKEN);
      await t.sql(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256(expiring)]);
      expect((await confirm(expiring).expect(400)).body).toEqual(INVALID_RESET_TOKEN);
      await login(account.user.email, PASSWORD).expect(200);

      await confirm(used).expect(200, RESET_DONE);
      expect((await confirm(outstanding).expect(400)).body).toEqual(INVALID_RESET_TOKEN);
    });

    it('allows 3 requests per email address an hour, known or not: the 4th is a 429 with Retry-After', async () => {
      const account = await registerAccount(t.api, { email: uniqueEmail('throttled') });
      for (const email of [account.user.email, uniqueEmail('throttled-unknown')]) {
        for (let request = 1; request <= 3; request += 1) {
          await t.api.post('/api/auth/password/reset/').send({ email }).expect(200, RESET_REQUESTED);
        }
        expectThrottled(await t.api.post('/api/auth/password/reset/').send({ email }), 3600);
      }
      expect(await outboxCount('to_address = $1', [account.user.email])).toBe(3);
      await t.api
        .post('/api/auth/password/reset/')
        .send({ email: uniqueEmail('not-throttled') })
        .expect(200, RESET_REQUESTED);
    });
  });

  describe('email recovery', () => {
    const recover = (phone_number: unknown) => t.api.post('/api/auth/email/recover/').send({ phone_number });

    it('emails the masked address to the account with the phone number; an unknown number gets the same answer', async () => {
      const [phone, annPhone] = [uniquePhone(), uniquePhone()];
      const john = await registerAccount(t.api, { email: `john-${randomBytes(3).toString('hex')}@example.com` });
      const ann = await registerAccount(t.api, { email: `ann-${randomBytes(3).toString('hex')}@records.co.uk` });
      await t.api.patch('/api/v1/user/me/').set(john.auth).send({ phone_number: phone }).expect(200);
      await t.api.patch('/api/v1/user/me/').set(ann.auth).send({ phone_number: annPhone }).expect(200);

      await recover(phone).expect(200, HINT_REQUESTED);
      await recover(annPhone).expect(200, HINT_REQUESTED);
      const toJohn = await mailTo(john.user.email);
      expect(toJohn.subject).toBe('The email address of your Instica account');
      expect(toJohn.text).toContain('It is j***@e******.com');
      expect(toJohn.text).not.toContain(john.user.email);
      expect((await mailTo(ann.user.email)).text).toContain('It is a***@r******.c*.uk');
      expect(await outboxCount('to_address = $1 AND purpose = $2', [john.user.email, 'email_recovery'])).toBe(1);

      const hintsBefore = await outboxCount('purpose = $1', ['email_recovery']);
      await recover(uniquePhone()).expect(200, HINT_REQUESTED);
      expect(await outboxCount('purpose = $1', ['email_recovery'])).toBe(hintsBefore);
    });

    it('refuses a phone number not in E.164 format', async () => {
      for (const phone of ['4155550123', '+1 415 555 0123', '+1-415-555-0123', '+04155550123', '']) {
        const refused = await recover(phone).expect(400);
        expect(refused.body).toEqual({ phone_number: ['Enter a valid phone number in E.164 format, such as +14155550123.'] });
      }
      expect((await recover(14155550123).expect(400)).body).toEqual({ phone_number: ['Not a valid string.'] });
      expect((await recover(undefined).expect(400)).body).toEqual({ phone_number: ['This field is required.'] });
    });

    it('allows 5 requests per phone number per 15 minutes: the 6th is a 429 with Retry-After', async () => {
      const phone = uniquePhone();
      for (let request = 1; request <= 5; request += 1) await recover(phone).expect(200, HINT_REQUESTED);
      expectThrottled(await recover(phone), 900);
      await recover(uniquePhone()).expect(200, HINT_REQUESTED);
    });
  });

  describe('changing the password', () => {
    const change = (auth: Record<string, string>, body: Record<string, unknown>) =>
      t.api.post('/api/v1/user/me/password/').set(auth).send(body);

    it('needs the current password, then ends the other sessions and reset links, keeping this session and API keys', async () => {
      const account = await registerAccount(t.api, { email: uniqueEmail('change') });
      const other = await login(account.user.email, PASSWORD).expect(200);
      const key = await apiKeyOf(account);
      const pendingReset = await resetToken(account.user.email);

      const wrong = await change(account.auth, { current_password: 'not my password', new_password: NEW_PASSWORD }).expect(400);
      expect(wrong.body).toEqual({ current_password: ['Your current password is incorrect.'] });
      const short = await change(account.auth, { current_password: PASSWORD, new_password: 'short' }).expect(400);
      expect(short.body).toEqual({ new_password: ['Ensure this field has at least 8 characters.'] });
      await t.api.get('/api/v1/user/me/').set(bearer(other.body.token)).expect(200);

      await change(account.auth, { current_password: PASSWORD, new_password: NEW_PASSWORD }).expect(204);
      await t.api.get('/api/v1/user/me/').set(account.auth).expect(200);
      await t.api.get('/api/v1/user/me/').set(bearer(other.body.token)).expect(401, INVALID_TOKEN);
      await t.api.get('/api/v1/user/me/').set(key).expect(200);
      await login(account.user.email, PASSWORD).expect(400);
      await login(account.user.email, NEW_PASSWORD).expect(200);
      const stale = await t.api
        .post('/api/auth/password/reset/confirm/')
        .send({ token: pendingReset, password: 'reset after change' })
        .expect(400);
      expect(stale.body).toEqual(INVALID_RESET_TOKEN);
    });

    it('called with an API key, ends every bearer session', async () => {
      const account = await registerAccount(t.api, { email: uniqueEmail('change-key') });
      const key = await apiKeyOf(account);
      await change(key, { current_password: PASSWORD, new_password: NEW_PASSWORD }).expect(204);
      await t.api.get('/api/v1/user/me/').set(account.auth).expect(401, INVALID_TOKEN);
      await t.api.get('/api/v1/user/me/').set(key).expect(200);
      await login(account.user.email, NEW_PASSWORD).expect(200);
    });

    it('needs credentials', async () => {
      await t.api.post('/api/v1/user/me/password/').send({ current_password: PASSWORD, new_password: NEW_PASSWORD }).expect(401);
    });
  });
});
