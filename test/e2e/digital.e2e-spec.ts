import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp.js';
import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

interface Asset {
  uid: string;
  product_uid: string;
  display_name: string;
  description: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  is_primary: boolean;
}

interface Purchase {
  uid: string;
  status: string;
  download_count: number;
  emails_sent: number;
  [field: string]: unknown;
}

interface DownloadPage {
  product: { uid: string; title: string };
  expires_at: string;
  download_limit: number;
  assets: Array<{ uid: string; downloads_remaining: number; size_bytes: number; download_url: string }>;
}

/** A FLAC file: its magic bytes, then random audio. */
function flac(bytes: number): Buffer {
  return Buffer.concat([Buffer.from('fLaC'), Buffer.from([0, 0, 0, 0x22]), randomBytes(bytes - 8)]);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** superagent's parser for a body to keep as bytes (the response it hands a parser is Node's IncomingMessage). */
function binary(response: unknown, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  (response as IncomingMessage).on('data', (chunk: Buffer) => chunks.push(chunk));
  (response as IncomingMessage).on('end', () => done(null, Buffer.concat(chunks)));
}

/** The token of the download link in an email. */
function tokenIn(text: string): string {
  const match = /\/api\/v1\/digital\/download\/([A-Za-z0-9_-]+)\//.exec(text);
  if (!match) throw new Error(`No download link in: ${text}`);
  return match[1];
}

describe('Digital assets, fulfilment and public downloads (e2e)', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  let seller: Account;
  let other: Account;
  let productUid: string;
  const album = flac(300 * 1024);

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    t = await createTestApp({ env: { SMTP_URL: inbox.url } });
    [seller, other] = await Promise.all([registerAccount(t.api), registerAccount(t.api)]);
    productUid = (await t.api.post('/api/v1/products/').set(seller.auth).send({ title: 'Night Drive (Digital)' }).expect(201)).body.uid;
  });
  afterAll(async () => {
    await t?.close();
    await inbox?.close();
  });

  const upload = (account: Account, product: string, file: Buffer, name: string) =>
    t.api.post(`/api/v1/products/${product}/digital-assets/`).set(account.auth).attach('file', file, name);

  const newProduct = async (title: string) =>
    (await t.api.post('/api/v1/products/').set(seller.auth).send({ title }).expect(201)).body.uid as string;

  /** Fulfils the product for a new buyer and returns the purchase with the token of its email. */
  async function fulfil(
    product: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ purchase: Purchase; token: string; email: string }> {
    const email = `buyer-${randomBytes(4).toString('hex')}@example.com`;
    const response = await t.api
      .post('/api/v1/digital/fulfill/')
      .set(seller.auth)
      .send({ product_uid: product, buyer_email: email, ...extra })
      .expect(201);
    const mail = await inbox.waitFor((message) => message.to.includes(email));
    return { purchase: response.body as Purchase, token: tokenIn(mail.text), email };
  }

  /** The purchase's download logs once `count` of them have ended (bounded by a deadline). */
  async function finishedLogs(purchaseUid: string, count: number) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const logs = await t.api.get(`/api/v1/digital/purchases/${purchaseUid}/download-logs/`).set(seller.auth).expect(200);
      const ended = (logs.body.results as Array<{ finished_at: string | null }>).filter((log) => log.finished_at !== null);
      if (ended.length >= count) return logs;
      if (Date.now() > deadline) throw new Error(`Only ${ended.length} of ${count} downloads ended: ${JSON.stringify(logs.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const fileOf = (token: string, asset: string) => t.api.get(`/api/v1/digital/download/${token}/${asset}/`).buffer(true).parse(binary);
  const pageOf = (token: string) => t.api.get(`/api/v1/digital/download/${token}/`).set('Accept', 'application/json');

  it('uploads, lists, updates and deletes assets; the first one is primary and product search finds file names', async () => {
    const first = await upload(seller, productUid, album, 'night-drive.flac')
      .field('display_name', 'Full Album Download')
      .field('description', 'FLAC files, 24-bit')
      .expect(201);
    expect(first.body).toMatchObject({
      product_uid: productUid,
      display_name: 'Full Album Download',
      description: 'FLAC files, 24-bit',
      file_name: 'night-drive.flac',
      content_type: 'audio/flac',
      size_bytes: album.length,
      sha256: sha256(album),
      is_primary: true,
    });
    const second = await upload(seller, productUid, PDF, 'liner-notes.pdf').expect(201);
    expect(second.body).toMatchObject({ display_name: 'liner-notes.pdf', content_type: 'application/pdf', is_primary: false });
    const text = await upload(seller, productUid, Buffer.from('track list'), 'tracks.txt').expect(201);
    expect(text.body.content_type).toBe('application/octet-stream');

    const listed = await t.api.get(`/api/v1/products/${productUid}/digital-assets/`).set(seller.auth).expect(200);
    expect(listed.body.count).toBe(3);
    expect(listed.body.results.map((asset: Asset) => asset.uid)).toEqual([first.body.uid, second.body.uid, text.body.uid]);
    expect((await t.api.get(`/api/v1/products/${productUid}/`).set(seller.auth).expect(200)).body.has_primary_asset).toBe(true);
    const found = await t.api.get('/api/v1/products/?search=LINER-NOTES').set(seller.auth).expect(200);
    expect(found.body.results.map((product: { uid: string }) => product.uid)).toEqual([productUid]);
    expect((await t.api.get('/api/v1/products/?search=night%20drive').set(seller.auth).expect(200)).body.count).toBe(1);
    expect((await t.api.get('/api/v1/products/?search=no-such-file').set(seller.auth).expect(200)).body.count).toBe(0);

    const moved = await t.api
      .patch(`/api/v1/digital/assets/${second.body.uid}/`)
      .set(seller.auth)
      .send({ is_primary: true, display_name: 'Liner notes (PDF)' })
      .expect(200);
    expect(moved.body).toMatchObject({ is_primary: true, display_name: 'Liner notes (PDF)' });
    expect((await t.api.get(`/api/v1/digital/assets/${first.body.uid}/`).set(seller.auth).expect(200)).body.is_primary).toBe(false);
    const unset = await t.api.patch(`/api/v1/digital/assets/${second.body.uid}/`).set(seller.auth).send({ is_primary: false }).expect(400);
    expect(unset.body).toEqual({ is_primary: [expect.stringContaining('needs a primary one')] });
    await t.api.patch(`/api/v1/digital/assets/${second.body.uid}/`).set(seller.auth).send({ display_name: '' }).expect(400);

    // Deleting the primary makes the oldest remaining one primary.
    await t.api.delete(`/api/v1/digital/assets/${second.body.uid}/`).set(seller.auth).expect(204);
    await t.api.get(`/api/v1/digital/assets/${second.body.uid}/`).set(seller.auth).expect(404);
    expect((await t.api.get(`/api/v1/digital/assets/${first.body.uid}/`).set(seller.auth).expect(200)).body.is_primary).toBe(true);
    await t.api.delete(`/api/v1/digital/assets/${text.body.uid}/`).set(seller.auth).expect(204);
  });

  it('refuses an upload without a file, an empty file, bad fields, and one for a product it cannot see', async () => {
    const product = await newProduct('Refusals');
    expect(
      (await t.api.post(`/api/v1/products/${product}/digital-assets/`).set(seller.auth).field('display_name', 'x').expect(400)).body,
    ).toEqual({
      file: ['No file was submitted.'],
    });
    expect((await upload(seller, product, Buffer.alloc(0), 'empty.zip').expect(400)).body).toEqual({
      file: ['The submitted file is empty.'],
    });
    expect((await upload(seller, product, PDF, 'a.pdf').field('is_primary', 'maybe').expect(400)).body).toEqual({
      is_primary: ['Must be a valid boolean.'],
    });
    await t.api.post(`/api/v1/products/${product}/digital-assets/`).set(seller.auth).send({ file: 'x' }).expect(400);
    await upload(other, product, PDF, 'a.pdf').expect(404);
    expect((await t.api.get(`/api/v1/products/${product}/digital-assets/`).set(seller.auth).expect(200)).body.count).toBe(0);
    expect((await t.api.get(`/api/v1/products/${product}/`).set(seller.auth).expect(200)).body.has_primary_asset).toBe(false);
  });

  it('fulfils by email, and the buyer downloads through the public link, whole and resumed with Range', async () => {
    const product = await newProduct('Stems Pack');
    const asset = (await upload(seller, product, album, 'stems.flac').expect(201)).body as Asset;
    const nothing = await newProduct('Nothing to send');
    expect(
      (
        await t.api
          .post('/api/v1/digital/fulfill/')
          .set(seller.auth)
          .send({ product_uid: nothing, buyer_email: 'a@example.com' })
          .expect(400)
      ).body,
    ).toEqual({
      product_uid: ['This product has no digital asset to send: upload one first.'],
    });

    const { purchase, token, email } = await fulfil(product, { buyer_name: 'Alex Doe' });
    expect(purchase).toMatchObject({
      status: 'active',
      buyer_email: email,
      buyer_name: 'Alex Doe',
      download_limit: 5,
      download_count: 0,
      emails_sent: 1,
    });
    const mail = inbox.messages.find((message) => message.to.includes(email))!;
    expect(mail.subject).toBe('Your download: Stems Pack');
    expect(mail.text).toContain('stems.flac');
    const [activity] = (await t.sql(`SELECT event_type, subject_uid FROM activity_events WHERE subject_uid = $1`, [purchase.uid])).rows;
    expect(activity).toEqual({ event_type: 'digital_fulfilled', subject_uid: purchase.uid });
    // Only the digest of the token is stored.
    expect(
      (await t.sql(`SELECT count(*)::int AS n FROM digital_download_links WHERE token_hash = $1`, [sha256(Buffer.from(token))])).rows[0].n,
    ).toBe(1);
    expect((await t.sql(`SELECT count(*)::int AS n FROM digital_download_links WHERE token_hash = $1`, [token])).rows[0].n).toBe(0);

    const page = (await pageOf(token).expect(200)).body as DownloadPage;
    expect(page).toMatchObject({ product: { uid: product, title: 'Stems Pack' }, download_limit: 5, buyer_name: 'Alex Doe' });
    expect(page.assets).toEqual([expect.objectContaining({ uid: asset.uid, size_bytes: album.length, downloads_remaining: 5 })]);
    expect(new URL(page.assets[0].download_url).pathname).toBe(`/api/v1/digital/download/${token}/${asset.uid}/`);
    const html = await t.api.get(`/api/v1/digital/download/${token}/`).expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).toContain('Stems Pack');
    expect(html.text).toContain(`/api/v1/digital/download/${token}/${asset.uid}/`);

    const whole = await fileOf(token, asset.uid).set('User-Agent', 'e2e-downloader').expect(200);
    expect(Buffer.compare(whole.body as Buffer, album)).toBe(0);
    expect(whole.headers).toMatchObject({
      'content-type': 'audio/flac',
      'content-length': String(album.length),
      'content-disposition': `attachment; filename="stems.flac"; filename*=UTF-8''stems.flac`,
      etag: `"${asset.sha256}"`,
      'accept-ranges': 'bytes',
    });

    // A resumed download: the rest of the file from byte 100000, not counted again.
    const rest = await fileOf(token, asset.uid).set('Range', 'bytes=100000-').set('If-Range', `"${asset.sha256}"`).expect(206);
    expect(rest.headers['content-range']).toBe(`bytes 100000-${album.length - 1}/${album.length}`);
    expect(rest.headers['content-length']).toBe(String(album.length - 100000));
    expect(Buffer.compare(rest.body as Buffer, album.subarray(100000))).toBe(0);
    const slice = await fileOf(token, asset.uid).set('Range', 'bytes=10-19').expect(206);
    expect(Buffer.compare(slice.body as Buffer, album.subarray(10, 20))).toBe(0);
    expect((await pageOf(token).expect(200)).body.assets[0].downloads_remaining).toBe(4);

    // A stale If-Range gets the whole file (a new download); a range past the end is a 416.
    const stale = await fileOf(token, asset.uid).set('Range', 'bytes=100000-').set('If-Range', '"other"').expect(200);
    expect((stale.body as Buffer).length).toBe(album.length);
    const past = await t.api.get(`/api/v1/digital/download/${token}/${asset.uid}/`).set('Range', `bytes=${album.length}-`).expect(416);
    expect(past.headers['content-range']).toBe(`bytes */${album.length}`);
    // HEAD tells the size without counting a download.
    const head = await fetch(`${t.api.baseUrl}/api/v1/digital/download/${token}/${asset.uid}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(album.length));
    expect((await pageOf(token).expect(200)).body.assets[0].downloads_remaining).toBe(3);

    // A download's end is recorded once its response has closed: read the logs once every one has ended.
    const logs = await finishedLogs(purchase.uid, 4);
    expect(logs.body.count).toBe(4);
    expect(logs.body.results.map((log: { is_resume: boolean; range_start: number }) => [log.is_resume, log.range_start])).toEqual([
      [false, 0],
      [true, 10],
      [true, 100000],
      [false, 0],
    ]);
    const first = logs.body.results[3];
    expect(first).toMatchObject({
      asset_uid: asset.uid,
      file_name: 'stems.flac',
      bytes_expected: album.length,
      bytes_sent: album.length,
      completed: true,
      user_agent: 'e2e-downloader',
      ip_address: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(first.finished_at).not.toBeNull();
    expect((await t.api.get(`/api/v1/digital/purchases/${purchase.uid}/`).set(seller.auth).expect(200)).body.download_count).toBe(2);
  });

  it('stops new downloads at the limit (410), while a download cut short may still resume', async () => {
    const product = await newProduct('Limited');
    const asset = (await upload(seller, product, PDF, 'notes.pdf').expect(201)).body as Asset;
    const { token } = await fulfil(product);
    for (let n = 0; n < 4; n += 1) await fileOf(token, asset.uid).expect(200);
    // The fifth download is cut short after 10 bytes (a range from the first byte is a new download).
    await fileOf(token, asset.uid).set('Range', 'bytes=0-9').expect(206);
    const refused = await t.api.get(`/api/v1/digital/download/${token}/${asset.uid}/`).expect(410);
    expect(refused.body.detail).toContain('downloaded the most times');
    const resumed = await fileOf(token, asset.uid).set('Range', 'bytes=10-').expect(206);
    expect(Buffer.compare(resumed.body as Buffer, PDF.subarray(10))).toBe(0);
    expect((await pageOf(token).expect(410)).body.detail).toContain('Every file of this link');
  });

  it('answers 410 for an expired, a revoked and a replaced link, and 404 for an unknown token', async () => {
    const product = await newProduct('Gone');
    const asset = (await upload(seller, product, PDF, 'gone.pdf').expect(201)).body as Asset;

    const expired = await fulfil(product);
    await t.sql(`UPDATE digital_purchases SET expires_at = now() - interval '1 minute' WHERE uid = $1`, [expired.purchase.uid]);
    expect((await pageOf(expired.token).expect(410)).body).toEqual({
      detail: 'This download link has expired. Ask the seller for a new one.',
    });
    await t.api.get(`/api/v1/digital/download/${expired.token}/${asset.uid}/`).expect(410);
    const expiredHtml = await t.api.get(`/api/v1/digital/download/${expired.token}/`).expect(410);
    expect(expiredHtml.text).toContain('This download link has expired.');
    expect((await t.api.get(`/api/v1/digital/purchases/${expired.purchase.uid}/`).set(seller.auth).expect(200)).body.status).toBe(
      'expired',
    );
    await t.api.post(`/api/v1/digital/purchases/${expired.purchase.uid}/resend-email/`).set(seller.auth).expect(400);

    const revoked = await fulfil(product);
    expect((await t.api.post(`/api/v1/digital/purchases/${revoked.purchase.uid}/revoke/`).set(seller.auth).expect(200)).body.status).toBe(
      'revoked',
    );
    expect((await t.api.get(`/api/v1/digital/download/${revoked.token}/${asset.uid}/`).expect(410)).body).toEqual({
      detail: 'This download link was revoked by the seller.',
    });

    // A resend mails a new working link to the same purchase; the old one is replaced.
    const resent = await fulfil(product);
    await fileOf(resent.token, asset.uid).expect(200);
    const again = await t.api.post(`/api/v1/digital/purchases/${resent.purchase.uid}/resend-email/`).set(seller.auth).expect(200);
    expect(again.body).toMatchObject({ emails_sent: 2, download_count: 1 });
    const mails = () => inbox.messages.filter((message) => message.to.includes(resent.email));
    await inbox.waitFor((message) => message.to.includes(resent.email) && tokenIn(message.text) !== resent.token);
    const newToken = tokenIn(mails().find((message) => tokenIn(message.text) !== resent.token)!.text);
    expect((await pageOf(newToken).expect(200)).body.assets[0].downloads_remaining).toBe(4);
    expect((await pageOf(resent.token).expect(410)).body.detail).toContain('replaced by a newer one');

    const unknown = randomBytes(32).toString('base64url');
    expect((await pageOf(unknown).expect(404)).body).toEqual({ detail: 'Not found.' });
    expect((await t.api.get(`/api/v1/digital/download/${unknown}/`).expect(404)).text).toContain('Not found.');
    await t.api.get(`/api/v1/digital/download/${unknown}/${asset.uid}/`).expect(404);
    // A valid token does not open another product's asset.
    const otherProduct = await newProduct('Other product');
    const otherAsset = (await upload(seller, otherProduct, PDF, 'x.pdf').expect(201)).body as Asset;
    await t.api.get(`/api/v1/digital/download/${newToken}/${otherAsset.uid}/`).expect(404);
  });

  it('fulfils an order once, and lists purchases by email and product', async () => {
    const product = await newProduct('Per order');
    await upload(seller, product, PDF, 'order.pdf').expect(201);
    const { purchase, email } = await fulfil(product, { order_uid: 'ord_e2e1' });
    const repeat = await t.api
      .post('/api/v1/digital/fulfill/')
      .set(seller.auth)
      .send({ product_uid: product, buyer_email: email, order_uid: 'ord_e2e1' })
      .expect(200);
    expect(repeat.body.uid).toBe(purchase.uid);
    expect(repeat.body.emails_sent).toBe(1);

    const byEmail = await t.api.get(`/api/v1/digital/purchases/?search=${email.toUpperCase()}`).set(seller.auth).expect(200);
    expect(byEmail.body.results.map((row: Purchase) => row.uid)).toEqual([purchase.uid]);
    const byProduct = await t.api.get(`/api/v1/digital/purchases/?product_uid=${product}`).set(seller.auth).expect(200);
    expect(byProduct.body).toMatchObject({ count: 1, results: [expect.objectContaining({ uid: purchase.uid, order_uid: 'ord_e2e1' })] });
    expect((await t.api.get('/api/v1/digital/purchases/?page_size=1').set(seller.auth).expect(200)).body.next).toContain('page=2');
  });

  it('fulfils a sold item of a product with assets once, for the buyer of its order, with no call of its own', async () => {
    const product = await newProduct('Sold at the fair');
    const asset = (await upload(seller, product, PDF, 'sleeve-notes.pdf').expect(201)).body as Asset;
    const item = (
      await t.api.post('/api/v1/inventory/').set(seller.auth).send({ product_uid: product, price_total_usd: '9.00' }).expect(201)
    ).body.uid as string;
    const email = `fair-buyer-${randomBytes(4).toString('hex')}@example.com`;
    const order = await t.api
      .post(`/api/v1/inventory/${item}/order/`)
      .set(seller.auth)
      .send({ sale_price: '9.00', shipment_address: { name: 'Fair Buyer', email_address: email } })
      .expect(201);
    const mail = await inbox.waitFor((message) => message.to.includes(email));
    const token = tokenIn(mail.text);
    const page = await pageOf(token).expect(200);
    expect((page.body as DownloadPage).assets.map((entry) => entry.uid)).toEqual([asset.uid]);
    const purchases = await t.api.get(`/api/v1/digital/purchases/?product_uid=${product}`).set(seller.auth).expect(200);
    expect(purchases.body).toMatchObject({ count: 1, results: [expect.objectContaining({ order_uid: order.body.uid, emails_sent: 1 })] });
  });

  it("shows another organization's assets and purchases as 404s", async () => {
    const product = await newProduct('Private');
    const asset = (await upload(seller, product, PDF, 'private.pdf').expect(201)).body as Asset;
    const { purchase } = await fulfil(product);
    await t.api.get(`/api/v1/products/${product}/digital-assets/`).set(other.auth).expect(404);
    await t.api.get(`/api/v1/digital/assets/${asset.uid}/`).set(other.auth).expect(404);
    await t.api.patch(`/api/v1/digital/assets/${asset.uid}/`).set(other.auth).send({ display_name: 'mine' }).expect(404);
    await t.api.delete(`/api/v1/digital/assets/${asset.uid}/`).set(other.auth).expect(404);
    await t.api.get(`/api/v1/digital/purchases/${purchase.uid}/`).set(other.auth).expect(404);
    await t.api.get(`/api/v1/digital/purchases/${purchase.uid}/download-logs/`).set(other.auth).expect(404);
    await t.api.post(`/api/v1/digital/purchases/${purchase.uid}/resend-email/`).set(other.auth).expect(404);
    await t.api.post(`/api/v1/digital/purchases/${purchase.uid}/revoke/`).set(other.auth).expect(404);
    expect((await t.api.get('/api/v1/digital/purchases/').set(other.auth).expect(200)).body.count).toBe(0);
    expect(
      (
        await t.api
          .post('/api/v1/digital/fulfill/')
          .set(other.auth)
          .send({ product_uid: product, buyer_email: 'x@example.com' })
          .expect(400)
      ).body,
    ).toEqual({ product_uid: [`Product "${product}" does not exist.`] });
    expect((await t.api.get(`/api/v1/digital/assets/${asset.uid}/`).set(seller.auth).expect(200)).body.display_name).toBe('private.pdf');
  });

  it('deleting a product deletes its assets and keeps its purchases, whose links then answer 410', async () => {
    const product = await newProduct('Short-lived');
    const asset = (await upload(seller, product, PDF, 'short.pdf').expect(201)).body as Asset;
    const { purchase, token } = await fulfil(product);
    await t.api.delete(`/api/v1/products/${product}/`).set(seller.auth).expect(204);
    await t.api.get(`/api/v1/digital/assets/${asset.uid}/`).set(seller.auth).expect(404);
    const kept = await t.api.get(`/api/v1/digital/purchases/${purchase.uid}/`).set(seller.auth).expect(200);
    expect(kept.body).toMatchObject({ product: null, product_title: 'Short-lived' });
    expect((await pageOf(token).expect(410)).body.detail).toContain('no longer available');
  });

  it('throttles resending a purchase email', async () => {
    const product = await newProduct('Resends');
    await upload(seller, product, PDF, 'resend.pdf').expect(201);
    const { purchase } = await fulfil(product);
    for (let n = 0; n < 5; n += 1) await t.api.post(`/api/v1/digital/purchases/${purchase.uid}/resend-email/`).set(seller.auth).expect(200);
    const throttled = await t.api.post(`/api/v1/digital/purchases/${purchase.uid}/resend-email/`).set(seller.auth).expect(429);
    expect(throttled.headers['retry-after']).toBeDefined();
  });
});

describe('Digital limits set by the environment (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        DIGITAL_MAX_BYTES: '4096',
        DIGITAL_DOWNLOAD_REQUESTS_PER_MINUTE: '3',
        DIGITAL_LINK_TTL_DAYS: '7',
        DIGITAL_DOWNLOAD_LIMIT: '2',
      },
    });
    seller = await registerAccount(t.api);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a file over DIGITAL_MAX_BYTES, applies the TTL and limit, and throttles the public routes per IP', async () => {
    const product = (await t.api.post('/api/v1/products/').set(seller.auth).send({ title: 'Big' }).expect(201)).body.uid;
    const tooLarge = await t.api
      .post(`/api/v1/products/${product}/digital-assets/`)
      .set(seller.auth)
      .attach('file', flac(8192), 'big.flac')
      .expect(400);
    expect(tooLarge.body).toEqual({ file: ['The file is larger than 4 KB.'] });
    await t.api.post(`/api/v1/products/${product}/digital-assets/`).set(seller.auth).attach('file', PDF, 'small.pdf').expect(201);
    const purchase = await t.api
      .post('/api/v1/digital/fulfill/')
      .set(seller.auth)
      .send({ product_uid: product, buyer_email: 'b@example.com' })
      .expect(201);
    expect(purchase.body.download_limit).toBe(2);
    const days = (Date.parse(purchase.body.expires_at) - Date.parse(purchase.body.created)) / 86_400_000;
    expect(Math.round(days)).toBe(7);

    const unknown = randomBytes(32).toString('base64url');
    for (let n = 0; n < 3; n += 1) await t.api.get(`/api/v1/digital/download/${unknown}/`).set('Accept', 'application/json').expect(404);
    const throttled = await t.api.get(`/api/v1/digital/download/${unknown}/`).set('Accept', 'application/json').expect(429);
    expect(throttled.headers['retry-after']).toBeDefined();
  });
});
