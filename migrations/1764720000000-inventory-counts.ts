import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `organization_inventory_counts`: per organization and status, how many live items it has, kept by statement
 * triggers on `inventory_items` (insert, delete, and any update: a status change, a soft delete or a restore).
 * The item list's count without a search sums at most one row per status instead of scanning every item.
 */
export class InventoryCounts1764720000000 implements MigrationInterface {
  name = 'InventoryCounts1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organization_inventory_counts" ("organization_id" bigint NOT NULL, "status" character varying(30) NOT NULL, "item_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_50a6bb6e17363c5016d44384323" PRIMARY KEY ("organization_id", "status"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_inventory_counts" ADD CONSTRAINT "FK_312d4348303685fa9375159d1c0" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Decreases update the rows that counted the items (gone already when the organization itself is being deleted);
    // increases create a status's row with its first item.
    const apply = (changes: string) => `
      WITH deltas AS (SELECT organization_id, status, sum(delta)::integer AS delta FROM (${changes}) AS changes GROUP BY 1, 2),
           decreased AS (
             UPDATE organization_inventory_counts c SET item_count = c.item_count + d.delta FROM deltas d
              WHERE c.organization_id = d.organization_id AND c.status = d.status AND d.delta < 0)
      INSERT INTO organization_inventory_counts (organization_id, status, item_count)
      SELECT organization_id, status, delta FROM deltas WHERE delta > 0
      ON CONFLICT (organization_id, status) DO UPDATE SET item_count = organization_inventory_counts.item_count + EXCLUDED.item_count`;
    const added = `SELECT organization_id, status, 1 AS delta FROM new_rows WHERE deleted_at IS NULL`;
    const removed = `SELECT organization_id, status, -1 AS delta FROM old_rows WHERE deleted_at IS NULL`;
    await queryRunner.query(`
      CREATE FUNCTION count_inventory_of_changed_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Each branch reads only the transition tables its event has.
        IF TG_OP = 'INSERT' THEN ${apply(added)};
        ELSIF TG_OP = 'DELETE' THEN ${apply(removed)};
        ELSE ${apply(`${added} UNION ALL ${removed}`)};
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER inventory_items_counted_inserted AFTER INSERT ON "inventory_items" REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION count_inventory_of_changed_rows()`);
    await queryRunner.query(`CREATE TRIGGER inventory_items_counted_updated AFTER UPDATE ON "inventory_items" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION count_inventory_of_changed_rows()`);
    await queryRunner.query(`CREATE TRIGGER inventory_items_counted_deleted AFTER DELETE ON "inventory_items" REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION count_inventory_of_changed_rows()`);
    await queryRunner.query(`INSERT INTO organization_inventory_counts (organization_id, status, item_count)
      SELECT organization_id, status, count(*) FROM inventory_items WHERE deleted_at IS NULL GROUP BY organization_id, status`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['deleted', 'updated', 'inserted']) {
      await queryRunner.query(`DROP TRIGGER inventory_items_counted_${event} ON "inventory_items"`);
    }
    await queryRunner.query(`DROP FUNCTION count_inventory_of_changed_rows()`);
    await queryRunner.query(`DROP TABLE "organization_inventory_counts"`);
  }
}
