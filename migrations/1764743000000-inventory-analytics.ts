import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The dates the inventory analytics trends bucket items by, each with its index. */
const TREND_DATES = {
  purchased_at: 'IDX_inventory_items_purchased_at',
  listed_at: 'IDX_inventory_items_listed_at',
  sold_at: 'IDX_inventory_items_sold_at',
};

/**
 * Inventory analytics: `sold_at` (set when an item becomes sold, as `purchased_at` and `received_at` are), and one
 * index per trend series. A trend reads the items of one organization whose purchase, listing or sale date falls in
 * the last 1-365 days; without these indexes each request reads every live item of the organization, however few
 * fall in the range. They are partial (live items that have the date), so drafts, unlisted and unsold items cost
 * nothing, and each item enters each index once when it reaches that step (and again on the non-HOT updates the
 * `updated` index already forces). The summary needs none: it aggregates all the organization's live items, which
 * the existing `(organization_id, status, ...) WHERE deleted_at IS NULL` indexes find.
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
