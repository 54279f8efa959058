import 'reflect-metadata';
import type { AuthContext } from '../../src/common/auth/auth-context.js';
import { pageRequest } from '../../src/common/pagination/pagination.js';
import { requestUrls } from '../../src/common/http/request-urls.js';
import { OrganizationsModule } from '../../src/modules/organizations/index.js';
import { UsersModule } from '../../src/modules/users/index.js';
import { ProductsModule, ProductsService } from '../../src/modules/products/index.js';
import { CountingLogger } from '../support/counting-logger.js';
import { type ModuleOnDatabase, modulesOnClonedDatabase } from '../support/database-module.js';

const urls = requestUrls({ url: '/api/v1/products/', protocol: 'http', host: 'test' } as never);

describe('Product list queries', () => {
  let subject: ModuleOnDatabase;
  const logger = new CountingLogger();
  let auth: AuthContext;

  beforeAll(async () => {
    subject = await modulesOnClonedDatabase([OrganizationsModule, UsersModule, ProductsModule], { logging: true, logger });
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
    // 120 products, each with items, a photo and presences on two platforms.
    await dataSource.query(
      `INSERT INTO products (uid, organization_id, title, type, tags)
       SELECT 'prod_q' || n, $1, 'Product ' || n, 'physical', ARRAY['tag' || (n % 5)] FROM generate_series(1, 120) AS n`,
      [organization.id],
    );
    await dataSource.query(
      `INSERT INTO inventory_items (uid, organization_id, product_id, status, price_total_usd)
       SELECT 'inv_q' || p.id || '_' || k, p.organization_id, p.id, (ARRAY['draft', 'listed', 'ready-to-sell'])[k], 10 + k
         FROM products p CROSS JOIN generate_series(1, 3) AS k`,
    );
    await dataSource.query(
      `INSERT INTO inventory_assets (uid, organization_id, inventory_item_id, file_key)
       SELECT 'ast_q' || i.id, i.organization_id, i.id, 'inventory/' || i.id || '/photo.jpg' FROM inventory_items i`,
    );
    await dataSource.query(
      `INSERT INTO marketplace_presences (organization_id, product_id, platform_id, status, listing_price_usd)
       SELECT p.organization_id, p.id, pl.id, 'active', 20 FROM products p CROSS JOIN platforms pl WHERE pl.slug IN ('ebay', 'discogs')`,
    );
    // Warms the per-process cache of platforms, so that no test counts its one-off query.
    await queriesFor(1);
  });

  afterAll(async () => {
    await subject?.close();
  });

  async function queriesFor(pageSize: number, query: object = {}): Promise<{ queries: number; results: number }> {
    const service = subject.moduleRef.get(ProductsService);
    const before = logger.count;
    const page = await service.list(auth, query, pageRequest({ page_size: String(pageSize) }, 15), urls);
    return { queries: logger.count - before, results: page.results.length };
  }

  it('runs the same small number of queries for a page of 1 and a page of 100', async () => {
    const one = await queriesFor(1);
    const hundred = await queriesFor(100);
    expect(one.results).toBe(1);
    expect(hundred.results).toBe(100);
    expect(hundred.queries).toBe(one.queries);
    expect(one.queries).toBeLessThanOrEqual(6);
  });

  it('stays constant with filters and computed orderings', async () => {
    const filters = { has_inventory: true, status: ['listed'], tags: ['tag1', 'tag2'], ordering: 'price_high_low' as const };
    const one = await queriesFor(1, filters);
    const hundred = await queriesFor(100, { ...filters, ordering: 'most_inventory' as const });
    expect(hundred.results).toBe(48);
    expect(hundred.queries).toBe(one.queries);
  });
});
