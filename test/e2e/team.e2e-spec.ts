import { startSmtpInbox, type SmtpInbox } from '../support/smtp.js';
import { type Account, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

interface Member {
  uid: string;
  email: string;
  role: string;
}

const TOKEN_IN_LINK = /https:\/\/shop\.example\.com\/invites\/([\w-]+)/;

describe('Team (e2e)', () => {
  let t: TestApp;
  let inbox: SmtpInbox;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    t = await createTestApp({ env: { SMTP_URL: inbox.url, PUBLIC_URL: 'https://shop.example.com' } });
  });
  afterAll(async () => {
    await t?.close();
    await inbox?.close();
  });

  const mailsTo = (email: string) => inbox.messages.filter((message) => message.to.includes(email.toLowerCase()));

  /** Sends an invite and returns it with the token read from the email that arrived for it. */
  async function invite(by: Account, email: string, role = 'member') {
    const before = mailsTo(email).length;
    const sent = await t.api.post('/api/v1/organization/invites/').set(by.auth).send({ email, role }).expect(201);
    await inbox.waitFor(() => mailsTo(email).length > before);
    const mail = mailsTo(email)[before];
    return {
      body: sent.body as { uid: string; email: string; role: string; expires_at: string; created: string },
      token: TOKEN_IN_LINK.exec(mail.text)![1],
      mail,
    };
  }

  async function join(owner: Account, account: Account, role = 'member'): Promise<void> {
    const { token } = await invite(owner, account.user.email, role);
    await t.api.post(`/api/v1/organization/invites/${token}/accept/`).set(account.auth).expect(200);
  }

  async function members(account: Account): Promise<Member[]> {
    return (await t.api.get('/api/v1/organization/members/?page_size=100').set(account.auth).expect(200)).body.results as Member[];
  }

  async function organizationOf(account: Account): Promise<{ uid: string; display_name: string }> {
    return (await t.api.get('/api/v1/user/me/').set(account.auth).expect(200)).body.organization;
  }

  describe('invites', () => {
    it('emails a single-use link; accepting joins the organization with the role and shares its products', async () => {
      const owner = await registerAccount(t.api, { organization_name: 'Vinyl Vault', first_name: 'Olive' });
      const bob = await registerAccount(t.api, { email: 'bob.invitee@example.com' });
      const product = await t.api.post('/api/v1/products/').set(owner.auth).send({ title: 'Abbey Road' }).expect(201);

      const { body, token, mail } = await invite(owner, 'Bob.Invitee@Example.com', 'admin');
      expect(body).toEqual({
        uid: expect.stringMatching(/^ivt_/),
        email: 'bob.invitee@example.com',
        role: 'admin',
        invited_by: { uid: owner.user.uid, email: owner.user.email },
        expires_at: expect.any(String),
        created: expect.any(String),
      });
      const days = (Date.parse(body.expires_at) - Date.parse(body.created)) / 86_400_000;
      expect(Math.round(days)).toBe(7);
      expect(mail.subject).toBe('Join Vinyl Vault on Instica');
      expect(mail.text).toContain(owner.user.email);

      const listed = await t.api.get('/api/v1/organization/invites/').set(owner.auth).expect(200);
      expect(listed.body.results).toEqual([body]);
      expect(JSON.stringify(listed.body)).not.toContain(token);
      const stored = await t.sql('SELECT token_hash FROM organization_invites WHERE uid = $1', [body.uid]);
      expect(stored.rows[0].token_hash).not.toContain(token);

      const accepted = await t.api.post(`/api/v1/organization/invites/${token}/accept/`).set(bob.auth).expect(200);
      expect(accepted.body).toMatchObject({ role: 'admin', organization: { uid: owner.organization.uid, display_name: 'Vinyl Vault' } });
      const me = await t.api.get('/api/v1/user/me/').set(bob.auth).expect(200);
      expect(me.body).toMatchObject({ role: 'admin', organization: { uid: owner.organization.uid } });

      // The organization's products are every member's.
      const products = await t.api.get('/api/v1/products/').set(bob.auth).expect(200);
      expect(products.body.results.map((row: { uid: string }) => row.uid)).toEqual([product.body.uid]);
      await t.api.get(`/api/v1/products/${product.body.uid}/`).set(bob.auth).expect(200);

      const team = await members(owner);
      expect(team.map((member) => [member.email, member.role])).toEqual([
        [owner.user.email, 'owner'],
        ['bob.invitee@example.com', 'admin'],
      ]);
      expect((await t.api.get('/api/v1/organization/invites/').set(owner.auth).expect(200)).body.count).toBe(0);

      const again = await t.api.post(`/api/v1/organization/invites/${token}/accept/`).set(bob.auth).expect(400);
      expect(again.body).toEqual({ non_field_errors: ['This invite has already been used.'] });
    });

    it("moves the invitee out of their old organization: their old organization's API keys stop working", async () => {
      const owner = await registerAccount(t.api);
      const carol = await registerAccount(t.api);
      const key = await t.api.post('/api/v1/api-keys/').set(carol.auth).send({ name: 'Old shop sync' }).expect(201);
      await join(owner, carol);
      await t.api.get('/api/v1/user/me/').set({ 'X-API-Key': key.body.key }).expect(401);
      expect((await organizationOf(carol)).uid).toBe(owner.organization.uid);
    });

    it('refuses an expired, unknown or withdrawn invite, and one sent to another email', async () => {
      const owner = await registerAccount(t.api);
      const dave = await registerAccount(t.api);
      const eve = await registerAccount(t.api);

      const expiring = await invite(owner, dave.user.email);
      await t.sql(`UPDATE organization_invites SET expires_at = now() - interval '1 minute' WHERE uid = $1`, [expiring.body.uid]);
      const expired = await t.api.post(`/api/v1/organization/invites/${expiring.token}/accept/`).set(dave.auth).expect(400);
      expect(expired.body).toEqual({ non_field_errors: ['This invite has expired: ask for a new one.'] });
      expect((await t.api.get('/api/v1/organization/invites/').set(owner.auth).expect(200)).body.count).toBe(0);

      const unknown = await t.api.post('/api/v1/organization/invites/not-a-real-token/accept/').set(dave.auth).expect(404);
      expect(unknown.body).toEqual({ detail: 'Not found.' });

      const forDave = await invite(owner, dave.user.email);
      const wrong = await t.api.post(`/api/v1/organization/invites/${forDave.token}/accept/`).set(eve.auth).expect(403);
      expect(wrong.body).toEqual({ detail: 'This invite was sent to another email address: sign in with that address to accept it.' });

      await t.api.delete(`/api/v1/organization/invites/${forDave.body.uid}/`).set(owner.auth).expect(204);
      await t.api.delete(`/api/v1/organization/invites/${forDave.body.uid}/`).set(owner.auth).expect(404);
      await t.api.post(`/api/v1/organization/invites/${forDave.token}/accept/`).set(dave.auth).expect(404);
      expect((await organizationOf(dave)).uid).toBe(dave.organization.uid);
    });

    it('replaces a pending invite to the same email, and refuses inviting a member', async () => {
      const owner = await registerAccount(t.api);
      const frank = await registerAccount(t.api);
      const first = await invite(owner, frank.user.email);
      const second = await invite(owner, frank.user.email, 'admin');
      const listed = await t.api.get('/api/v1/organization/invites/').set(owner.auth).expect(200);
      expect(listed.body.results.map((row: { uid: string }) => row.uid)).toEqual([second.body.uid]);
      await t.api.post(`/api/v1/organization/invites/${first.token}/accept/`).set(frank.auth).expect(404);
      await t.api.post(`/api/v1/organization/invites/${second.token}/accept/`).set(frank.auth).expect(200);

      const member = await t.api
        .post('/api/v1/organization/invites/')
        .set(owner.auth)
        .send({ email: frank.user.email, role: 'member' })
        .expect(400);
      expect(member.body).toEqual({ email: ['This person is already a member of the organization.'] });
      const invalid = await t.api.post('/api/v1/organization/invites/').set(owner.auth).send({ email: 'nope', role: 'boss' }).expect(400);
      expect(invalid.body).toEqual({ email: ['Enter a valid email address.'], role: ['"boss" is not a valid choice.'] });
    });

    it('lets only managers invite, and only owners invite owners', async () => {
      const owner = await registerAccount(t.api);
      const admin = await registerAccount(t.api);
      const member = await registerAccount(t.api);
      await join(owner, admin, 'admin');
      await join(owner, member);
      const asAdmin = await t.api
        .post('/api/v1/organization/invites/')
        .set(admin.auth)
        .send({ email: 'x1@example.com', role: 'owner' })
        .expect(403);
      expect(asAdmin.body).toEqual({ detail: 'Only an owner can grant or take the owner role.' });
      await invite(admin, 'x2@example.com', 'admin');
      await invite(owner, 'x3@example.com', 'owner');
      await t.api.post('/api/v1/organization/invites/').set(member.auth).send({ email: 'x4@example.com', role: 'member' }).expect(403);
      await t.api.get('/api/v1/organization/invites/').set(member.auth).expect(403);
    });

    it('keeps the last owner of a team with others from joining another organization', async () => {
      const owner = await registerAccount(t.api);
      const other = await registerAccount(t.api);
      const helper = await registerAccount(t.api);
      await join(other, helper);
      const { token } = await invite(owner, other.user.email);
      const refused = await t.api.post(`/api/v1/organization/invites/${token}/accept/`).set(other.auth).expect(400);
      expect(refused.body.non_field_errors[0]).toMatch(/last owner/);
      expect((await organizationOf(other)).uid).toBe(other.organization.uid);
    });

    it("answers 404 for another organization's invite", async () => {
      const owner = await registerAccount(t.api);
      const stranger = await registerAccount(t.api);
      const theirs = await invite(stranger, 'someone@example.com');
      await t.api.delete(`/api/v1/organization/invites/${theirs.body.uid}/`).set(owner.auth).expect(404);
      const list = await t.api.get('/api/v1/organization/invites/').set(owner.auth).expect(200);
      expect(list.body.count).toBe(0);
    });
  });

  describe('members', () => {
    it('lists the team for every role with the documented fields', async () => {
      const owner = await registerAccount(t.api, { first_name: 'Ann', last_name: 'Lee' });
      const member = await registerAccount(t.api);
      await join(owner, member);
      const listed = await t.api.get('/api/v1/organization/members/').set(member.auth).expect(200);
      expect(listed.body.count).toBe(2);
      expect(listed.body.results[0]).toEqual({
        uid: owner.user.uid,
        email: owner.user.email,
        first_name: 'Ann',
        last_name: 'Lee',
        role: 'owner',
        joined: expect.any(String),
      });
    });

    it('changes roles under the owner rules and keeps the last owner', async () => {
      const owner = await registerAccount(t.api);
      const admin = await registerAccount(t.api);
      const member = await registerAccount(t.api);
      await join(owner, admin, 'admin');
      await join(owner, member);
      const path = (account: Account) => `/api/v1/organization/members/${account.user.uid}/`;

      const promoted = await t.api.patch(path(member)).set(admin.auth).send({ role: 'admin' }).expect(200);
      expect(promoted.body).toMatchObject({ uid: member.user.uid, role: 'admin' });
      await t.api.patch(path(member)).set(admin.auth).send({ role: 'member' }).expect(200);

      const adminGrantsOwner = await t.api.patch(path(member)).set(admin.auth).send({ role: 'owner' }).expect(403);
      expect(adminGrantsOwner.body).toEqual({ detail: 'Only an owner can grant or take the owner role.' });
      await t.api.patch(path(owner)).set(admin.auth).send({ role: 'member' }).expect(403);
      await t.api.patch(path(admin)).set(member.auth).send({ role: 'member' }).expect(403);

      const lastOwner = await t.api.patch(path(owner)).set(owner.auth).send({ role: 'admin' }).expect(400);
      expect(lastOwner.body).toEqual({ non_field_errors: ['The organization must keep an owner: make another member an owner first.'] });

      await t.api.patch(path(admin)).set(owner.auth).send({ role: 'owner' }).expect(200);
      await t.api.patch(path(owner)).set(owner.auth).send({ role: 'admin' }).expect(200);
      const me = await t.api.get('/api/v1/user/me/').set(owner.auth).expect(200);
      expect(me.body.role).toBe('admin');

      const invalid = await t.api.patch(path(member)).set(admin.auth).send({ role: 'king' }).expect(400);
      expect(invalid.body).toEqual({ role: ['"king" is not a valid choice.'] });
      await t.api.patch(path(member)).set(admin.auth).send({}).expect(400);
    });

    it('removes a member into an organization of their own: their token works there, their API key is gone', async () => {
      const owner = await registerAccount(t.api);
      const member = await registerAccount(t.api, { first_name: 'Gus' });
      await join(owner, member);
      const product = await t.api.post('/api/v1/products/').set(owner.auth).send({ title: 'Kind of Blue' }).expect(201);
      const key = await t.api.post('/api/v1/api-keys/').set(member.auth).send({ name: 'Team sync' }).expect(201);
      await t.api.get('/api/v1/products/').set({ 'X-API-Key': key.body.key }).expect(200);

      await t.api.delete(`/api/v1/organization/members/${member.user.uid}/`).set(owner.auth).expect(204);

      await t.api.get('/api/v1/user/me/').set({ 'X-API-Key': key.body.key }).expect(401);
      const me = await t.api.get('/api/v1/user/me/').set(member.auth).expect(200);
      expect(me.body.role).toBe('owner');
      expect(me.body.organization.uid).not.toBe(owner.organization.uid);
      expect(me.body.organization.display_name).toBe("Gus's organization");
      expect(me.body.subscription).toMatchObject({ status: 'trialing' });
      const theirProducts = await t.api.get('/api/v1/products/').set(member.auth).expect(200);
      expect(theirProducts.body.count).toBe(0);
      await t.api.get(`/api/v1/products/${product.body.uid}/`).set(member.auth).expect(404);
      expect((await members(owner)).map((row) => row.uid)).toEqual([owner.user.uid]);
      expect((await members(member)).map((row) => row.uid)).toEqual([member.user.uid]);
    });

    it('lets a member leave, but not remove others; the last owner cannot leave', async () => {
      const owner = await registerAccount(t.api);
      const admin = await registerAccount(t.api);
      const member = await registerAccount(t.api);
      const leaver = await registerAccount(t.api);
      await join(owner, admin, 'admin');
      await join(owner, member);
      await join(owner, leaver);

      const forbidden = await t.api.delete(`/api/v1/organization/members/${admin.user.uid}/`).set(member.auth).expect(403);
      expect(forbidden.body).toEqual({ detail: 'Only owners and admins can manage the team.' });
      await t.api.delete(`/api/v1/organization/members/${owner.user.uid}/`).set(admin.auth).expect(403);

      await t.api.delete(`/api/v1/organization/members/${leaver.user.uid}/`).set(leaver.auth).expect(204);
      expect((await organizationOf(leaver)).uid).not.toBe(owner.organization.uid);

      const lastOwner = await t.api.delete(`/api/v1/organization/members/${owner.user.uid}/`).set(owner.auth).expect(400);
      expect(lastOwner.body).toEqual({
        non_field_errors: ['The last owner cannot leave the organization: make another member an owner first.'],
      });

      await t.api.delete(`/api/v1/organization/members/${member.user.uid}/`).set(admin.auth).expect(204);
      expect((await members(owner)).map((row) => row.uid).sort()).toEqual([owner.user.uid, admin.user.uid].sort());
    });

    it("answers 404 for another organization's member", async () => {
      const owner = await registerAccount(t.api);
      const stranger = await registerAccount(t.api);
      const path = `/api/v1/organization/members/${stranger.user.uid}/`;
      expect((await t.api.patch(path).set(owner.auth).send({ role: 'admin' }).expect(404)).body).toEqual({ detail: 'Not found.' });
      await t.api.delete(path).set(owner.auth).expect(404);
      expect((await organizationOf(stranger)).uid).toBe(stranger.organization.uid);
    });
  });
});
