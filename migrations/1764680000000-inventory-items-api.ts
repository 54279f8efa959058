import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Live items only: soft-deleted ones never show in lists. */
const LIVE = `WHERE "deleted_at" IS NULL`;

/** The rank of a grade, best first, as the `condition_item` ordering sorts (inventory.rules CONDITIONS order). */
const CONDITION_RANK_SQL = `array_position(ARRAY['mint','nm','vg_plus','vg','good_plus','good','fair','poor']::text[], "condition_item"::text)`;

/** Since when an item has been in inventory: received, else purchased, else created (`days_in_inventory`). */
const IN_INVENTORY_SINCE_SQL = `COALESCE("received_at", "purchased_at", "created")`;

/** One index per list ordering (the tie-break on id follows the direction, so one index serves both ways). */
const ORDERING_INDEXES: Record<string, string> = {
  created: `"created", "id"`,
  updated: `"updated", "id"`,
  title: `"sort_title", "id"`,
  status: `"status", "id"`,
  since: `(${IN_INVENTORY_SINCE_SQL}), "id"`,
  // Nullable columns sort their nulls last both ways: one index per direction.
  price: `"price_total_usd" ASC NULLS LAST, "id"`,
  price_desc: `"price_total_usd" DESC NULLS LAST, "id" DESC`,
  sku: `"manual_sku" ASC NULLS LAST, "id"`,
  sku_desc: `"manual_sku" DESC NULLS LAST, "id" DESC`,
  condition: `(${CONDITION_RANK_SQL}) ASC NULLS LAST, "id"`,
  condition_desc: `(${CONDITION_RANK_SQL}) DESC NULLS LAST, "id" DESC`,
};

/**
 * The Inventory items API: notes and location, the dates an item reached purchased and received, the search
 * and sort columns of the item list (kept by triggers, also when the product's title, catalog number or artist
 * change), an index per ordering, and the item audit log.
 */
export class InventoryItemsApi1764680000000 implements MigrationInterface {
  name = 'InventoryItemsApi1764680000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "inventory_items" ADD "notes" text, ADD "location" character varying(200), ADD "purchased_at" TIMESTAMP WITH TIME ZONE,
         ADD "received_at" TIMESTAMP WITH TIME ZONE, ADD "search_text" text NOT NULL DEFAULT '', ADD "sort_title" character varying(500) NOT NULL DEFAULT ''`,
    );
    await queryRunner.query(`
      CREATE FUNCTION inventory_items_list_columns() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE product record;
      BEGIN
        SELECT p.title, p.catalog_number, a.name AS artist_name INTO product
          FROM products p LEFT JOIN artists a ON a.id = p.artist_id WHERE p.id = NEW.product_id;
        NEW.search_text := lower(concat_ws(E'\\n', NEW.name, NEW.manual_description, NEW.manual_sku,
          product.title, product.artist_name, product.catalog_number));
        NEW.sort_title := lower(left(COALESCE(NULLIF(btrim(NEW.name), ''), product.title, ''), 500));
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER inventory_items_list_columns BEFORE INSERT OR UPDATE ON "inventory_items" FOR EACH ROW EXECUTE FUNCTION inventory_items_list_columns()`,
    );
    // A product whose searched or titled facts change refreshes its items' columns (the trigger above recomputes them).
    await queryRunner.query(`
      CREATE FUNCTION refresh_inventory_items_of_product() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE inventory_items SET search_text = '' WHERE product_id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER products_refresh_inventory_items AFTER UPDATE OF title, catalog_number, artist_id ON "products"
         FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.catalog_number IS DISTINCT FROM NEW.catalog_number
           OR OLD.artist_id IS DISTINCT FROM NEW.artist_id)
         EXECUTE FUNCTION refresh_inventory_items_of_product()`,
    );
    await queryRunner.query(`UPDATE "inventory_items" SET "search_text" = ''`);
    await queryRunner.query(`CREATE INDEX "IDX_inventory_items_search_trgm" ON "inventory_items" USING gin ("search_text" gin_trgm_ops)`);
    for (const [name, columns] of Object.entries(ORDERING_INDEXES)) {
      await queryRunner.query(`CREATE INDEX "IDX_inventory_items_by_${name}" ON "inventory_items" ("organization_id", ${columns}) ${LIVE}`);
    }

    await queryRunner.query(
      `CREATE TABLE "inventory_audit_logs" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "inventory_item_id" bigint NOT NULL, "actor_uid" character varying(32), "action" character varying(40) NOT NULL, "source" character varying(20) NOT NULL, "listing_uid" character varying(32), "platform_slug" character varying(50), "inventory_item_title" character varying(600) NOT NULL DEFAULT '', "status_before" character varying(30), "status_after" character varying(30), "message" text NOT NULL DEFAULT '', "metadata" jsonb NOT NULL DEFAULT '{}', "request_id" character varying(128), "ip_address" character varying(64), "user_agent" character varying(1000), "severity" character varying(10) NOT NULL DEFAULT 'info', CONSTRAINT "PK_69056700466a8877e7ebe212db2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_13db841317a25ecc9d4630ea45" ON "inventory_audit_logs"  ("uid")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_3f344bef7149c4a462d2072cf6" ON "inventory_audit_logs"  ("organization_id", "inventory_item_id", "created", "id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_audit_logs" ADD CONSTRAINT "FK_65c99074a696d87841732a20b1b" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_audit_logs" ADD CONSTRAINT "FK_0892d7a732876af5b2b3ea20474" FOREIGN KEY ("inventory_item_id") REFERENCES "inventory_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "inventory_audit_logs"`);
    for (const name of Object.keys(ORDERING_INDEXES)) await queryRunner.query(`DROP INDEX "IDX_inventory_items_by_${name}"`);
    await queryRunner.query(`DROP INDEX "IDX_inventory_items_search_trgm"`);
    await queryRunner.query(`DROP TRIGGER products_refresh_inventory_items ON "products"`);
    await queryRunner.query(`DROP FUNCTION refresh_inventory_items_of_product()`);
    await queryRunner.query(`DROP TRIGGER inventory_items_list_columns ON "inventory_items"`);
    await queryRunner.query(`DROP FUNCTION inventory_items_list_columns()`);
    await queryRunner.query(
      `ALTER TABLE "inventory_items" DROP COLUMN "sort_title", DROP COLUMN "search_text", DROP COLUMN "received_at", DROP COLUMN "purchased_at", DROP COLUMN "location", DROP COLUMN "notes"`,
    );
  }
}
