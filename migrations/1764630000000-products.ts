import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Platforms (seeded), artists, music labels, products, marketplace presences, inventory items and assets. */
export class Products1764630000000 implements MigrationInterface {
  name = 'Products1764630000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE TABLE "artists" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "name" character varying(255) NOT NULL, "name_key" character varying(255) NOT NULL, CONSTRAINT "PK_09b823d4607d2675dc4ffa82261" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6a27392a7853f22693baabfadd" ON "artists"  ("uid") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_4d5f7d1f19ab6f974cb3b2a813" ON "artists"  ("organization_id", "name_key") `);
    await queryRunner.query(
      `CREATE TABLE "music_labels" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "name" character varying(255) NOT NULL, "name_key" character varying(255) NOT NULL, CONSTRAINT "PK_b8c6dc01a0f69fd7c4484767253" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ac8cff380b3a5645c2a52b7806" ON "music_labels"  ("uid") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9998342b28fa34e57ff5dd4208" ON "music_labels"  ("organization_id", "name_key") `);
    await queryRunner.query(
      `CREATE TABLE "products" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "user_id" bigint, "title" character varying(500) NOT NULL DEFAULT '', "type" character varying(20) NOT NULL DEFAULT 'digital', "artist_id" bigint, "music_label_id" bigint, "catalog_number" character varying(100), "sku" character varying(100), "upc" character varying(50), "formats" text array, "year" character varying(10), "marketplace_description" text, "license_type" character varying(100), "license_notes" text, "tags" character varying(100) array NOT NULL DEFAULT '{}', "media_type" character varying(100), "is_mature_content" boolean NOT NULL DEFAULT false, "default_visibility" character varying(50), "default_shop_product" boolean NOT NULL DEFAULT false, "background_color" character varying(50), "enabled_product_types" jsonb, "collections" jsonb, "price_override_usd" numeric(12,2), "image_key" character varying(300), "image_thumbnail_key" character varying(300), "metadata" jsonb, CONSTRAINT "PK_0806c755e0aca124e67c0cf6d7d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6cab1bfba524743c3588c0ed0c" ON "products"  ("uid") `);
    await queryRunner.query(`CREATE INDEX "IDX_0f2b4d114363a51cd2358283d3" ON "products"  ("artist_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c2dda180bd27df7bb462ef15b7" ON "products"  ("music_label_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c5af61dfc1d580c1c056ae2596" ON "products"  ("organization_id", "title") `);
    await queryRunner.query(`CREATE INDEX "IDX_630e7dc827bb22fd4d66352871" ON "products"  ("organization_id", "updated") `);
    await queryRunner.query(`CREATE INDEX "IDX_b6b9f35a4bbf743839ae7d003f" ON "products"  ("organization_id", "created") `);
    await queryRunner.query(
      `CREATE TABLE "inventory_items" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "user_id" bigint, "product_id" bigint NOT NULL, "name" character varying(500), "status" character varying(30) NOT NULL DEFAULT 'draft', "condition_item" character varying(20), "condition_container" character varying(20), "condition_container_manually_set" boolean NOT NULL DEFAULT false, "condition_comments" text, "condition_seller_description" text, "price_total_usd" numeric(12,2), "price_item_usd" numeric(12,2), "price_shipping_usd" numeric(12,2), "price_expected_usd" numeric(12,2), "price_purchased_item" numeric(9,2), "price_for_purchases_shipping" numeric(9,2), "listing_current_price" numeric(12,2), "manual_description" text, "manual_sku" character varying(100), "listed_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_cf2f451407242e132547ac19169" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_58194d6a71b9d1c2fd1c8cb516" ON "inventory_items"  ("uid") `);
    await queryRunner.query(`CREATE INDEX "IDX_8e17955a29e8b63bb8cec3d32c" ON "inventory_items"  ("product_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_6881e6f20c37b7ebd4587680be" ON "inventory_items"  ("organization_id", "updated") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_9397a971ae829bf71731202216" ON "inventory_items"  ("organization_id", "status", "created") `,
    );
    await queryRunner.query(
      `CREATE TABLE "inventory_assets" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "inventory_item_id" bigint NOT NULL, "type" character varying(30) NOT NULL DEFAULT 'photo', "description" text NOT NULL DEFAULT '', "file_key" character varying(300) NOT NULL, "thumbnail_key" character varying(300), "file_name" character varying(255) NOT NULL DEFAULT '', "file_size" integer NOT NULL DEFAULT '0', "is_identifying_asset" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_69fca6a655011be650cff9770c9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c565cb7ba46d2a96606de6c4fe" ON "inventory_assets"  ("uid") `);
    await queryRunner.query(`CREATE INDEX "IDX_6a76e34ca1eb0858c03ec7e8b2" ON "inventory_assets"  ("inventory_item_id", "created") `);
    await queryRunner.query(
      `CREATE TABLE "platforms" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "name" character varying(100) NOT NULL, "display_name" character varying(100) NOT NULL, "slug" character varying(50) NOT NULL, "platform_type" character varying(30) NOT NULL, "url" character varying(200) NOT NULL, "supports_digital" boolean NOT NULL DEFAULT false, "supports_physical" boolean NOT NULL DEFAULT false, "supports_api_connection" boolean NOT NULL DEFAULT false, "connection_type" character varying(20) NOT NULL, "connection_url" character varying(200), "is_selling_active" boolean NOT NULL DEFAULT true, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_3b879853678f7368d46e52b81c6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a880fcef162917555200aa684e" ON "platforms"  ("uid") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_5bf1e9dbac57a0ee34037a6328" ON "platforms"  ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "marketplace_presences" ("id" SERIAL NOT NULL, "organization_id" bigint NOT NULL, "product_id" bigint NOT NULL, "platform_id" bigint, "external_listing_id" character varying(200), "external_url" character varying(1000), "status" character varying(50), "listing_price" numeric(12,2), "listing_currency" character varying(3), "listing_price_usd" numeric(12,2), "is_selling_enabled" boolean NOT NULL DEFAULT true, "image_url" character varying(1000), "price_last_updated" TIMESTAMP WITH TIME ZONE, "last_checked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_49533ec4dd48a896f8f888e639d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6489bba99214e9e4cba7db8453" ON "marketplace_presences"  ("platform_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_e2ebd77dae35573cdc39689349" ON "marketplace_presences"  ("product_id", "created_at") `);
    await queryRunner.query(
      `ALTER TABLE "products" ADD CONSTRAINT "FK_2d404aa7aa4a0404eafd1840915" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "products" ADD CONSTRAINT "FK_0f2b4d114363a51cd2358283d36" FOREIGN KEY ("artist_id") REFERENCES "artists"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "products" ADD CONSTRAINT "FK_c2dda180bd27df7bb462ef15b7d" FOREIGN KEY ("music_label_id") REFERENCES "music_labels"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_items" ADD CONSTRAINT "FK_8e17955a29e8b63bb8cec3d32c5" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_assets" ADD CONSTRAINT "FK_5d56cecf560288b13145bcd0a0d" FOREIGN KEY ("inventory_item_id") REFERENCES "inventory_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "marketplace_presences" ADD CONSTRAINT "FK_73a0f29da4fa14ab59768ad4c14" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "marketplace_presences" ADD CONSTRAINT "FK_6489bba99214e9e4cba7db84532" FOREIGN KEY ("platform_id") REFERENCES "platforms"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_products_title_trgm" ON "products" USING gin ("title" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_artists_name_trgm" ON "artists" USING gin ("name" gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX "IDX_music_labels_name_trgm" ON "music_labels" USING gin ("name" gin_trgm_ops)`);
    await queryRunner.query(`INSERT INTO "platforms" ("uid", "name", "display_name", "slug", "platform_type", "url", "supports_digital", "supports_physical", "supports_api_connection", "connection_type", "connection_url", "position") VALUES
      ('plat_ebay', 'eBay', 'eBay', 'ebay', 'marketplace', 'https://ebay.com', false, true, true, 'oauth', '/accounts/ebay/login/', 1),
      ('plat_discogs', 'Discogs', 'Discogs', 'discogs', 'marketplace', 'https://discogs.com', false, true, true, 'oauth', '/accounts/discogs/login/', 2),
      ('plat_etsy', 'Etsy', 'Etsy', 'etsy', 'marketplace', 'https://etsy.com', true, true, true, 'oauth', '/accounts/etsy/login/', 3),
      ('plat_shopify', 'Shopify', 'Shopify', 'shopify', 'marketplace', 'https://shopify.com', true, true, true, 'oauth', '/accounts/shopify/login/', 4),
      ('plat_redbubble', 'Redbubble', 'Redbubble', 'redbubble', 'print_on_demand', 'https://redbubble.com', true, false, false, 'extension', NULL, 5),
      ('plat_teepublic', 'TeePublic', 'TeePublic', 'teepublic', 'print_on_demand', 'https://teepublic.com', true, false, false, 'extension', NULL, 6),
      ('plat_society6', 'Society6', 'Society6', 'society6', 'print_on_demand', 'https://society6.com', true, false, false, 'extension', NULL, 7)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'marketplace_presences',
      'inventory_assets',
      'inventory_items',
      'products',
      'music_labels',
      'artists',
      'platforms',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
