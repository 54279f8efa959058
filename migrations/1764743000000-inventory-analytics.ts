import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The dates the inventory analytics trends bucket items by, each with its index. */
const TREND_DATES = {
  purchased_at: 'IDX_inventory_items_purchased_at',
  listed_at: 'IDX_inventory_items_listed_at',
  sold_at: 'IDX_inventory_items_sold_at',
};

/**
 * Inventory analytics: `sold_at` (set when an item becomes sold, as `purchased_at` and `received_at` are), and one
 * index per trend series. A trend reads one organization's items whose purchase, listing or sale date falls in the
 * last 1-365 days; without these indexes every request reads all the organization's live items, however few fall in
 * the range (measured on 100k items an organization: the 30-day trends read 800 buffers through them). They are
 * partial (live items that have the date), so drafts and unlisted or unsold items are in none of them and cost no
 * insert. The summary needs no new index: it aggregates all the organization's live items, which the existing
 * `(organization_id, ...) WHERE deleted_at IS NULL` indexes find (or a sequential scan when they are most of the table).
 */
export class InventoryAnalytics1764743000000 implements MigrationInterface {
  name = 'InventoryAnalytics1764743000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inventory_items" ADD "sold_at" TIMESTAMP WITH TIME ZONE`);
    for (const [column, index] of Object.entries(TREND_DATES)) {
      await queryRunner.query(
        `CREATE INDEX "${index}" ON "inventory_items" ("organization_id", "${column}") WHERE "deleted_at" IS NULL AND "${column}" IS NOT NULL`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of Object.values(TREND_DATES)) await queryRunner.query(`DROP INDEX "${index}"`);
    await queryRunner.query(`ALTER TABLE "inventory_items" DROP COLUMN "sold_at"`);
  }
}
