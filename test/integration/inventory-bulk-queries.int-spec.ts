import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import type { AuthContext } from '../../src/common/auth/auth-context.js';
import { InventoryModule } from '../../src/modules/inventory/index.js';
import { InventoryBulkService } from '../../src/modules/inventory/inventory-bulk.service.js';
import type { Actor } from '../../src/modules/inventory/inventory-audit.service.js';
import { OrganizationsModule } from '../../src/modules/organizations/index.js';
import { UsersModule } from '../../src/modules/users/index.js';
import { ProductsModule } from '../../src/modules/products/index.js';
import { CountingLogger } from '../support/counting-logger.js';
import { type ModuleOnDatabase, modulesOnClonedDatabase } from '../support/database-module.js';

/** Every bulk operation sends the same few statements for 1 item as for 100: no statement per item. */
describe('Inventory bulk queries', () => {
  let subject: ModuleOnDatabase;
  let dataSource: DataSource;
  let actor: Actor;
  const logger = new CountingLogger();
  const uids = (group: string, count: number) => Array.from({ length: count }, (_, index) => `inv_${group}_${index}`);

  beforeAll(async () => {
    subject = await modulesOnClonedDatabase([OrganizationsModule, UsersModule, ProductsModule, InventoryModule], { logging: true, logger });
    const { DataSource } = await import('typeorm');
    dataSource = subject.moduleRef.get(DataSource);
    const [organization] = await dataSource.query(
      `INSERT INTO organizations (uid, display_name, slug) VALUES ('org_b', 'B', 'b') RETURNING id`,
    );
    // A real user: the activity feed's events name who acted (a foreign key).
    const [user] = await dataSource.query(
      `INSERT INTO users (uid, organization_id, email, username, password_hash) VALUES ('usr_b', $1, 'b@example.com', 'b@example.com', 'x') RETURNING id`,
      [organization.id],
    );
    const auth: AuthContext = {
      userId: String(user.id),
      userUid: 'usr_b',
      organizationId: String(organization.id),
      role: 'owner',
      timeZone: 'UTC',
      via: { kind: 'token', tokenId: '0' },
    };
    actor = { auth, client: { requestId: 'req-bulk', ipAddress: null, userAgent: null } };
    await dataSource.query(`INSERT INTO products (uid, organization_id, title, type) VALUES ('prod_b', $1, 'Abbey Road', 'physical')`, [
      organization.id,
    ]);
    for (const [group, count] of [
      ['one', 1],
      ['hundred', 100],
    ] as const) {
      await dataSource.query(
        `INSERT INTO inventory_items (uid, organization_id, product_id, status, condition_item, condition_container, price_total_usd)
         SELECT new.uid, p.organization_id, p.id, 'draft', 'vg', 'vg', 10 FROM products p, unnest($1::text[]) AS new (uid) WHERE p.uid = 'prod_b'`,
        [uids(group, count)],
      );
      await dataSource.query(
        `INSERT INTO inventory_assets (uid, organization_id, inventory_item_id, file_key)
         SELECT 'ast_' || i.uid, i.organization_id, i.id, 'inventory/' || i.uid || '/photo.jpg' FROM inventory_items i WHERE i.uid = ANY($1)`,
        [uids(group, count)],
      );
    }
  });

  afterAll(async () => {
    await subject?.close();
  });

  /** The statements one call sends, and what it answered. */
  async function statements(call: (bulk: InventoryBulkService) => Promise<{ success_count: number }>) {
    const before = logger.count;
    const result = await call(subject.moduleRef.get(InventoryBulkService));
    return { statements: logger.count - before, succeeded: result.success_count };
  }

  it('sends as many statements for 100 items as for 1, on every operation', async () => {
    const operations: Array<[string, (items: string[]) => (bulk: InventoryBulkService) => Promise<{ success_count: number }>]> = [
      ['price', (items) => (bulk) => bulk.price(actor, { items, value: '10', mode: 'percentage' })],
      ['status', (items) => (bulk) => bulk.status(actor, { items, status: 'received' })],
      ['fields', (items) => (bulk) => bulk.fields(actor, { items, updates: { condition_item: 'nm', notes: 'Crate 1' } })],
      ['soft delete', (items) => (bulk) => bulk.delete(actor, { items })],
      ['restore', (items) => (bulk) => bulk.restore(actor, { items, target_status: 'purchased' })],
      ['hard delete', (items) => (bulk) => bulk.delete(actor, { items, hard_delete: true })],
    ];
    for (const [name, operation] of operations) {
      const one = await statements(operation(uids('one', 1)));
      const hundred = await statements(operation(uids('hundred', 100)));
      expect({ name, one: one.succeeded, hundred: hundred.succeeded }).toEqual({ name, one: 1, hundred: 100 });
      expect({ name, statements: hundred.statements }).toEqual({ name, statements: one.statements });
      // The plan, BEGIN, the lock, the active listings (delete), the update, the titles, the audit entries and the
      // activity feed's price changes (or the files and the delete), COMMIT; a price change then looks for live listings
      // to push it to (none here).
      expect(one.statements).toBeLessThanOrEqual(9);
    }
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM inventory_items WHERE organization_id = (SELECT id FROM organizations WHERE uid = 'org_b')`,
    );
    expect(count).toBe(0);
  });
});
