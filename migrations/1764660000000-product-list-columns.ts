import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the product list filters and orders by, kept in columns of `products` in the same transaction as the change
 * (by triggers, so that every writer, SQL imports included, keeps them right), each served by an index:
 * - inventory counts and the computed price, from the product's live items and active presences
 *   (`refresh_product_summaries`, the one definition of these rules; the API shows these columns);
 * - `price_sort_usd` (the override, else the computed price), `artist_sort_name`, `tags_text` (tags, lowercased,
 *   one a line, trigram-indexed) and `has_redbubble_presence`;
 * - `organization_product_counts`: the unfiltered list's count without scanning the organization's products.
 * Statement-level triggers with transition tables recount each touched product once per statement, so a bulk
 * insert of items costs one recount per product, not one per item.
 */
export class ProductListColumns1764660000000 implements MigrationInterface {
  name = 'ProductListColumns1764660000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "products"
      ADD "tags_text" text NOT NULL DEFAULT '',
      ADD "artist_sort_name" character varying(255),
      ADD "total_inventory_count" integer NOT NULL DEFAULT '0',
      ADD "listed_inventory_count" integer NOT NULL DEFAULT '0',
      ADD "available_inventory_count" integer NOT NULL DEFAULT '0',
      ADD "price_computed_usd" numeric(12,2),
      ADD "price_sort_usd" numeric(12,2),
      ADD "has_redbubble_presence" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`CREATE TABLE "organization_product_counts" (
      "organization_id" bigint NOT NULL, "product_count" integer NOT NULL DEFAULT '0',
      CONSTRAINT "PK_organization_product_counts" PRIMARY KEY ("organization_id"))`);
    await queryRunner.query(`ALTER TABLE "organization_product_counts" ADD CONSTRAINT "FK_b2f07f52e3f36e559675937ead4"
      FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    // The row trigger of products now also keeps the sort columns; it recomputes the text ones only when their inputs change.
    await queryRunner.query(`DROP TRIGGER products_search_text ON "products"`);
    await queryRunner.query(`DROP FUNCTION products_search_text()`);
    await queryRunner.query(`
      CREATE FUNCTION products_derived_columns() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        text_inputs_changed boolean;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          text_inputs_changed := true;
        ELSE
          text_inputs_changed := (NEW.title, NEW.catalog_number, NEW.tags, NEW.marketplace_description, NEW.license_type,
                                  NEW.license_notes, NEW.artist_id, NEW.music_label_id)
            IS DISTINCT FROM (OLD.title, OLD.catalog_number, OLD.tags, OLD.marketplace_description, OLD.license_type,
                              OLD.license_notes, OLD.artist_id, OLD.music_label_id);
        END IF;
        IF text_inputs_changed THEN
          NEW.artist_sort_name := lower((SELECT name FROM artists WHERE id = NEW.artist_id));
          NEW.tags_text := lower(array_to_string(NEW.tags, E'\\n'));
          NEW.search_text := lower(concat_ws(E'\\n',
            NEW.title, NEW.catalog_number, array_to_string(NEW.tags, E'\\n'), NEW.marketplace_description,
            NEW.license_type, NEW.license_notes, NEW.artist_sort_name,
            (SELECT name FROM music_labels WHERE id = NEW.music_label_id)));
        END IF;
        NEW.price_sort_usd := COALESCE(NEW.price_override_usd, NEW.price_computed_usd);
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER products_derived_columns BEFORE INSERT OR UPDATE ON "products" FOR EACH ROW EXECUTE FUNCTION products_derived_columns()`,
    );

    await queryRunner.query(`
      CREATE FUNCTION refresh_product_summaries(product_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- Lock first: the recount below then takes a new snapshot, which sees every change committed before the
        -- lock was granted, so two transactions adding items to one product cannot both count without the other.
        PERFORM 1 FROM products WHERE id = ANY(product_ids) ORDER BY id FOR UPDATE;
        UPDATE products p
           SET total_inventory_count = s.total, listed_inventory_count = s.listed, available_inventory_count = s.available,
               price_computed_usd = s.price, has_redbubble_presence = s.on_redbubble
          FROM (
            SELECT t.id, i.total, i.listed, i.available, COALESCE(i.lowest_unsold, m.lowest_active) AS price,
                   COALESCE(m.on_redbubble, false) AS on_redbubble
              FROM unnest(product_ids) AS t (id)
              CROSS JOIN LATERAL (
                SELECT count(*) AS total,
                       count(*) FILTER (WHERE status = 'listed') AS listed,
                       count(*) FILTER (WHERE status IN ('received', 'ready-to-sell')) AS available,
                       min(price_total_usd) FILTER (WHERE status IN ('purchased', 'received', 'ready-to-sell', 'listed')) AS lowest_unsold
                  FROM inventory_items WHERE product_id = t.id AND deleted_at IS NULL) AS i
              CROSS JOIN LATERAL (
                SELECT min(mp.listing_price_usd) FILTER (WHERE mp.status = 'active' AND mp.is_selling_enabled) AS lowest_active,
                       bool_or(pl.slug = 'redbubble') AS on_redbubble
                  FROM marketplace_presences mp LEFT JOIN platforms pl ON pl.id = mp.platform_id
                 WHERE mp.product_id = t.id) AS m
          ) AS s
         WHERE p.id = s.id
           AND (p.total_inventory_count, p.listed_inventory_count, p.available_inventory_count, p.price_computed_usd,
                p.has_redbubble_presence) IS DISTINCT FROM (s.total, s.listed, s.available, s.price, s.on_redbubble);
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION refresh_products_of_changed_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM refresh_product_summaries(ARRAY(SELECT DISTINCT product_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM refresh_product_summaries(ARRAY(SELECT DISTINCT product_id FROM old_rows));
        ELSE
          PERFORM refresh_product_summaries(ARRAY(SELECT product_id FROM new_rows UNION SELECT product_id FROM old_rows));
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['inventory_items', 'marketplace_presences']) {
      await queryRunner.query(`CREATE TRIGGER ${table}_inserted AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION refresh_products_of_changed_rows()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_updated AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION refresh_products_of_changed_rows()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_deleted AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION refresh_products_of_changed_rows()`);
    }

    await queryRunner.query(`
      CREATE FUNCTION count_products_of_changed_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO organization_product_counts (organization_id, product_count)
          SELECT organization_id, count(*) FROM new_rows GROUP BY organization_id
          ON CONFLICT (organization_id) DO UPDATE SET product_count = organization_product_counts.product_count + EXCLUDED.product_count;
        ELSE
          -- An update, not an upsert: when the organization itself is being deleted its counter row goes too.
          UPDATE organization_product_counts c SET product_count = c.product_count - d.deleted
            FROM (SELECT organization_id, count(*) AS deleted FROM old_rows GROUP BY organization_id) AS d
           WHERE c.organization_id = d.organization_id;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER products_counted_inserted AFTER INSERT ON "products" REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION count_products_of_changed_rows()`);
    await queryRunner.query(`CREATE TRIGGER products_counted_deleted AFTER DELETE ON "products" REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION count_products_of_changed_rows()`);

    // Existing rows: the new text columns directly (the row trigger recomputes them only when their inputs change),
    // then the summaries (which set the sort price through the row trigger) and the counts.
    await queryRunner.query(`UPDATE "products" SET "artist_sort_name" = lower(a.name) FROM "artists" a WHERE a.id = "products".artist_id`);
    await queryRunner.query(`UPDATE "products" SET "tags_text" = lower(array_to_string("tags", E'\\n'))`);
    await queryRunner.query(`SELECT refresh_product_summaries(ARRAY(SELECT id FROM products))`);
    await queryRunner.query(`INSERT INTO organization_product_counts (organization_id, product_count)
      SELECT organization_id, count(*) FROM products GROUP BY organization_id`);

    await queryRunner.query(`CREATE INDEX "IDX_products_tags_text_trgm" ON "products" USING gin ("tags_text" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_products_artist_sort" ON "products" ("organization_id", "artist_sort_name")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_products_artist_sort_desc" ON "products" ("organization_id", "artist_sort_name" DESC NULLS LAST)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_products_listed_first" ON "products" ("organization_id", ("listed_inventory_count" > 0), "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_products_unlisted_first" ON "products" ("organization_id", ("listed_inventory_count" > 0), "id" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_products_price_high_low" ON "products" ("organization_id", "price_sort_usd" DESC NULLS LAST, "id" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_products_price_low_high" ON "products" ("organization_id", "price_sort_usd" ASC NULLS LAST, "id" DESC)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_products_most_inventory" ON "products" ("organization_id", "total_inventory_count", "id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_products_least_inventory" ON "products" ("organization_id", "total_inventory_count", "id" DESC)`,
    );
    // The status filter: the organization's live items in these statuses, read from the index alone (a hash semi-join).
    await queryRunner.query(
      `CREATE INDEX "IDX_inventory_items_live_status" ON "inventory_items" ("organization_id", "status", "product_id") WHERE "deleted_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_inventory_items_live_status"`);
    for (const index of [
      'least_inventory',
      'most_inventory',
      'price_low_high',
      'price_high_low',
      'unlisted_first',
      'listed_first',
      'artist_sort_desc',
      'artist_sort',
      'tags_text_trgm',
    ]) {
      await queryRunner.query(`DROP INDEX "IDX_products_${index}"`);
    }
    await queryRunner.query(`DROP TRIGGER products_counted_deleted ON "products"`);
    await queryRunner.query(`DROP TRIGGER products_counted_inserted ON "products"`);
    await queryRunner.query(`DROP FUNCTION count_products_of_changed_rows()`);
    for (const table of ['marketplace_presences', 'inventory_items']) {
      for (const event of ['deleted', 'updated', 'inserted']) await queryRunner.query(`DROP TRIGGER ${table}_${event} ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION refresh_products_of_changed_rows()`);
    await queryRunner.query(`DROP FUNCTION refresh_product_summaries(bigint[])`);
    await queryRunner.query(`DROP TRIGGER products_derived_columns ON "products"`);
    await queryRunner.query(`DROP FUNCTION products_derived_columns()`);
    await queryRunner.query(`
      CREATE FUNCTION products_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_text := lower(concat_ws(E'\\n',
          NEW.title, NEW.catalog_number, array_to_string(NEW.tags, E'\\n'), NEW.marketplace_description,
          NEW.license_type, NEW.license_notes,
          (SELECT name FROM artists WHERE id = NEW.artist_id),
          (SELECT name FROM music_labels WHERE id = NEW.music_label_id)));
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER products_search_text BEFORE INSERT OR UPDATE ON "products" FOR EACH ROW EXECUTE FUNCTION products_search_text()`,
    );
    await queryRunner.query(`DROP TABLE "organization_product_counts"`);
    await queryRunner.query(`ALTER TABLE "products"
      DROP COLUMN "has_redbubble_presence", DROP COLUMN "price_sort_usd", DROP COLUMN "price_computed_usd",
      DROP COLUMN "available_inventory_count", DROP COLUMN "listed_inventory_count", DROP COLUMN "total_inventory_count",
      DROP COLUMN "artist_sort_name", DROP COLUMN "tags_text"`);
  }
}
