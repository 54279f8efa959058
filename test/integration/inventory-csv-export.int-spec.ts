import 'reflect-metadata';
import { parse } from 'csv-parse/sync';
import { PassThrough, Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { InventoryModule, InventoryService } from '../../src/modules/inventory/index.js';
import { OrganizationsModule } from '../../src/modules/organizations/index.js';
import { UsersModule } from '../../src/modules/users/index.js';
import { ProductsModule } from '../../src/modules/products/index.js';
import { type ModuleOnDatabase, modulesOnClonedDatabase } from '../support/database-module.js';

const ROWS = 2500;

/**
 * InventoryService.countCsvRows and writeCsv, as the export jobs call them: the count, the file, progress, the end
 * or destruction of `out`, and the cursor's connection going back to the pool whatever happens.
 */
describe('InventoryService CSV export (for the export jobs)', () => {
  let subject: ModuleOnDatabase;
  let dataSource: DataSource;
  let inventory: InventoryService;
  let organizationId: string;

  const busyConnections = async () => {
    const pool = (dataSource.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
    return pool.totalCount - pool.idleCount;
  };

  beforeAll(async () => {
    subject = await modulesOnClonedDatabase([OrganizationsModule, UsersModule, ProductsModule, InventoryModule]);
    dataSource = subject.moduleRef.get(DataSource);
    inventory = subject.moduleRef.get(InventoryService);
    const [organization] = await dataSource.query(
      `INSERT INTO organizations (uid, display_name, slug) VALUES ('org_x', 'X', 'x') RETURNING id`,
    );
    organizationId = String(organization.id);
    await dataSource.query(`INSERT INTO products (uid, organization_id, title, type) VALUES ('prod_x', $1, 'Abbey Road', 'physical')`, [
      organizationId,
    ]);
    await dataSource.query(
      `INSERT INTO inventory_items (uid, organization_id, product_id, status, price_total_usd, notes, manual_sku)
       SELECT 'inv_x' || lpad(n::text, 5, '0'), p.organization_id, p.id, CASE WHEN n % 5 = 0 THEN 'received' ELSE 'draft' END,
              (n || '.5')::numeric, 'Note ' || n, 'SKU-' || n
         FROM products p, generate_series(1, $1::int) n`,
      [ROWS],
    );
  });

  afterAll(async () => {
    await subject?.close();
  });

  it('counts the rows it would write, with the filters of the list', async () => {
    expect(await inventory.countCsvRows(organizationId, {})).toBe(ROWS);
    expect(await inventory.countCsvRows(organizationId, { statuses: ['received'] })).toBe(ROWS / 5);
    expect(await inventory.countCsvRows(organizationId, { search: 'sku-25' })).toBe(12); // 25, 250-259, 2500
  });

  it('writes the header and every row, reports progress, ends `out` and resolves with the number of rows', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => out.once('end', resolve));
    const progress: number[] = [];
    expect(await inventory.writeCsv(organizationId, { statuses: ['received'] }, out, (rows) => progress.push(rows))).toBe(ROWS / 5);
    await ended;
    const records = parse(Buffer.concat(chunks).toString('utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(ROWS / 5);
    expect(records[0]).toMatchObject({
      uid: 'inv_x00005',
      title: 'Abbey Road',
      status: 'received',
      price_total_usd: '5.50',
      notes: 'Note 5',
    });
    expect(progress.at(-1)).toBe(ROWS / 5);
    expect(await busyConnections()).toBe(0);
  });

  it('on a failure of `out` destroys it and rejects, once its connection is released', async () => {
    let accepted = 0;
    const failing = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        accepted += 1;
        // The second chunk fails, as a full disk would.
        if (accepted === 2) done(new Error('disk full'));
        else setImmediate(done);
      },
    });
    const progress: number[] = [];
    await expect(inventory.writeCsv(organizationId, {}, failing, (rows) => progress.push(rows))).rejects.toThrow('disk full');
    expect(failing.destroyed).toBe(true);
    expect(progress.every((rows) => rows < ROWS)).toBe(true);
    expect(await busyConnections()).toBe(0);
  });

  it('stops reading when `out` is destroyed by its reader, and rejects once its connection is released', async () => {
    const out = new PassThrough();
    const written = inventory.writeCsv(organizationId, {}, out);
    out.once('data', () => out.destroy());
    await expect(written).rejects.toThrow();
    expect(await busyConnections()).toBe(0);
  });
});
