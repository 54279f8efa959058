import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { TransactionalConnection } from '../../src/infra/database/transactional-connection.js';
import { ApiKeysRepository } from '../../src/modules/api-keys/api-keys.repository.js';
import { ApiKeysModule } from '../../src/modules/api-keys/index.js';
import { ExportsRepository } from '../../src/modules/exports/exports.repository.js';
import { ExportsModule } from '../../src/modules/exports/index.js';
import { InventoryAuditRepository } from '../../src/modules/inventory/inventory-audit.repository.js';
import { InventoryListQuery } from '../../src/modules/inventory/inventory-list.query.js';
import { InventoryRepository } from '../../src/modules/inventory/inventory.repository.js';
import { InventoryModule } from '../../src/modules/inventory/index.js';
import { OrganizationsModule } from '../../src/modules/organizations/index.js';
import { ProductsModule } from '../../src/modules/products/index.js';
import { PresencesRepository } from '../../src/modules/products/presences.repository.js';
import { ProductListQuery } from '../../src/modules/products/product-list.query.js';
import { ProductsRepository } from '../../src/modules/products/products.repository.js';
import { UsersModule } from '../../src/modules/users/index.js';
import { type ModuleOnDatabase, modulesOnClonedDatabase } from '../support/database-module.js';

/**
 * Tenancy by construction: every repository method on tenant-owned rows, called with another organization,
 * reads and changes nothing, whatever the service in front of it checked first.
 */
describe('Repositories scope every tenant-owned query by organization', () => {
  let subject: ModuleOnDatabase;
  let dataSource: DataSource;
  const ids = { owner: '', stranger: '', product: '', presence: 0, user: '' };

  beforeAll(async () => {
    subject = await modulesOnClonedDatabase([
      OrganizationsModule,
      UsersModule,
      ApiKeysModule,
      ProductsModule,
      InventoryModule,
      ExportsModule,
    ]);
    dataSource = subject.moduleRef.get(DataSource);
    const organizations = await dataSource.query(
      `INSERT INTO organizations (uid, display_name, slug) VALUES ('org_owner', 'O', 'o'), ('org_stranger', 'S', 's') RETURNING id`,
    );
    [ids.owner, ids.stranger] = organizations.map((row: { id: string }) => String(row.id));
    const [user] = await dataSource.query(
      `INSERT INTO users (uid, organization_id, email, username, password_hash) VALUES ('usr_o', $1, 'o@x.com', 'o@x.com', 'x') RETURNING id`,
      [ids.owner],
    );
    ids.user = String(user.id);
    const [product] = await dataSource.query(
      `INSERT INTO products (uid, organization_id, title, type, image_key) VALUES ('prod_owned', $1, 'Mine', 'physical', 'products/a/image.png') RETURNING id`,
      [ids.owner],
    );
    ids.product = String(product.id);
    await dataSource.query(
      `INSERT INTO inventory_items (uid, organization_id, product_id, status) VALUES ('inv_owned', $1, $2, 'listed')`,
      [ids.owner, ids.product],
    );
    await dataSource.query(
      `INSERT INTO inventory_assets (uid, organization_id, inventory_item_id, file_key)
       SELECT 'ast_owned', organization_id, id, 'inventory/x/photo.jpg' FROM inventory_items WHERE uid = 'inv_owned'`,
    );
    const [presence] = await dataSource.query(
      `INSERT INTO marketplace_presences (organization_id, product_id, platform_id, external_listing_id)
       SELECT $1, $2, id, 'L1' FROM platforms WHERE slug = 'ebay' RETURNING id`,
      [ids.owner, ids.product],
    );
    ids.presence = presence.id;
    await dataSource.query(
      `INSERT INTO api_keys (uid, organization_id, user_id, name, prefix, key_hash) VALUES ('key_owned', $1, $2, 'k', 'ik_owned', $3)`,
      [ids.owner, ids.user, 'a'.repeat(64)],
    );
  });

  afterAll(async () => {
    await subject?.close();
  });

  const get = <T>(type: new (...args: never[]) => T) => subject.moduleRef.get(type, { strict: false });

  it('products: reads, updates and deletes nothing of another organization', async () => {
    const products = get(ProductsRepository);
    expect(await products.findOwned(ids.stranger, 'prod_owned')).toBeNull();
    expect(await products.findOwned(ids.owner, 'prod_owned')).toMatchObject({ id: ids.product });
    await products.update(ids.stranger, ids.product, { title: 'Stolen' });
    expect(await products.delete(ids.stranger, ids.product)).toBe(false);
    const [row] = await dataSource.query(`SELECT title FROM products WHERE id = $1`, [ids.product]);
    expect(row.title).toBe('Mine');
  });

  it('the product list read model sees only the organization', async () => {
    const list = get(ProductListQuery);
    expect(await list.count(ids.stranger, {})).toBe(0);
    expect(await list.count(ids.stranger, { hasInventory: true })).toBe(0);
    expect(await list.page(ids.stranger, {}, '-created', 0, 100)).toEqual([]);
    expect(await list.byUid(ids.stranger, 'prod_owned')).toBeNull();
    expect(await list.count(ids.owner, {})).toBe(1);
    expect((await list.byUid(ids.owner, 'prod_owned'))?.title).toBe('Mine');
  });

  it('presences: reads, updates and deletes nothing of another organization', async () => {
    const presences = get(PresencesRepository);
    expect(await presences.forProducts(ids.stranger, [ids.product])).toEqual([]);
    expect(await presences.findOne(ids.stranger, ids.product, ids.presence)).toBeNull();
    expect(await presences.platformIds(ids.stranger, ids.product)).toEqual([]);
    const [{ platform_id }] = await dataSource.query(`SELECT platform_id FROM marketplace_presences WHERE id = $1`, [ids.presence]);
    expect(await presences.listingTaken(ids.stranger, ids.product, { platformId: String(platform_id), externalListingId: 'L1' })).toBe(
      false,
    );
    await presences.update(ids.stranger, ids.product, ids.presence, { status: 'stolen' });
    expect(await presences.delete(ids.stranger, ids.product, ids.presence)).toBe(false);
    expect(await presences.findOne(ids.owner, ids.product, ids.presence)).toMatchObject({ status: null });
  });

  it("inventory: shows and lists no file of another organization's items", async () => {
    const inventory = get(InventoryRepository);
    expect(await inventory.itemSummaries(ids.stranger, [ids.product])).toEqual([]);
    expect(await inventory.firstPhotoKeys(ids.stranger, [ids.product])).toEqual([]);
    expect(await inventory.storedFileKeys(ids.stranger, [ids.product])).toEqual([]);
    expect(await inventory.storedFileKeys(ids.owner, [ids.product])).toEqual(['inventory/x/photo.jpg']);
  });

  it('inventory items: read, update and soft-delete nothing of another organization', async () => {
    const inventory = get(InventoryRepository);
    expect(await inventory.findOwned(ids.stranger, 'inv_owned')).toBeNull();
    const item = await inventory.findOwned(ids.owner, 'inv_owned');
    expect(item).toMatchObject({ status: 'listed' });
    await inventory.update(ids.stranger, item!.id, { notes: 'stolen' });
    await inventory.softDelete(ids.stranger, item!.id);
    const [row] = await dataSource.query(`SELECT notes, deleted_at FROM inventory_items WHERE uid = 'inv_owned'`);
    expect(row).toEqual({ notes: null, deleted_at: null });
  });

  it('inventory bulk writes: lock, update, list files of and delete nothing of another organization', async () => {
    const inventory = get(InventoryRepository);
    const item = (await inventory.findOwned(ids.owner, 'inv_owned'))!;
    await get(TransactionalConnection).transaction(async () => {
      expect(await inventory.lockMany(ids.stranger, ['inv_owned'], 'any')).toEqual([]);
      await inventory.updateEach(ids.stranger, ['notes', 'deletedAt'], [{ ...item, notes: 'stolen', deletedAt: new Date() }]);
      expect(await inventory.storedFileKeysOfItems(ids.stranger, [item.id])).toEqual([]);
      await inventory.deleteMany(ids.stranger, [item.id]);
      expect(await get(InventoryListQuery).titles(ids.stranger, [item.id])).toEqual(new Map());
      expect((await inventory.lockMany(ids.owner, ['inv_owned'], 'live')).map((row) => row.uid)).toEqual(['inv_owned']);
    });
    expect(await inventory.storedFileKeysOfItems(ids.owner, [item.id])).toEqual(['inventory/x/photo.jpg']);
    const [row] = await dataSource.query(`SELECT notes, deleted_at FROM inventory_items WHERE uid = 'inv_owned'`);
    expect(row).toEqual({ notes: null, deleted_at: null });
  });

  it('the inventory list read model and the audit log see only the organization', async () => {
    const list = get(InventoryListQuery);
    const item = (await get(InventoryRepository).findOwned(ids.owner, 'inv_owned'))!;
    expect(await list.count(ids.stranger, {})).toBe(0);
    expect(await list.count(ids.stranger, { search: 'mine', statuses: ['listed'] })).toBe(0);
    expect(await list.page(ids.stranger, {}, '-created', 0, 100)).toEqual([]);
    expect(await list.byUid(ids.stranger, 'inv_owned')).toBeNull();
    expect(await list.assets(ids.stranger, [item.id])).toEqual([]);
    expect(await list.count(ids.owner, { search: 'mine' })).toBe(1);
    expect(await list.assets(ids.owner, [item.id])).toHaveLength(1);
    const audit = get(InventoryAuditRepository);
    await audit.insert([{ organizationId: ids.owner, inventoryItemId: item.id, action: 'update', source: 'system' }]);
    expect(await audit.count(ids.stranger, item.id)).toBe(0);
    expect(await audit.page(ids.stranger, item.id, 0, 10)).toEqual([]);
    expect(await audit.count(ids.owner, item.id)).toBe(1);
  });

  it('API keys: counts, lists and deletes nothing of another organization', async () => {
    const apiKeys = get(ApiKeysRepository);
    expect(await apiKeys.count(ids.stranger)).toBe(0);
    expect(await apiKeys.page(ids.stranger, 0, 10)).toEqual([]);
    expect(await apiKeys.delete(ids.stranger, 'key_owned')).toBe(false);
    expect(await apiKeys.count(ids.owner)).toBe(1);
  });

  it("workers' writes (a key's use, an export job's run) change nothing of another organization", async () => {
    const apiKeys = get(ApiKeysRepository);
    const lastUsed = async () => (await dataSource.query(`SELECT last_used_at FROM api_keys WHERE uid = 'key_owned'`))[0].last_used_at;
    const [key] = await dataSource.query(`SELECT id FROM api_keys WHERE uid = 'key_owned'`);
    await apiKeys.touch(ids.stranger, String(key.id));
    expect(await lastUsed()).toBeNull();
    await apiKeys.touch(ids.owner, String(key.id));
    expect(await lastUsed()).not.toBeNull();

    const exportJobs = get(ExportsRepository);
    const job = await exportJobs.create({ organizationId: ids.owner, userId: ids.user, exportType: 'inventory_csv', filters: {} });
    const strangers = { id: job.id, organizationId: ids.stranger };
    expect(await exportJobs.start(ids.stranger, job.uid)).toBeNull();
    await exportJobs.progress(strangers, 50);
    await exportJobs.complete(strangers, { fileKey: 'exports/stolen.csv', fileName: 'stolen.csv', fileSize: 1, rowCount: 1 });
    await exportJobs.fail(ids.stranger, job.uid, 'Stolen.');
    const state = async () =>
      (await dataSource.query(`SELECT status, progress_percentage, file_key FROM export_jobs WHERE uid = $1`, [job.uid]))[0];
    expect(await state()).toEqual({ status: 'pending', progress_percentage: 0, file_key: null });
    expect(await exportJobs.start(ids.owner, job.uid)).toMatchObject({ uid: job.uid });
    expect(await state()).toMatchObject({ status: 'in_progress' });
  });
});
