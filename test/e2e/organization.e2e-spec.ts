import sharp from 'sharp';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp.js';
import { type Account, type ContractClient, createTestApp, registerAccount, type TestApp } from '../support/test-app.js';

const ADDRESS = {
  name: 'Groove Records',
  street_number: '42',
  street_1: 'Main Street',
  city: 'Portland',
  state_province: 'OR',
  postal_code: '97201',
  country: 'us',
};

/** Invites `email` into the owner's organization with `role` and accepts it as `invitee`, through the API and the email. */
async function joinAs(api: ContractClient, inbox: SmtpInbox, owner: Account, invitee: Account, role: string): Promise<void> {
  await api.post('/api/v1/organization/invites/').set(owner.auth).send({ email: invitee.user.email, role }).expect(201);
  const mail = await inbox.waitFor((message) => message.to.includes(invitee.user.email));
  const token = /\/invites\/([\w-]+)/.exec(mail.text)![1];
  await api.post(`/api/v1/organization/invites/${token}/accept/`).set(invitee.auth).expect(200);
}

describe('Organization (e2e)', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  let owner: Account;
  let member: Account;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    t = await createTestApp({ env: { SMTP_URL: inbox.url } });
    owner = await registerAccount(t.api, { organization_name: 'Groove Records' });
    member = await registerAccount(t.api);
    await joinAs(t.api, inbox, owner, member, 'member');
  });
  afterAll(async () => {
    await t?.close();
    await inbox?.close();
  });

  describe('profile', () => {
    it('shows the organization to any role', async () => {
      const asOwner = await t.api.get('/api/v1/organization/').set(owner.auth).expect(200);
      expect(asOwner.body).toEqual({
        uid: owner.organization.uid,
        display_name: 'Groove Records',
        slug: owner.organization.slug,
        default_barcode_type: 'upc',
        logo_url: null,
      });
      const asMember = await t.api.get('/api/v1/organization/').set(member.auth).expect(200);
      expect(asMember.body).toEqual(asOwner.body);
    });

    it('lets a manager update it, partially', async () => {
      const slug = `groove-${Date.now()}`;
      const response = await t.api
        .patch('/api/v1/organization/')
        .set(owner.auth)
        .send({ display_name: '  Groove Records Ltd ', slug, default_barcode_type: 'ean' })
        .expect(200);
      expect(response.body).toMatchObject({ display_name: 'Groove Records Ltd', slug, default_barcode_type: 'ean' });
      const again = await t.api.patch('/api/v1/organization/').set(owner.auth).send({ default_barcode_type: 'code128' }).expect(200);
      expect(again.body).toMatchObject({ display_name: 'Groove Records Ltd', slug, default_barcode_type: 'code128' });
      const me = await t.api.get('/api/v1/user/me/').set(member.auth).expect(200);
      expect(me.body.organization).toEqual(again.body);
    });

    it('refuses invalid fields with per-field messages, changing nothing', async () => {
      const before = await t.api.get('/api/v1/organization/').set(owner.auth).expect(200);
      const response = await t.api
        .patch('/api/v1/organization/')
        .set(owner.auth)
        .send({ display_name: '   ', slug: 'No Spaces!', default_barcode_type: 'qr' })
        .expect(400);
      expect(response.body).toEqual({
        display_name: ['This field may not be blank.'],
        slug: ['Enter a valid slug: 3 to 80 lowercase letters, numbers or hyphens.'],
        default_barcode_type: ['"qr" is not a valid choice.'],
      });
      for (const body of [{ slug: 'ab' }, { slug: 'a'.repeat(81) }, { display_name: null }, { default_barcode_type: null }]) {
        await t.api.patch('/api/v1/organization/').set(owner.auth).send(body).expect(400);
      }
      const after = await t.api.get('/api/v1/organization/').set(owner.auth).expect(200);
      expect(after.body).toEqual(before.body);
    });

    it("refuses a slug another organization has, and accepts the organization's own", async () => {
      const other = await registerAccount(t.api, { organization_name: 'Taken Slug Shop' });
      const response = await t.api.patch('/api/v1/organization/').set(owner.auth).send({ slug: other.organization.slug }).expect(400);
      expect(response.body).toEqual({ slug: ['An organization with this slug already exists.'] });
      const own = await t.api.get('/api/v1/organization/').set(owner.auth).expect(200);
      await t.api.patch('/api/v1/organization/').set(owner.auth).send({ slug: own.body.slug }).expect(200);
    });

    it('keeps members out of the settings with 403', async () => {
      const response = await t.api.patch('/api/v1/organization/').set(member.auth).send({ display_name: 'Mine now' }).expect(403);
      expect(response.body).toEqual({ detail: 'You do not have permission to perform this action.' });
      await t.api.delete('/api/v1/organization/logo/').set(member.auth).expect(403);
    });
  });

  describe('logo', () => {
    it('uploads (PUT or POST), serves and removes the logo', async () => {
      const png = await sharp({ create: { width: 300, height: 120, channels: 3, background: '#aa3366' } })
        .png()
        .toBuffer();
      const put = await t.api.put('/api/v1/organization/logo/').set(owner.auth).attach('image', png, 'logo.png').expect(200);
      expect(put.body.logo_url).toMatch(new RegExp(`/media/organizations/${owner.organization.uid}/\\w+/image\\.png$`));
      const served = await fetch(`${t.api.baseUrl}${new URL(put.body.logo_url as string).pathname}`);
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

      const post = await t.api.post('/api/v1/organization/logo/').set(owner.auth).attach('image', png, 'logo.png').expect(200);
      expect(post.body.logo_url).not.toBe(put.body.logo_url);
      expect((await fetch(`${t.api.baseUrl}${new URL(put.body.logo_url as string).pathname}`)).status).toBe(404);

      await t.api.delete('/api/v1/organization/logo/').set(owner.auth).expect(204);
      const after = await t.api.get('/api/v1/organization/').set(member.auth).expect(200);
      expect(after.body.logo_url).toBeNull();
      expect((await fetch(`${t.api.baseUrl}${new URL(post.body.logo_url as string).pathname}`)).status).toBe(404);
      await t.api.delete('/api/v1/organization/logo/').set(owner.auth).expect(204);
    });

    it('refuses what is not an image, and members', async () => {
      await t.api
        .put('/api/v1/organization/logo/')
        .set(owner.auth)
        .attach('image', Buffer.from('not an image at all'), { filename: 'logo.png', contentType: 'image/png' })
        .expect(400);
      await t.api.put('/api/v1/organization/logo/').set(owner.auth).send({ image: 'x' }).expect(400);
      const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
        .png()
        .toBuffer();
      await t.api.put('/api/v1/organization/logo/').set(member.auth).attach('image', png, 'logo.png').expect(403);
    });
  });

  describe('addresses', () => {
    let shop: Account;
    beforeAll(async () => {
      shop = await registerAccount(t.api);
    });
    const list = async (account: Account) =>
      (await t.api.get('/api/v1/organization/addresses/').set(account.auth).expect(200)).body as {
        count: number;
        results: { uid: string; is_primary: boolean }[];
      };

    it('makes the first address primary, and keeps exactly one primary', async () => {
      const first = await t.api.post('/api/v1/organization/addresses/').set(shop.auth).send(ADDRESS).expect(201);
      expect(first.body).toEqual({
        uid: expect.stringMatching(/^adr_/),
        ...ADDRESS,
        country: 'US',
        email_address: null,
        phone_number: null,
        street_2: null,
        is_primary: true,
        created: expect.any(String),
        updated: expect.any(String),
      });
      const second = await t.api
        .post('/api/v1/organization/addresses/')
        .set(shop.auth)
        .send({ ...ADDRESS, name: 'Warehouse', is_primary: false })
        .expect(201);
      expect(second.body.is_primary).toBe(false);
      const third = await t.api
        .post('/api/v1/organization/addresses/')
        .set(shop.auth)
        .send({ ...ADDRESS, name: 'New shop', is_primary: true, email_address: 'ship@example.com', street_2: 'Unit 3' })
        .expect(201);
      expect(third.body).toMatchObject({ is_primary: true, email_address: 'ship@example.com', street_2: 'Unit 3' });
      let listed = await list(shop);
      expect(listed.count).toBe(3);
      expect(listed.results.filter((address) => address.is_primary).map((address) => address.uid)).toEqual([third.body.uid]);
      expect(listed.results[0].uid).toBe(third.body.uid);

      const moved = await t.api
        .patch(`/api/v1/organization/addresses/${second.body.uid}/`)
        .set(shop.auth)
        .send({ is_primary: true })
        .expect(200);
      expect(moved.body.is_primary).toBe(true);
      listed = await list(shop);
      expect(listed.results.filter((address) => address.is_primary).map((address) => address.uid)).toEqual([second.body.uid]);

      const unset = await t.api
        .patch(`/api/v1/organization/addresses/${second.body.uid}/`)
        .set(shop.auth)
        .send({ is_primary: false })
        .expect(400);
      expect(unset.body).toEqual({ is_primary: ['An organization needs a primary address: make another address primary instead.'] });

      // Deleting the primary makes the oldest remaining one primary.
      await t.api.delete(`/api/v1/organization/addresses/${second.body.uid}/`).set(shop.auth).expect(204);
      listed = await list(shop);
      expect(listed.results.filter((address) => address.is_primary).map((address) => address.uid)).toEqual([first.body.uid]);
      await t.api.delete(`/api/v1/organization/addresses/${first.body.uid}/`).set(shop.auth).expect(204);
      await t.api.delete(`/api/v1/organization/addresses/${third.body.uid}/`).set(shop.auth).expect(204);
      expect((await list(shop)).count).toBe(0);
    });

    it('updates fields partially, clearing optional ones with null', async () => {
      const created = await t.api
        .post('/api/v1/organization/addresses/')
        .set(shop.auth)
        .send({ ...ADDRESS, phone_number: '+15551234567' })
        .expect(201);
      const updated = await t.api
        .patch(`/api/v1/organization/addresses/${created.body.uid}/`)
        .set(shop.auth)
        .send({ city: 'Salem', phone_number: null, country: 'ca' })
        .expect(200);
      expect(updated.body).toMatchObject({ city: 'Salem', phone_number: null, country: 'CA', street_1: 'Main Street', is_primary: true });
      const read = await t.api.get(`/api/v1/organization/addresses/${created.body.uid}/`).set(shop.auth).expect(200);
      expect(read.body).toEqual(updated.body);
      await t.api.delete(`/api/v1/organization/addresses/${created.body.uid}/`).set(shop.auth).expect(204);
    });

    it('refuses invalid addresses with per-field messages', async () => {
      const response = await t.api
        .post('/api/v1/organization/addresses/')
        .set(shop.auth)
        .send({ name: '', street_1: 'x'.repeat(201), country: 'USA', email_address: 'nope', is_primary: 'yes' })
        .expect(400);
      expect(response.body).toEqual({
        name: ['This field may not be blank.'],
        street_1: ['Ensure this field has no more than 200 characters.'],
        city: ['This field is required.'],
        state_province: ['This field is required.'],
        postal_code: ['This field is required.'],
        country: ['Enter a valid ISO 3166-1 alpha-2 country code.'],
        email_address: ['Enter a valid email address.'],
        is_primary: ['Must be a valid boolean.'],
      });
      const created = await t.api.post('/api/v1/organization/addresses/').set(shop.auth).send(ADDRESS).expect(201);
      const patch = await t.api
        .patch(`/api/v1/organization/addresses/${created.body.uid}/`)
        .set(shop.auth)
        .send({ city: null })
        .expect(400);
      expect(patch.body).toEqual({ city: ['This field may not be null.'] });
      await t.api.delete(`/api/v1/organization/addresses/${created.body.uid}/`).set(shop.auth).expect(204);
    });

    it('lets members read the addresses but not write them', async () => {
      const created = await t.api.post('/api/v1/organization/addresses/').set(owner.auth).send(ADDRESS).expect(201);
      const listed = await t.api.get('/api/v1/organization/addresses/').set(member.auth).expect(200);
      expect(listed.body.results.map((address: { uid: string }) => address.uid)).toContain(created.body.uid);
      await t.api.post('/api/v1/organization/addresses/').set(member.auth).send(ADDRESS).expect(403);
      await t.api.patch(`/api/v1/organization/addresses/${created.body.uid}/`).set(member.auth).send({ city: 'X' }).expect(403);
      await t.api.delete(`/api/v1/organization/addresses/${created.body.uid}/`).set(member.auth).expect(403);
    });

    it("answers 404 for another organization's address", async () => {
      const theirs = await t.api.post('/api/v1/organization/addresses/').set(shop.auth).send(ADDRESS).expect(201);
      const uid = theirs.body.uid as string;
      expect((await t.api.get(`/api/v1/organization/addresses/${uid}/`).set(owner.auth).expect(404)).body).toEqual({
        detail: 'Not found.',
      });
      await t.api.patch(`/api/v1/organization/addresses/${uid}/`).set(owner.auth).send({ city: 'Mine' }).expect(404);
      await t.api.delete(`/api/v1/organization/addresses/${uid}/`).set(owner.auth).expect(404);
      const ownList = await t.api.get('/api/v1/organization/addresses/').set(owner.auth).expect(200);
      expect(ownList.body.results.map((address: { uid: string }) => address.uid)).not.toContain(uid);
      await t.api.get(`/api/v1/organization/addresses/${uid}/`).set(shop.auth).expect(200);
    });
  });

  describe('listing eligibility', () => {
    it('reports a missing primary address, then an expired trial, then nothing', async () => {
      const seller = await registerAccount(t.api);
      const fresh = await t.api.get('/api/v1/user/me/listing-eligibility/').set(seller.auth).expect(200);
      expect(fresh.body).toEqual({
        can_list: false,
        reasons: [{ code: 'no_primary_address', message: 'Add a primary address for your organization (where items ship from).' }],
      });

      await t.api.post('/api/v1/organization/addresses/').set(seller.auth).send(ADDRESS).expect(201);
      const ready = await t.api.get('/api/v1/user/me/listing-eligibility/').set(seller.auth).expect(200);
      expect(ready.body).toEqual({ can_list: true, reasons: [] });

      await t.sql(
        `UPDATE subscriptions SET trial_ends_at = now() - interval '1 day'
          WHERE organization_id = (SELECT id FROM organizations WHERE uid = $1)`,
        [seller.organization.uid],
      );
      const expired = await t.api.get('/api/v1/user/me/listing-eligibility/').set(seller.auth).expect(200);
      expect(expired.body.can_list).toBe(false);
      expect(expired.body.reasons.map((reason: { code: string }) => reason.code)).toEqual(['subscription_inactive']);
    });

    it('answers for the whole organization: a member sees the address the owner added', async () => {
      await t.api.post('/api/v1/organization/addresses/').set(owner.auth).send(ADDRESS).expect(201);
      const response = await t.api.get('/api/v1/user/me/listing-eligibility/').set(member.auth).expect(200);
      expect(response.body).toEqual({ can_list: true, reasons: [] });
    });
  });
});
