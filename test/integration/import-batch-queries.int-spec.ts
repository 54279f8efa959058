import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { ImportsModule } from '../../src/modules/imports/index.js';
import { ImportProcessor, type RunContext } from '../../src/modules/imports/import-processor.js';
import { ImportsRepository, type NewImportItem } from '../../src/modules/imports/imports.repository.js';
import type { ListingForImport } from '../../src/modules/marketplace/index.js';
import { OrganizationsModule } from '../../src/modules/organizations/index.js';
import { PlatformsService } from '../../src/modules/platforms/index.js';
import { UsersModule } from '../../src/modules/users/index.js';
import { CountingLogger } from '../support/counting-logger.js';
import { type ModuleOnDatabase, modulesOnClonedDatabase } from '../support/database-module.js';
import { type FakeImageHost, startFakeImageHost } from '../support/fake-image-host.js';

/**
 * An import processes a batch of listings in one transaction of set-based statements: as many statements for 100
 * listings as for 1, each listing's outcome recorded (a row that cannot map fails, a taken SKU is a conflict, also
 * within the batch), and a batch that one row makes fail at the database comes in one item at a time instead.
 */
describe('Import batch queries', () => {
  let subject: ModuleOnDatabase;
  let dataSource: DataSource;
  let images: FakeImageHost;
  const logger = new CountingLogger();
  const ids = { organization: '', user: '', account: '', platform: '' };
  let existingItemUid = '';
  let listingNumber = 0;
  let jobNumber = 0;

  const sql = (text: string, values: unknown[] = []) => dataSource.query(text, values);

  function listing(overrides: Partial<ListingForImport> = {}): ListingForImport {
    listingNumber += 1;
    return {
      listingId: String(7_000_000 + listingNumber),
      externalId: `SKU-${listingNumber}`,
      title: `Title ${listingNumber}`,
      priceUsd: '12.50',
      listingUrl: `https://www.discogs.com/sell/item/${7_000_000 + listingNumber}`,
      state: 'listed',
      quantity: 1,
      conditionItem: 'nm',
      details: { release_id: listingNumber },
      description: `Copy ${listingNumber}`,
      artist: `Artist ${listingNumber % 7}`,
      label: `Label ${listingNumber % 5}`,
      catalogNumber: `CAT-${listingNumber}`,
      releaseYear: '1975',
      format: 'Vinyl',
      barcode: null,
      conditionContainer: 'vg_plus',
      currency: 'USD',
      pictureUrls: [images.picture(`p-${listingNumber}`)],
      ...overrides,
    };
  }

  /** A job whose run 1 imports `listings`, recorded as pending items; its context and items, in id order. */
  async function jobOf(listings: ListingForImport[]) {
    const [job] = await sql(
      `INSERT INTO marketplace_import_jobs (uid, organization_id, user_id, seller_account_id, platform_id, status, phase, run_number,
                                            run_statuses, fetch_completed)
       VALUES ($1, $2, $3, $4, $5, 'in_progress', 'import', 1, '{pending}', true) RETURNING id, uid`,
      [`job_batch${(jobNumber += 1)}`, ids.organization, ids.user, ids.account, ids.platform],
    );
    const imports = subject.moduleRef.get(ImportsRepository);
    const rows: NewImportItem[] = listings.map((found) => ({
      externalListingId: found.listingId,
      externalSku: found.externalId,
      status: 'pending',
      listingTitle: found.title,
      listingPrice: null,
      listing: found,
      conflictType: null,
      conflictDetails: null,
      conflictItemUid: null,
      errorCode: null,
      errorMessage: null,
      resolution: 'pending',
      processedAt: null,
    }));
    await imports.insertItems(ids.organization, String(job.id), ids.platform, rows);
    const run = (await imports.findRun(ids.organization, job.uid as string, 1))!;
    const platform = (await subject.moduleRef.get(PlatformsService).catalog()).byId(ids.platform)!;
    const context: RunContext = { job: run, platform, pictureOrigins: [images.origin], statuses: ['pending'] };
    return { context, items: await imports.nextToProcess(run, ['pending'], '0', 1000) };
  }

  async function outcomes(jobUid: string) {
    return sql(
      `SELECT i.external_listing_id, i.status, i.conflict_type, i.conflict_details, i.error_code, i.created_inventory_item_uid
         FROM marketplace_import_items i JOIN marketplace_import_jobs j ON j.id = i.import_job_id WHERE j.uid = $1 ORDER BY i.id`,
      [jobUid],
    ) as Promise<
      Array<{
        external_listing_id: string;
        status: string;
        conflict_type: string | null;
        conflict_details: string | null;
        error_code: string | null;
        created_inventory_item_uid: string | null;
      }>
    >;
  }

  /** The statements processing the job's items as one batch sends. */
  async function statementsOf(job: Awaited<ReturnType<typeof jobOf>>): Promise<number> {
    const before = logger.count;
    await subject.moduleRef.get(ImportProcessor).processBatch(job.context, job.items);
    return logger.count - before;
  }

  beforeAll(async () => {
    images = await startFakeImageHost();
    subject = await modulesOnClonedDatabase([OrganizationsModule, UsersModule, ImportsModule], { logging: true, logger });
    const { DataSource } = await import('typeorm');
    dataSource = subject.moduleRef.get(DataSource);
    const [organization] = await sql(`INSERT INTO organizations (uid, display_name, slug) VALUES ('org_imp', 'I', 'i') RETURNING id`);
    const [user] = await sql(
      `INSERT INTO users (uid, organization_id, email, username, password_hash) VALUES ('usr_imp', $1, 'i@example.com', 'i@example.com', 'x') RETURNING id`,
      [organization.id],
    );
    const [platform] = await sql(`SELECT id FROM platforms WHERE slug = 'discogs'`);
    const [account] = await sql(
      `INSERT INTO marketplace_accounts (uid, organization_id, platform_id, external_user_id, username, status, auth_method, connected_at)
       VALUES ('mka_imp', $1, $2, '42', 'crates', 'connected', 'token', now()) RETURNING id`,
      [organization.id, platform.id],
    );
    Object.assign(ids, {
      organization: String(organization.id),
      user: String(user.id),
      account: String(account.id),
      platform: String(platform.id),
    });
    const [product] = await sql(
      `INSERT INTO products (uid, organization_id, title, type) VALUES ('prod_imp', $1, 'Mine', 'physical') RETURNING id`,
      [organization.id],
    );
    existingItemUid = 'inv_existingImport01';
    await sql(
      `INSERT INTO inventory_items (uid, organization_id, product_id, status, price_total_usd, manual_sku) VALUES ($1, $2, $3, 'ready-to-sell', 10, 'TAKEN')`,
      [existingItemUid, organization.id, product.id],
    );
  });

  afterAll(async () => {
    await subject?.close();
    await images?.close();
  });

  it('sends as many statements for a batch of 100 listings as for a batch of 1, recording every outcome', async () => {
    const single = await jobOf([listing()]);
    const batch = await jobOf(
      Array.from({ length: 100 }, (_, index) => {
        if (index === 10) return listing({ priceUsd: '0' });
        if (index === 20) return listing({ externalId: 'TAKEN' });
        if (index === 30 || index === 31) return listing({ externalId: 'TWIN' });
        if (index === 40) return listing({ quantity: 3 });
        return listing();
      }),
    );

    const one = await statementsOf(single);
    const hundred = await statementsOf(batch);
    expect(hundred).toBe(one);
    // The matches before the pictures (linked listings, SKUs), then BEGIN, the locks, the matches again, the artists,
    // the labels, the products, the items, their listed date, the photos, the audit entries, the listings, the presences,
    // the outcomes, COMMIT.
    expect(one).toBeLessThanOrEqual(17);

    expect((await outcomes(single.context.job.uid)).map((item) => item.status)).toEqual(['imported']);
    const recorded = await outcomes(batch.context.job.uid);
    expect(recorded.filter((item) => item.status === 'imported')).toHaveLength(97);
    expect(recorded[10]).toMatchObject({ status: 'failed', error_code: 'invalid_price' });
    expect(recorded[20]).toMatchObject({
      status: 'conflict',
      conflict_type: 'duplicate_sku',
      conflict_details: `SKU matches existing item ${existingItemUid}`,
    });
    expect(recorded[30]).toMatchObject({ status: 'imported' });
    expect(recorded[31]).toMatchObject({
      status: 'conflict',
      conflict_type: 'duplicate_sku',
      conflict_details: `SKU matches existing item ${recorded[30].created_inventory_item_uid}`,
    });
    const [made] = await sql(
      `SELECT count(DISTINCT i.id)::int AS items, count(DISTINCT l.id)::int AS listings, count(DISTINCT p.id)::int AS presences,
              count(DISTINCT a.id)::int AS photos, count(DISTINCT g.id)::int AS audit_entries
         FROM inventory_items i
         JOIN inventory_item_listings l ON l.inventory_item_id = i.id AND l.status = 'listed'
         JOIN marketplace_presences p ON p.product_id = i.product_id
         JOIN inventory_audit_logs g ON g.inventory_item_id = i.id
         LEFT JOIN inventory_assets a ON a.inventory_item_id = i.id
        WHERE i.organization_id = $1 AND i.uid <> $2`,
      [ids.organization, existingItemUid],
    );
    // 98 listings imported (the batch of 1's and 97 of the 100), one of them as 3 copies; each listing's picture on its first item.
    expect(made).toEqual({ items: 100, listings: 100, presences: 98, photos: 98, audit_entries: 100 });
  });

  it('falls back to one item at a time when a row fails at the database, so that the others still come in', async () => {
    const taken = listing();
    const job = await jobOf([listing(), taken, listing()]);
    // Another job of the organization imported the listing as an item in the meantime (the key is the organization's).
    const other = await jobOf([{ ...taken }]);
    await sql(`UPDATE marketplace_import_items SET status = 'imported', resolution = 'create' WHERE import_job_id = $1`, [
      other.context.job.id,
    ]);

    await subject.moduleRef.get(ImportProcessor).processBatch(job.context, job.items);
    expect(
      (await outcomes(job.context.job.uid)).map(({ status, conflict_type, conflict_details }) => ({
        status,
        conflict_type,
        conflict_details,
      })),
    ).toEqual([
      { status: 'imported', conflict_type: null, conflict_details: null },
      {
        status: 'conflict',
        conflict_type: 'duplicate_listing',
        conflict_details: 'Listing already imported by another import of this organization',
      },
      { status: 'imported', conflict_type: null, conflict_details: null },
    ]);
  });
});
