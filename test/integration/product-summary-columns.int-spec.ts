import pg from 'pg';
import { cloneTemplate } from '../support/databases.js';
import { databasePool, testServices } from '../support/test-app.js';

/**
 * The product columns that lists show, filter and order by are kept by triggers (the product-list-columns
 * migration): they are the one definition of the computed price, the inventory counts and Redbubble presence.
 */
describe('Trigger-kept product summary columns', () => {
  let pool: pg.Pool;
  let endPool: () => Promise<void>;
  let drop: () => Promise<void>;
  let organizationId: string;

  beforeAll(async () => {
    const { databaseUrl, runId } = testServices();
    const database = await cloneTemplate(databaseUrl, runId);
    drop = database.drop;
    // Ended with every socket closed before the database is dropped (a lingering backend would be terminated).
    ({ pool, end: endPool } = databasePool(database.url, (line) => process.stderr.write(line), 3));
    const { rows } = await pool.query(`INSERT INTO organizations (uid, display_name, slug) VALUES ('org_s', 'S', 's') RETURNING id`);
    organizationId = rows[0].id;
  });
  afterAll(async () => {
    await endPool?.();
    await drop?.();
  });

  let sequence = 0;
  async function newProduct(fields: { price_override_usd?: string; tags?: string[]; type?: string } = {}): Promise<string> {
    sequence += 1;
    const { rows } = await pool.query(
      `INSERT INTO products (uid, organization_id, title, type, tags, price_override_usd) VALUES ($1, $2, 'P', $3, $4, $5) RETURNING id`,
      [`prod_s${sequence}`, organizationId, fields.type ?? 'physical', fields.tags ?? [], fields.price_override_usd ?? null],
    );
    return rows[0].id;
  }
  async function addItem(productId: string, status: string, price: string | null, client: pg.ClientBase | pg.Pool = pool) {
    sequence += 1;
    const { rows } = await client.query(
      `INSERT INTO inventory_items (uid, organization_id, product_id, status, price_total_usd) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [`inv_s${sequence}`, organizationId, productId, status, price],
    );
    return rows[0].id as string;
  }
  async function addPresence(productId: string, slug: string, fields: { status?: string; price?: string; enabled?: boolean } = {}) {
    const { rows } = await pool.query(
      `INSERT INTO marketplace_presences (organization_id, product_id, platform_id, status, listing_price_usd, is_selling_enabled)
       SELECT $1, $2, id, $4, $5, $6 FROM platforms WHERE slug = $3 RETURNING id`,
      [organizationId, productId, slug, fields.status ?? 'active', fields.price ?? null, fields.enabled ?? true],
    );
    return rows[0].id as number;
  }
  async function summary(productId: string) {
    const { rows } = await pool.query(
      `SELECT total_inventory_count AS total, listed_inventory_count AS listed, available_inventory_count AS available,
              price_computed_usd AS price, price_sort_usd AS sort_price, has_redbubble_presence AS on_redbubble
         FROM products WHERE id = $1`,
      [productId],
    );
    return rows[0];
  }

  it('counts live items: all, listed, and available (received or ready to sell)', async () => {
    const product = await newProduct();
    expect(await summary(product)).toMatchObject({ total: 0, listed: 0, available: 0, price: null });
    for (const status of ['draft', 'received', 'ready-to-sell', 'listed', 'sold']) await addItem(product, status, null);
    expect(await summary(product)).toMatchObject({ total: 5, listed: 1, available: 2 });
    await pool.query(`UPDATE inventory_items SET deleted_at = now() WHERE product_id = $1 AND status = 'received'`, [product]);
    expect(await summary(product)).toMatchObject({ total: 4, listed: 1, available: 1 });
    await pool.query(`UPDATE inventory_items SET status = 'sold' WHERE product_id = $1 AND status = 'listed'`, [product]);
    expect(await summary(product)).toMatchObject({ total: 4, listed: 0, available: 1 });
    await pool.query(`DELETE FROM inventory_items WHERE product_id = $1`, [product]);
    expect(await summary(product)).toMatchObject({ total: 0, listed: 0, available: 0 });
  });

  it('prices by the cheapest unsold item, else the cheapest active selling presence; the override wins for sorting', async () => {
    const product = await newProduct();
    await addItem(product, 'sold', '9.99');
    await addItem(product, 'draft', '5.00');
    await addPresence(product, 'discogs', { price: '19.99' });
    await addPresence(product, 'ebay', { price: '14.99', status: 'ended' });
    await addPresence(product, 'etsy', { price: '12.99', enabled: false });
    expect(await summary(product)).toMatchObject({ price: '19.99', sort_price: '19.99' });
    await addItem(product, 'ready-to-sell', '34.99');
    const listed = await addItem(product, 'listed', '29.99');
    await addItem(product, 'received', null);
    expect(await summary(product)).toMatchObject({ price: '29.99', sort_price: '29.99' });
    await pool.query(`UPDATE inventory_items SET price_total_usd = 39.99 WHERE id = $1`, [listed]);
    expect(await summary(product)).toMatchObject({ price: '34.99' });
    await pool.query(`UPDATE products SET price_override_usd = 50 WHERE id = $1`, [product]);
    expect(await summary(product)).toMatchObject({ price: '34.99', sort_price: '50.00' });
  });

  it('knows whether the product is on Redbubble', async () => {
    const product = await newProduct({ type: 'digital' });
    const presence = await addPresence(product, 'redbubble');
    expect((await summary(product)).on_redbubble).toBe(true);
    await pool.query(`DELETE FROM marketplace_presences WHERE id = $1`, [presence]);
    expect((await summary(product)).on_redbubble).toBe(false);
  });

  it('recounts every product a bulk statement touches, moving items between products included', async () => {
    const [first, second] = [await newProduct(), await newProduct()];
    await pool.query(
      `INSERT INTO inventory_items (uid, organization_id, product_id, status, price_total_usd)
       SELECT 'inv_bulk' || n, $1, CASE WHEN n % 2 = 0 THEN $2::bigint ELSE $3::bigint END, 'listed', n FROM generate_series(1, 9) n`,
      [organizationId, first, second],
    );
    expect(await summary(first)).toMatchObject({ total: 4, listed: 4, price: '2.00' });
    expect(await summary(second)).toMatchObject({ total: 5, price: '1.00' });
    await pool.query(`UPDATE inventory_items SET product_id = $1 WHERE product_id = $2`, [first, second]);
    expect(await summary(first)).toMatchObject({ total: 9, price: '1.00' });
    expect(await summary(second)).toMatchObject({ total: 0, price: null });
  });

  it('does not lose a count when two transactions add items to one product at the same time', async () => {
    const product = await newProduct();
    const [a, b] = [await pool.connect(), await pool.connect()];
    try {
      await a.query('BEGIN');
      await b.query('BEGIN');
      await addItem(product, 'listed', '10.00', a);
      // b's recount waits for a's lock on the product; once a commits, b counts both items.
      const second = addItem(product, 'listed', '8.00', b).then(() => b.query('COMMIT'));
      await a.query('COMMIT');
      await second;
    } finally {
      a.release();
      b.release();
    }
    expect(await summary(product)).toMatchObject({ total: 2, listed: 2, price: '8.00' });
  });

  it("adds an item while another transaction's item insert holds its foreign key lock on the product (no deadlock)", async () => {
    const product = await newProduct();
    const [a, b] = [await pool.connect(), await pool.connect()];
    try {
      await a.query('BEGIN');
      // The lock an insert's foreign key check takes on the product and keeps to the end of its transaction. The
      // recount used to ask for FOR UPDATE, which waits for it: two inserts holding it each waited for the other.
      await a.query('SELECT 1 FROM products WHERE id = $1 FOR KEY SHARE', [product]);
      await b.query('BEGIN');
      await b.query(`SET LOCAL lock_timeout = '10s'`);
      await addItem(product, 'listed', '10.00', b);
      await b.query('COMMIT');
      await a.query('COMMIT');
    } finally {
      await Promise.all([a, b].map((client) => client.query('ROLLBACK').catch(() => undefined)));
      a.release();
      b.release();
    }
    expect(await summary(product)).toMatchObject({ total: 1, listed: 1, price: '10.00' });
  });

  it("keeps the organization's product count", async () => {
    const count = async () =>
      Number(
        (await pool.query(`SELECT product_count FROM organization_product_counts WHERE organization_id = $1`, [organizationId])).rows[0]
          .product_count,
      );
    const real = async () =>
      Number((await pool.query(`SELECT count(*) FROM products WHERE organization_id = $1`, [organizationId])).rows[0].count);
    const before = await count();
    expect(before).toBe(await real());
    const product = await newProduct();
    await pool.query(`INSERT INTO products (uid, organization_id, title) SELECT 'prod_many' || n, $1, 'x' FROM generate_series(1, 25) n`, [
      organizationId,
    ]);
    expect(await count()).toBe(before + 26);
    await pool.query(`DELETE FROM products WHERE id = $1 OR uid LIKE 'prod_many%'`, [product]);
    expect(await count()).toBe(before);
    expect(await count()).toBe(await real());
  });
});
