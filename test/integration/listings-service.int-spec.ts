import 'reflect-metadata';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { ListingsModule, ListingsService } from '../../src/modules/listings/index.js';
import { OrganizationsModule } from '../../src/modules/organizations/index.js';
import { UsersModule } from '../../src/modules/users/index.js';
import { ProductsModule } from '../../src/modules/products/index.js';
import { type ModuleOnDatabase, modulesOnClonedDatabase } from '../support/database-module.js';

/** Records every SQL statement the data source sends. */
class RecordingLogger implements TypeOrmLogger {
  queries: string[] = [];
  logQuery(query: string): void {
    this.queries.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/**
 * The listings service the inventory module calls: an item's listings with their permissions, which items have an
 * active listing (organization-scoped, one query), and per-platform listability from the catalog, the subscription
 * and the item's listings.
 */
describe('ListingsService on PostgreSQL', () => {
  let subject: ModuleOnDatabase;
  let dataSource: DataSource;
  let service: ListingsService;
  const ids = { owner: '', stranger: '', product: '', item: '', other: '', unlisted: '', strangerItem: '' };
  const logger = new RecordingLogger();
  const queries = logger.queries;

  const sql = (text: string, values: unknown[] = []) => dataSource.query(text, values);

  async function addItem(organizationId: string, uid: string, status = 'ready-to-sell', price: string | null = '34.99'): Promise<string> {
    const [product] = await sql(
      `INSERT INTO products (uid, organization_id, title, type) VALUES ($1, $2, 'Abbey Road', 'physical') RETURNING id`,
      [`prod_${uid}`, organizationId],
    );
    const [row] = await sql(
      `INSERT INTO inventory_items (uid, organization_id, product_id, status, price_total_usd) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [`inv_${uid}`, organizationId, product.id, status, price],
    );
    return String(row.id);
  }

  async function addListing(
    organizationId: string,
    itemId: string,
    slug: string,
    status: string,
    fields: { price?: string | null; error?: object | null; isSold?: boolean } = {},
  ): Promise<void> {
    await sql(
      `INSERT INTO inventory_item_listings (uid, organization_id, inventory_item_id, platform_id, status, listing_id, listing_price_usd,
                                            marketplace_url, is_sold, last_error)
       SELECT $1, $2, $3, id, $5, '394857201', $6, 'https://ebay.com/itm/394857201', $7, $8 FROM platforms WHERE slug = $4`,
      [
        `lst_${slug}_${itemId}`,
        organizationId,
        itemId,
        slug,
        status,
        fields.price === undefined ? '34.99' : fields.price,
        fields.isSold ?? false,
        fields.error ?? null,
      ],
    );
  }

  beforeAll(async () => {
    // The organizations and products modules register the entities the listing's relations point at.
    subject = await modulesOnClonedDatabase([OrganizationsModule, UsersModule, ProductsModule, ListingsModule], { logging: true, logger });
    dataSource = subject.moduleRef.get(DataSource);
    service = subject.moduleRef.get(ListingsService);
    const organizations = await sql(
      `INSERT INTO organizations (uid, display_name, slug) VALUES ('org_owner', 'O', 'o'), ('org_stranger', 'S', 's') RETURNING id`,
    );
    [ids.owner, ids.stranger] = organizations.map((row: { id: string }) => String(row.id));
    ids.item = await addItem(ids.owner, 'listed');
    ids.other = await addItem(ids.owner, 'drafted');
    ids.unlisted = await addItem(ids.owner, 'unlisted');
    ids.strangerItem = await addItem(ids.stranger, 'stranger');
    // Inserted out of display order: eBay (1), Etsy (3), Discogs (2).
    await addListing(ids.owner, ids.item, 'ebay', 'listed');
    await addListing(ids.owner, ids.item, 'etsy', 'listing_failed', {
      price: null,
      error: { uid: 'err_price_not_set', slug: 'price_not_set', message: 'Price not set', description: 'Set a price before listing.' },
    });
    await addListing(ids.owner, ids.item, 'discogs', 'delisted');
    await addListing(ids.owner, ids.other, 'ebay', 'draft');
    await addListing(ids.owner, ids.other, 'discogs', 'sold', { isSold: true });
    await addListing(ids.stranger, ids.strangerItem, 'ebay', 'listed');
  });

  afterAll(async () => {
    await subject?.close();
  });

  const facts = { status: 'ready-to-sell', priceTotalUsd: '34.99', listingCurrentPrice: null };

  it("lists the item's listings in platform display order, shaped as the seed shows them", async () => {
    const listings = await service.forItem(ids.owner, ids.item, facts);
    expect(listings.map((listing) => listing.platform.slug)).toEqual(['ebay', 'discogs', 'etsy']);
    expect(listings[0]).toEqual({
      uid: `lst_ebay_${ids.item}`,
      status: 'listed',
      status_display: 'Listed',
      platform: { uid: 'plat_ebay', name: 'eBay', display_name: 'eBay', slug: 'ebay', platform_type: 'marketplace' },
      listing_id: '394857201',
      listing_price_usd: '34.99',
      marketplace_url: 'https://ebay.com/itm/394857201',
      marketplace_description: null,
      ml_generated_title: null,
      ml_generated_description: null,
      marketplace_details: {},
      is_sold: false,
      permissions: { can_list: false, can_delist: true, can_update_price: true, can_retry_listing: false, can_retry_delisting: false },
      action_reasons: {},
      last_error_code: null,
      created: expect.stringMatching(/Z$/),
      updated: expect.stringMatching(/Z$/),
    });
    expect(listings[1].permissions.can_list).toBe(true);
    expect(listings[2]).toMatchObject({
      status: 'listing_failed',
      status_display: 'Listing Failed',
      listing_price_usd: null,
      permissions: { can_retry_listing: true },
      last_error_code: {
        uid: 'err_price_not_set',
        slug: 'price_not_set',
        message: 'Price not set',
        description: 'Set a price before listing.',
      },
    });
  });

  it("computes permissions from the item's facts", async () => {
    const listings = await service.forItem(ids.owner, ids.item, {
      status: 'ready-to-sell',
      priceTotalUsd: null,
      listingCurrentPrice: null,
    });
    const etsy = listings.find((listing) => listing.platform.slug === 'etsy')!;
    expect(etsy.permissions.can_retry_listing).toBe(false);
    expect(etsy.action_reasons).toEqual({ can_retry_listing: 'Set a price before listing.' });
  });

  it("never shows another organization's listings", async () => {
    expect(await service.forItem(ids.stranger, ids.item, facts)).toEqual([]);
    expect(await service.forItem(ids.owner, ids.strangerItem, facts)).toEqual([]);
  });

  it('knows which items have an active listing, in one query, within the organization only', async () => {
    queries.length = 0;
    const active = await service.activeListingItemIds(ids.owner, [ids.item, ids.other, ids.unlisted, ids.strangerItem]);
    expect(queries).toHaveLength(1);
    expect(active).toEqual(new Set([ids.item]));
    expect(await service.activeListingItemIds(ids.stranger, [ids.item, ids.other, ids.strangerItem])).toEqual(new Set([ids.strangerItem]));
    queries.length = 0;
    expect(await service.activeListingItemIds(ids.owner, [])).toEqual(new Set());
    expect(queries).toHaveLength(0);
  });

  it('answers one listability per platform of the catalog, in display order, in a fixed number of queries', async () => {
    await service.listability(ids.owner, { id: ids.item, productType: 'physical', ...facts }); // warms the platform catalog
    queries.length = 0;
    const item = { id: ids.item, productType: 'physical' as const, ...facts };
    const listability = await service.listability(ids.owner, item);
    expect(queries).toHaveLength(3); // the subscription, the organization's connections and the item's listings
    expect(listability.map((entry) => [entry.platform.slug, entry.blocking_code])).toEqual([
      ['ebay', 'already_listed'],
      ['discogs', 'subscription_inactive'],
      ['etsy', 'subscription_inactive'],
      ['shopify', 'subscription_inactive'],
      ['redbubble', 'physical_not_supported'],
      ['teepublic', 'physical_not_supported'],
      ['society6', 'physical_not_supported'],
    ]);
    expect(listability[0]).toEqual({
      platform: {
        uid: 'plat_ebay',
        name: 'eBay',
        display_name: 'eBay',
        slug: 'ebay',
        platform_type: 'marketplace',
        supports_digital: false,
        supports_api_connection: true,
        connection_type: 'oauth',
      },
      can_be_listed: false,
      blocking_code: 'already_listed',
      blocking_reason: 'The item already has a live listing on this platform.',
    });
  });

  it('with an active subscription: OAuth platforms wait for a connection, extension platforms take digital designs', async () => {
    await sql(
      `INSERT INTO subscriptions (uid, organization_id, plan_id, status) SELECT 'sub_owner', $1, id, 'active' FROM plans WHERE code = 'basic'`,
      [ids.owner],
    );
    const physical = await service.listability(ids.owner, { id: ids.unlisted, productType: 'physical', ...facts });
    expect(physical.map((entry) => entry.blocking_code)).toEqual([
      'not_connected',
      'not_connected',
      'not_connected',
      'not_connected',
      'physical_not_supported',
      'physical_not_supported',
      'physical_not_supported',
    ]);
    const digital = await service.listability(ids.owner, { id: ids.unlisted, productType: 'digital', ...facts });
    expect(digital.map((entry) => [entry.platform.slug, entry.can_be_listed, entry.blocking_code])).toEqual([
      ['ebay', false, 'digital_not_supported'],
      ['discogs', false, 'digital_not_supported'],
      ['etsy', false, 'not_connected'],
      ['shopify', false, 'not_connected'],
      ['redbubble', true, null],
      ['teepublic', true, null],
      ['society6', true, null],
    ]);
    const unpriced = await service.listability(ids.owner, { ...facts, id: ids.unlisted, productType: 'digital', priceTotalUsd: null });
    expect(unpriced.find((entry) => entry.platform.slug === 'redbubble')).toMatchObject({
      can_be_listed: false,
      blocking_code: 'price_not_set',
      blocking_reason: 'Set a price before listing.',
    });
  });

  it("takes a live marketplace connection of the organization as connected; a revoked or expired one, or another organization's, not", async () => {
    await sql(
      `INSERT INTO subscriptions (uid, organization_id, plan_id, status) SELECT 'sub_owner', $1, id, 'active' FROM plans WHERE code = 'basic'
       ON CONFLICT (organization_id) DO UPDATE SET status = 'active'`,
      [ids.owner],
    );
    await sql(
      `INSERT INTO marketplace_accounts (uid, organization_id, platform_id, external_user_id, username, status, auth_method, connected_at)
       SELECT 'sa_' || slug || '_' || $2, $1, id, '42', 'shop', $3, 'personal_token', now() FROM platforms WHERE slug = $4`,
      [ids.owner, 'live', 'active', 'discogs'],
    );
    await sql(
      `INSERT INTO marketplace_accounts (uid, organization_id, platform_id, external_user_id, username, status, auth_method, connected_at)
       SELECT 'sa_' || slug || '_' || $2, $1, id, '43', 'shop', $3, 'oauth2', now() FROM platforms WHERE slug = $4`,
      [ids.owner, 'revoked', 'revoked', 'ebay'],
    );
    await sql(
      `INSERT INTO marketplace_accounts (uid, organization_id, platform_id, external_user_id, username, status, auth_method, connected_at)
       SELECT 'sa_' || slug || '_' || $2, $1, id, '44', 'shop', $3, 'oauth2', now() FROM platforms WHERE slug = $4`,
      [ids.stranger, 'stranger', 'active', 'etsy'],
    );
    try {
      const physical = await service.listability(ids.owner, { id: ids.unlisted, productType: 'physical', ...facts });
      expect(physical.slice(0, 4).map((entry) => [entry.platform.slug, entry.blocking_code])).toEqual([
        ['ebay', 'not_connected'],
        ['discogs', null],
        ['etsy', 'not_connected'],
        ['shopify', 'not_connected'],
      ]);
    } finally {
      await sql(`DELETE FROM marketplace_accounts`);
    }
  });

  it("does not see another organization's listings nor subscription", async () => {
    // The stranger's item is listed on eBay by the stranger: asked as the owner, nothing of it is seen.
    const asOwner = await service.listability(ids.owner, { id: ids.strangerItem, productType: 'physical', ...facts });
    expect(asOwner[0].blocking_code).toBe('not_connected');
    const asStranger = await service.listability(ids.stranger, { id: ids.item, productType: 'physical', ...facts });
    expect(asStranger.map((entry) => entry.blocking_code).slice(0, 4)).toEqual(Array(4).fill('subscription_inactive'));
  });

  it('goes with its item', async () => {
    await sql(`DELETE FROM inventory_items WHERE id = $1`, [ids.other]);
    const [{ count }] = await sql(`SELECT count(*)::int AS count FROM inventory_item_listings WHERE inventory_item_id = $1`, [ids.other]);
    expect(count).toBe(0);
  });
});
