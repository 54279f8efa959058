import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `products.search_text`: the fields `search` looks in (title, catalog number, tags, marketplace description,
 * license type and notes, artist and label names), lowercased and newline-separated, kept by a trigger and
 * served by a trigram index, so that search reads one indexed column instead of scanning every product.
 * Artist and label names never change once created; a future rename must touch its products' rows.
 */
export class ProductSearchText1764640000000 implements MigrationInterface {
  name = 'ProductSearchText1764640000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "products" ADD "search_text" text NOT NULL DEFAULT ''`);
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
    await queryRunner.query(`UPDATE "products" SET "search_text" = ''`);
    await queryRunner.query(`CREATE INDEX "IDX_products_search_text_trgm" ON "products" USING gin ("search_text" gin_trgm_ops)`);
    // The per-column trigram indexes are superseded by the one above.
    await queryRunner.query(`DROP INDEX "IDX_products_title_trgm"`);
    await queryRunner.query(`DROP INDEX "IDX_artists_name_trgm"`);
    await queryRunner.query(`DROP INDEX "IDX_music_labels_name_trgm"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_products_title_trgm" ON "products" USING gin ("title" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_artists_name_trgm" ON "artists" USING gin ("name" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_music_labels_name_trgm" ON "music_labels" USING gin ("name" gin_trgm_ops)`);
    await queryRunner.query(`DROP INDEX "IDX_products_search_text_trgm"`);
    await queryRunner.query(`DROP TRIGGER products_search_text ON "products"`);
    await queryRunner.query(`DROP FUNCTION products_search_text()`);
    await queryRunner.query(`ALTER TABLE "products" DROP COLUMN "search_text"`);
  }
}
