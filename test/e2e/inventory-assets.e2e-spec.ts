import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

interface Asset {
  uid: string;
  type: string;
  description: string;
  file_url: string;
  thumbnail_url: string;
  file_size: number;
  file_name: string;
  is_identifying_asset: boolean;
  listing_assets: unknown[];
  created: string;
  updated: string;
}

const MAX_BYTES = 64 * 1024;
const INVALID_IMAGE = 'Upload a valid image: JPEG, PNG, WebP, HEIC/HEIF or GIF.';

function picture(color: string, width = 800, height = 600) {
  return sharp({ create: { width, height, channels: 3, background: color } });
}

describe('Inventory assets (e2e)', () => {
  let t: TestApp;
  let dataDir: string;
  let seller: Account;
  let other: Account;
  let productUid: string;
  let jpeg: Buffer;
  let png: Buffer;
  let webp: Buffer;
  const notAnImage = Buffer.from('these are shipping notes, not a picture\n');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'instica-assets-e2e-'));
    t = await createTestApp({ env: { DATA_DIR: dataDir, MEDIA_MAX_BYTES: String(MAX_BYTES) } });
    [seller, other] = await Promise.all([registerAccount(t.api), registerAccount(t.api)]);
    productUid = (await t.api.post('/api/v1/products/').set(seller.auth).send({ title: 'Abbey Road', type: 'physical' }).expect(201)).body
      .uid;
    [jpeg, png, webp] = await Promise.all([
      picture('#336699').jpeg().toBuffer(),
      picture('#993366').png().toBuffer(),
      picture('#669933').webp().toBuffer(),
    ]);
  });
  afterAll(async () => {
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const newItem = async (account = seller, product = productUid) =>
    (await t.api.post('/api/v1/inventory/').set(account.auth).send({ product_uid: product, condition_item: 'vg_plus' }).expect(201)).body
      .uid as string;
  const assetsUrl = (item: string) => `/api/v1/inventory/${item}/assets/`;
  const itemAssets = async (item: string, account = seller) =>
    (await t.api.get(`/api/v1/inventory/${item}/`).set(account.auth).expect(200)).body.assets as Asset[];
  /** The files stored for an item (originals and thumbnails), as the disk has them. */
  const storedFiles = (item: string): string[] => {
    const root = join(dataDir, 'media', 'inventory', item);
    if (!existsSync(root)) return [];
    return readdirSync(root).flatMap((directory) => readdirSync(join(root, directory)).map((file) => `${directory}/${file}`));
  };
  const assetRows = async (item: string) =>
    (
      await t.sql(
        `SELECT a.uid, a.is_identifying_asset FROM inventory_assets a JOIN inventory_items i ON i.id = a.inventory_item_id
          WHERE i.uid = $1 ORDER BY a.id`,
        [item],
      )
    ).rows as Array<{ uid: string; is_identifying_asset: boolean }>;

  it("uploads one photo as the seed's curl does, answers the asset exactly, and serves the file and its thumbnail", async () => {
    const item = await newItem();
    const response = await t.api
      .post(assetsUrl(item))
      .set(seller.auth)
      .attach('file', jpeg, { filename: 'photo.jpg', contentType: 'image/jpeg' })
      .field('type', 'photo')
      .field('is_identifying_asset', 'true')
      .expect(201);
    const asset = response.body as Asset;
    expect(Object.keys(asset).sort()).toEqual(
      [
        'uid',
        'type',
        'description',
        'file_url',
        'thumbnail_url',
        'file_size',
        'file_name',
        'is_identifying_asset',
        'listing_assets',
        'created',
        'updated',
      ].sort(),
    );
    expect(asset).toEqual({
      uid: expect.stringMatching(/^ast_[A-Za-z0-9]{16}$/),
      type: 'photo',
      description: '',
      file_url: expect.stringMatching(new RegExp(`^${t.api.baseUrl}/media/inventory/${item}/[A-Za-z0-9]{20}/image\\.jpg$`)),
      thumbnail_url: expect.stringMatching(new RegExp(`^${t.api.baseUrl}/media/inventory/${item}/[A-Za-z0-9]{20}/thumbnail\\.webp$`)),
      file_size: jpeg.length,
      file_name: 'photo.jpg',
      is_identifying_asset: true,
      listing_assets: [],
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updated: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });

    const original = await fetch(asset.file_url);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await original.arrayBuffer()).equals(jpeg)).toBe(true);
    const thumbnail = await fetch(asset.thumbnail_url);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    expect(await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).toMatchObject({ format: 'webp', width: 400, height: 300 });

    expect(await itemAssets(item)).toEqual([asset]);
    const listed = await t.api.get('/api/v1/inventory/').set(seller.auth).expect(200);
    expect(listed.body.results.find((row: { uid: string }) => row.uid === item).assets).toEqual([asset]);
  });

  it('takes a description and the other asset types, and judges the image by its bytes, not its name', async () => {
    const item = await newItem();
    const response = await t.api
      .post(assetsUrl(item))
      .set(seller.auth)
      .field('type', 'front_cover')
      .field('description', 'Front cover, light ring wear.')
      .field('is_identifying_asset', '0')
      .attach('file', png, { filename: 'front.jpg', contentType: 'image/jpeg' })
      .expect(201);
    expect(response.body).toMatchObject({
      type: 'front_cover',
      description: 'Front cover, light ring wear.',
      is_identifying_asset: false,
      file_name: 'front.jpg',
      file_url: expect.stringMatching(/\/image\.png$/),
    });
    expect((await fetch(response.body.file_url)).headers.get('content-type')).toBe('image/png');
  });

  it('uploads several files through `files` and answers the batch shape', async () => {
    const item = await newItem();
    const response = await t.api
      .post(assetsUrl(item))
      .set(seller.auth)
      .field('type', 'photo')
      .attach('files', jpeg, 'one.jpg')
      .attach('files', png, 'two.png')
      .attach('files', webp, 'three.webp')
      .expect(201);
    expect(response.body).toEqual({
      created: [
        expect.objectContaining({ file_name: 'one.jpg', type: 'photo', is_identifying_asset: false, file_size: jpeg.length }),
        expect.objectContaining({ file_name: 'two.png', file_size: png.length }),
        expect.objectContaining({ file_name: 'three.webp', file_size: webp.length }),
      ],
      errors: [],
      created_count: 3,
      failed_count: 0,
      associated_inventory_items_count: 1,
    });
    for (const asset of response.body.created as Asset[]) expect(asset.uid).toMatch(/^ast_/);
    // Oldest first (one transaction: the same time, then the order sent).
    expect(await itemAssets(item)).toEqual(response.body.created);
    expect(storedFiles(item)).toHaveLength(6);

    // One file in `files` is still the batch shape.
    const single = await t.api.post(assetsUrl(item)).set(seller.auth).field('type', 'photo').attach('files', jpeg, 'four.jpg').expect(201);
    expect(single.body).toMatchObject({ created_count: 1, failed_count: 0, associated_inventory_items_count: 1 });
  });

  it('stores the valid files of a batch and lists the one that is not an image', async () => {
    const item = await newItem();
    const response = await t.api
      .post(`${assetsUrl(item)}batch/`)
      .set(seller.auth)
      .field('type', 'photo')
      .attach('files', jpeg, 'one.jpg')
      .attach('files', notAnImage, { filename: 'notes.jpg', contentType: 'image/jpeg' })
      .attach('file', png, 'two.png')
      .expect(201);
    expect(response.body).toEqual({
      created: [expect.objectContaining({ file_name: 'one.jpg' }), expect.objectContaining({ file_name: 'two.png' })],
      errors: [{ index: 1, file_name: 'notes.jpg', errors: { files: [INVALID_IMAGE] } }],
      created_count: 2,
      failed_count: 1,
      associated_inventory_items_count: 1,
    });
    expect(storedFiles(item)).toHaveLength(4);
    expect((await itemAssets(item)).map((asset) => asset.file_name)).toEqual(['one.jpg', 'two.png']);
  });

  it('fails a too large or empty file of a batch on its own, and answers 400 with the batch when nothing was stored', async () => {
    const item = await newItem();
    const tooLarge = Buffer.concat([jpeg, Buffer.alloc(MAX_BYTES, 1)]);
    const partly = await t.api
      .post(`${assetsUrl(item)}batch/`)
      .set(seller.auth)
      .field('type', 'label')
      .attach('files', tooLarge, 'huge.jpg')
      .attach('files', Buffer.alloc(0), 'empty.jpg')
      .attach('files', webp, 'label.webp')
      .expect(201);
    expect(partly.body).toMatchObject({
      created: [expect.objectContaining({ file_name: 'label.webp', type: 'label' })],
      errors: [
        { index: 0, file_name: 'huge.jpg', errors: { files: ['The file is larger than 64 KB.'] } },
        { index: 1, file_name: 'empty.jpg', errors: { files: ['The submitted file is empty.'] } },
      ],
      created_count: 1,
      failed_count: 2,
    });

    const none = await t.api
      .post(`${assetsUrl(item)}batch/`)
      .set(seller.auth)
      .field('type', 'photo')
      .attach('files', notAnImage, 'a.jpg')
      .attach('files', notAnImage, 'b.jpg')
      .expect(400);
    expect(none.body).toEqual({
      created: [],
      errors: [
        { index: 0, file_name: 'a.jpg', errors: { files: [INVALID_IMAGE] } },
        { index: 1, file_name: 'b.jpg', errors: { files: [INVALID_IMAGE] } },
      ],
      created_count: 0,
      failed_count: 2,
      associated_inventory_items_count: 0,
    });
    expect(storedFiles(item)).toHaveLength(2);
  });

  it('refuses a bad single upload or a bad request with a 400 on the field, and stores nothing', async () => {
    const item = await newItem();
    const post = () => t.api.post(assetsUrl(item)).set(seller.auth);
    const cases: Array<[() => ReturnType<typeof post>, object]> = [
      [() => post().field('type', 'poster').attach('file', jpeg, 'a.jpg'), { type: ['"poster" is not a valid choice.'] }],
      [() => post().attach('file', jpeg, 'a.jpg'), { type: ['This field is required.'] }],
      [
        () => post().field('type', 'photo').field('is_identifying_asset', 'maybe').attach('file', jpeg, 'a.jpg'),
        { is_identifying_asset: ['Must be a valid boolean.'] },
      ],
      [
        () => post().field('type', 'photo').field('description', 'x'.repeat(1001)).attach('file', jpeg, 'a.jpg'),
        { description: ['Ensure this field has no more than 1000 characters.'] },
      ],
      [() => post().field('type', 'photo'), { file: ['No file was submitted: send one in `file`, or several in `files`.'] }],
      [
        () => post().field('type', 'nope'),
        { type: ['"nope" is not a valid choice.'], file: ['No file was submitted: send one in `file`, or several in `files`.'] },
      ],
      [
        () => post().field('type', 'photo').attach('file', jpeg, 'a.jpg').attach('files', png, 'b.png'),
        { non_field_errors: ['Send one file in `file`, or several in `files`, not both.'] },
      ],
      [
        () => post().field('type', 'photo').attach('file', jpeg, 'a.jpg').attach('file', png, 'b.png'),
        { file: ['Submit one file in `file`; send several in `files`.'] },
      ],
      [
        () => post().field('type', 'photo').field('file', 'just text'),
        { file: ['The submitted data was not a file. Check the encoding type on the form.'] },
      ],
      [() => post().field('type', 'photo').attach('file', notAnImage, 'notes.jpg'), { file: [INVALID_IMAGE] }],
      [
        () =>
          post()
            .field('type', 'photo')
            .attach('file', Buffer.concat([jpeg, Buffer.alloc(MAX_BYTES, 1)]), 'huge.jpg'),
        { file: ['The file is larger than 64 KB.'] },
      ],
      [() => post().send({ type: 'photo' }), { non_field_errors: ['Expected multipart/form-data.'] }],
      [
        () => {
          let request = post().field('type', 'photo');
          for (let i = 0; i < 11; i += 1) request = request.attach('files', jpeg, `${i}.jpg`);
          return request;
        },
        { non_field_errors: ['Submit at most 10 files per request.'] },
      ],
    ];
    for (const [send, errors] of cases) {
      const response = await send();
      expect({ status: response.status, body: response.body }).toEqual({ status: 400, body: errors });
    }
    const batchTooMany = t.api
      .post(`${assetsUrl(item)}batch/`)
      .set(seller.auth)
      .field('type', 'photo');
    for (let i = 0; i < 6; i += 1) batchTooMany.attach('files', jpeg, `${i}.jpg`).attach('file', jpeg, `f${i}.jpg`);
    expect((await batchTooMany.expect(400)).body).toEqual({ non_field_errors: ['Submit at most 10 files per request.'] });
    expect(await assetRows(item)).toEqual([]);
    expect(storedFiles(item)).toEqual([]);
  });

  it("enforces the plan's photos per item: a single upload over it is refused, a batch stores what fits", async () => {
    const organization = seller.organization.uid;
    const plan = (
      await t.sql(
        `SELECT p.id, p.photos_per_item_limit FROM plans p JOIN subscriptions s ON s.plan_id = p.id
          JOIN organizations o ON o.id = s.organization_id WHERE o.uid = $1`,
        [organization],
      )
    ).rows[0] as { id: string; photos_per_item_limit: number };
    await t.sql(`UPDATE plans SET photos_per_item_limit = 2 WHERE id = $1`, [plan.id]);
    try {
      const item = await newItem();
      const batch = await t.api
        .post(assetsUrl(item))
        .set(seller.auth)
        .field('type', 'photo')
        .attach('files', jpeg, 'one.jpg')
        .attach('files', notAnImage, 'notes.jpg')
        .attach('files', png, 'two.png')
        .attach('files', webp, 'three.webp')
        .expect(201);
      const limit = 'This item can have at most 2 photos on your plan; it has 2.';
      expect(batch.body).toMatchObject({
        created: [expect.objectContaining({ file_name: 'one.jpg' }), expect.objectContaining({ file_name: 'two.png' })],
        errors: [
          { index: 1, file_name: 'notes.jpg', errors: { files: [INVALID_IMAGE] } },
          { index: 3, file_name: 'three.webp', errors: { files: [limit] } },
        ],
        created_count: 2,
        failed_count: 2,
      });
      expect(storedFiles(item)).toHaveLength(4);

      const refused = await t.api
        .post(assetsUrl(item))
        .set(seller.auth)
        .field('type', 'photo')
        .attach('file', jpeg, 'more.jpg')
        .expect(400);
      expect(refused.body).toEqual({ file: [limit] });
      const full = await t.api
        .post(`${assetsUrl(item)}batch/`)
        .set(seller.auth)
        .field('type', 'photo')
        .attach('files', jpeg, 'more.jpg')
        .expect(400);
      expect(full.body).toMatchObject({ created_count: 0, errors: [{ index: 0, file_name: 'more.jpg', errors: { files: [limit] } }] });
      expect(storedFiles(item)).toHaveLength(4);
      expect(await assetRows(item)).toHaveLength(2);

      // Concurrent uploads count under the item's lock: exactly what fits is stored, the others' files are removed.
      const raced = await newItem();
      const answers = await Promise.all(
        ['a.jpg', 'b.jpg', 'c.jpg'].map((name) =>
          t.api
            .post(assetsUrl(raced))
            .set(seller.auth)
            .field('type', 'photo')
            .field('is_identifying_asset', 'true')
            .attach('file', jpeg, name),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 400]);
      expect(answers.find((answer) => answer.status === 400)!.body).toEqual({ file: [limit] });
      const racedRows = await assetRows(raced);
      expect(racedRows).toHaveLength(2);
      expect(racedRows.filter((row) => row.is_identifying_asset)).toHaveLength(1);
      expect(storedFiles(raced)).toHaveLength(4);

      // Deleting one makes room again.
      const [first] = await itemAssets(item);
      await t.api
        .delete(`${assetsUrl(item)}${first.uid}/`)
        .set(seller.auth)
        .expect(204);
      await t.api.post(assetsUrl(item)).set(seller.auth).field('type', 'photo').attach('file', jpeg, 'more.jpg').expect(201);
    } finally {
      await t.sql(`UPDATE plans SET photos_per_item_limit = $2 WHERE id = $1`, [plan.id, plan.photos_per_item_limit]);
    }
  });

  it('keeps one identifying asset per item: a new identifying upload takes the flag, and comes first', async () => {
    const item = await newItem();
    const upload = (name: string, identifying: string) =>
      t.api
        .post(assetsUrl(item))
        .set(seller.auth)
        .field('type', 'photo')
        .field('is_identifying_asset', identifying)
        .attach('file', jpeg, name);
    const first = (await upload('first.jpg', 'true').expect(201)).body as Asset;
    const plain = (await upload('plain.jpg', 'false').expect(201)).body as Asset;
    expect((await itemAssets(item)).map((asset) => [asset.file_name, asset.is_identifying_asset])).toEqual([
      ['first.jpg', true],
      ['plain.jpg', false],
    ]);
    const second = (await upload('second.jpg', 'TRUE').expect(201)).body as Asset;
    const assets = await itemAssets(item);
    expect(assets.map((asset) => [asset.file_name, asset.is_identifying_asset])).toEqual([
      ['second.jpg', true],
      ['first.jpg', false],
      ['plain.jpg', false],
    ]);
    expect(assets.find((asset) => asset.uid === first.uid)!.updated >= first.updated).toBe(true);
    expect(plain.is_identifying_asset).toBe(false);

    // In a batch the first stored file takes the flag.
    const batch = await t.api
      .post(`${assetsUrl(item)}batch/`)
      .set(seller.auth)
      .field('type', 'photo')
      .field('is_identifying_asset', '1')
      .attach('files', notAnImage, 'notes.jpg')
      .attach('files', png, 'batch-a.png')
      .attach('files', webp, 'batch-b.webp')
      .expect(201);
    expect(batch.body.created.map((asset: Asset) => asset.is_identifying_asset)).toEqual([true, false]);
    const rows = await assetRows(item);
    expect(rows.filter((row) => row.is_identifying_asset).map((row) => row.uid)).toEqual([batch.body.created[0].uid]);
    expect((await itemAssets(item))[0].uid).toBe(batch.body.created[0].uid);
    expect(second.is_identifying_asset).toBe(true);

    // The database holds the rule too.
    await expect(t.sql(`UPDATE inventory_assets SET is_identifying_asset = true WHERE uid = $1`, [first.uid])).rejects.toThrow(
      /IDX_inventory_assets_one_identifying/,
    );
  });

  it('deletes an asset: 204, gone from the item, its files removed after the commit', async () => {
    const item = await newItem();
    const asset = (await t.api.post(assetsUrl(item)).set(seller.auth).field('type', 'photo').attach('file', jpeg, 'gone.jpg').expect(201))
      .body as Asset;
    const kept = (await t.api.post(assetsUrl(item)).set(seller.auth).field('type', 'photo').attach('file', png, 'kept.png').expect(201))
      .body as Asset;
    expect(storedFiles(item)).toHaveLength(4);
    const response = await t.api
      .delete(`${assetsUrl(item)}${asset.uid}/`)
      .set(seller.auth)
      .expect(204);
    expect(response.text).toBe('');
    expect((await fetch(asset.file_url)).status).toBe(404);
    expect((await fetch(asset.thumbnail_url)).status).toBe(404);
    expect((await fetch(kept.file_url)).status).toBe(200);
    expect(storedFiles(item)).toHaveLength(2);
    expect(await itemAssets(item)).toEqual([kept]);
    await t.api
      .delete(`${assetsUrl(item)}${asset.uid}/`)
      .set(seller.auth)
      .expect(404);
    await t.api
      .delete(`${assetsUrl(item)}ast_missing/`)
      .set(seller.auth)
      .expect(404);
    // Another item's asset is not found through this one.
    const otherItem = await newItem();
    await t.api
      .delete(`${assetsUrl(otherItem)}${kept.uid}/`)
      .set(seller.auth)
      .expect(404);
    expect(await itemAssets(item)).toEqual([kept]);
  });

  it("answers 404 for another organization's item or asset, and stores nothing", async () => {
    const item = await newItem();
    const asset = (await t.api.post(assetsUrl(item)).set(seller.auth).field('type', 'photo').attach('file', jpeg, 'mine.jpg').expect(201))
      .body as Asset;
    const upload = await t.api.post(assetsUrl(item)).set(other.auth).field('type', 'photo').attach('file', png, 'theirs.png').expect(404);
    expect(upload.body).toEqual({ detail: 'Not found.' });
    await t.api
      .post(`${assetsUrl(item)}batch/`)
      .set(other.auth)
      .field('type', 'photo')
      .attach('files', png, 'theirs.png')
      .expect(404);
    await t.api
      .delete(`${assetsUrl(item)}${asset.uid}/`)
      .set(other.auth)
      .expect(404);
    const theirProduct = (await t.api.post('/api/v1/products/').set(other.auth).send({ title: 'Theirs', type: 'physical' }).expect(201))
      .body.uid;
    const theirItem = await newItem(other, theirProduct);
    await t.api
      .delete(`${assetsUrl(theirItem)}${asset.uid}/`)
      .set(other.auth)
      .expect(404);
    expect(storedFiles(item)).toHaveLength(2);
    expect(storedFiles(theirItem)).toEqual([]);
    expect(await itemAssets(item)).toEqual([asset]);
    // A deleted item takes no assets.
    await t.api.delete(`/api/v1/inventory/${theirItem}/`).set(other.auth).expect(204);
    await t.api.post(assetsUrl(theirItem)).set(other.auth).field('type', 'photo').attach('file', png, 'x.png').expect(404);
    // Unauthenticated.
    await t.api.post(assetsUrl(item)).field('type', 'photo').attach('file', png, 'x.png').expect(401);
    await t.api.delete(`${assetsUrl(item)}${asset.uid}/`).expect(401);
  });

  it('records every upload and deletion in the audit log', async () => {
    const item = await newItem();
    const single = (
      await t.api
        .post(assetsUrl(item))
        .set(seller.auth)
        .field('type', 'photo')
        .field('is_identifying_asset', 'true')
        .attach('file', jpeg, 'photo.jpg')
        .expect(201)
    ).body as Asset;
    const batch = await t.api
      .post(`${assetsUrl(item)}batch/`)
      .set(seller.auth)
      .field('type', 'back_cover')
      .attach('files', png, 'back.png')
      .attach('files', notAnImage, 'notes.jpg')
      .expect(201);
    const back = batch.body.created[0] as Asset;
    await t.api
      .delete(`${assetsUrl(item)}${single.uid}/`)
      .set(seller.auth)
      .expect(204);
    const logs = (await t.api.get(`/api/v1/inventory/${item}/audit-logs/`).set(seller.auth).expect(200)).body.results as Array<
      Record<string, unknown>
    >;
    const assetLogs = logs.filter((log) => String(log.action).startsWith('asset_'));
    expect(assetLogs).toEqual([
      expect.objectContaining({
        action: 'asset_delete',
        message: 'Photo deleted: photo.jpg.',
        metadata: { asset_uid: single.uid, file_name: 'photo.jpg', type: 'photo' },
        actor_uid: seller.user.uid,
      }),
      expect.objectContaining({
        action: 'asset_upload',
        message: 'Back cover uploaded: back.png.',
        metadata: { asset_uid: back.uid, file_name: 'back.png', type: 'back_cover', is_identifying_asset: false },
      }),
      expect.objectContaining({
        action: 'asset_upload',
        message: 'Photo uploaded: photo.jpg (identifying).',
        metadata: { asset_uid: single.uid, file_name: 'photo.jpg', type: 'photo', is_identifying_asset: true },
        source: 'web',
      }),
    ]);
  });

  it("shows the item's first photo as the product_image of a product without an image of its own", async () => {
    const product = (await t.api.post('/api/v1/products/').set(seller.auth).send({ title: 'Let It Be', type: 'physical' }).expect(201)).body
      .uid as string;
    const productUrl = `/api/v1/products/${product}/`;
    expect((await t.api.get(productUrl).set(seller.auth).expect(200)).body.product_image).toBeNull();
    const item = await newItem(seller, product);
    const oldest = (await t.api.post(assetsUrl(item)).set(seller.auth).field('type', 'photo').attach('file', jpeg, 'a.jpg').expect(201))
      .body as Asset;
    expect((await t.api.get(productUrl).set(seller.auth).expect(200)).body.product_image).toBe(oldest.file_url);
    const identifying = (
      await t.api
        .post(assetsUrl(item))
        .set(seller.auth)
        .field('type', 'front_cover')
        .field('is_identifying_asset', 'true')
        .attach('file', png, 'front.png')
        .expect(201)
    ).body as Asset;
    const body = (await t.api.get(productUrl).set(seller.auth).expect(200)).body;
    expect(body.product_image).toBe(identifying.file_url);
    const image = await fetch(body.product_image);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    // The product's own image wins.
    const own = await t.api.post(`${productUrl}image/`).set(seller.auth).attach('image', webp, 'cover.webp').expect(200);
    expect(own.body.product_image).not.toBe(identifying.file_url);
    expect(own.body.product_image).toMatch(new RegExp(`/media/products/${product}/`));
  });
});
