import 'reflect-metadata';
import type { AuthContext } from '../../src/common/auth/auth-context.js';
import { requestUrls } from '../../src/common/http/request-urls.js';
import { pageRequest } from '../../src/common/pagination/pagination.js';
import { InventoryModule } from '../../src/modules/inventory/index.js';
import { InventoryItemsService } from '../../src/modules/inventory/inventory-items.service.js';
import { OrganizationsModule } from '../../src/modules/organizations/index.js';
import { UsersModule } from '../../src/modules/users/index.js';
import { ProductsModule } from '../../src/modules/products/index.js';
import { CountingLogger } from '../support/counting-logger.js';
import { type ModuleOnDatabase, modulesOnClonedDatabase } from '../support/database-module.js';

const urls = requestUrls({ url: '/api/v1/inventory/', protocol: 'http', host: 'test' } as never);

describe('Inventory list queries', () => {
  let subject: ModuleOnDatabase;
  const logger = new CountingLogger();
  let auth: AuthContext;

  beforeAll(async () => {
    subject = await modulesOnClonedDatabase([OrganizationsModule, UsersModule, ProductsModule, InventoryModule], { logging: true, logger });
    const { DataSource } = await import('typeorm');
    const dataSource = subject.moduleRef.get(DataSource);
    const [organization] = await dataSource.query(
      `INSERT INTO organizations (uid, display_name, slug) VALUES ('org_q', 'Q', 'q') RETURNING id`,
    );
    auth = {
      userId: '0',
      userUid: 'usr_q',
      organizationId: String(organization.id),
      role: 'owner',
      timeZone: 'UTC',
      via: { kind: 'token', tokenId: '0' },
    };
    // 40 products (with artists) of 3 items each, every item typed, photographed twice, and listed on eBay.
    await dataSource.query(`INSERT INTO artists (uid, organization_id, name, name_key) VALUES ('art_q', $1, 'Quartet', 'quartet')`, [
      organization.id,
    ]);
    await dataSource.query(
      `INSERT INTO products (uid, organization_id, title, type, artist_id)
       SELECT 'prod_q' || n, $1, 'Product ' || n, 'physical', (SELECT id FROM artists WHERE uid = 'art_q') FROM generate_series(1, 40) AS n`,
      [organization.id],
    );
    await dataSource.query(
      `INSERT INTO inventory_items (uid, organization_id, product_id, status, condition_item, price_total_usd, inventory_item_type_id)
       SELECT 'inv_q' || p.id || '_' || k, p.organization_id, p.id, (ARRAY['draft', 'listed', 'ready-to-sell'])[k], 'vg', 10 + k,
              (SELECT id FROM inventory_item_types ORDER BY position LIMIT 1 OFFSET k)
         FROM products p CROSS JOIN generate_series(1, 3) AS k`,
    );
    await dataSource.query(
      `INSERT INTO inventory_assets (uid, organization_id, inventory_item_id, file_key)
       SELECT 'ast_q' || i.id || '_' || k, i.organization_id, i.id, 'inventory/' || i.id || '/' || k || '.jpg'
         FROM inventory_items i CROSS JOIN generate_series(1, 2) AS k`,
    );
    await dataSource.query(
      `INSERT INTO inventory_item_listings (uid, organization_id, inventory_item_id, platform_id, status)
       SELECT 'lst_q' || i.id, i.organization_id, i.id, (SELECT id FROM platforms WHERE slug = 'ebay'), 'listed'
         FROM inventory_items i WHERE i.status = 'listed'`,
    );
    // Warms the per-process caches of reference data (platforms, item types), so that no test counts their one-off queries.
    await queriesFor(100);
  });

  afterAll(async () => {
    await subject?.close();
  });

  async function queriesFor(pageSize: number, query: object = {}): Promise<{ queries: number; results: number }> {
    const service = subject.moduleRef.get(InventoryItemsService);
    const before = logger.count;
    const page = await service.list(auth, query, pageRequest({ page_size: String(pageSize) }, 10), urls);
    return { queries: logger.count - before, results: page.results.length };
  }

  it('runs the same small number of queries for a page of 1 and a page of 100', async () => {
    const one = await queriesFor(1);
    const hundred = await queriesFor(100);
    expect(one.results).toBe(1);
    expect(hundred.results).toBe(100);
    expect(hundred.queries).toBe(one.queries);
    expect(one.queries).toBeLessThanOrEqual(4);
  });

  it('stays constant with search, status filters and computed orderings', async () => {
    const one = await queriesFor(1, { search: 'quartet', status: ['listed', 'draft'], ordering: '-days_in_inventory' });
    const hundred = await queriesFor(100, { search: 'product', status: ['listed', 'draft'], ordering: 'condition_item' });
    expect(hundred.results).toBe(80);
    expect(hundred.queries).toBe(one.queries);
  });
});
