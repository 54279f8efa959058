import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Digital products: the assets (files) of products, the purchases that give a buyer download links (kept as
 * SHA-256 digests of their tokens), and the log of every download.
 */
export class Digital1764920000000 implements MigrationInterface {
  name = 'Digital1764920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "digital_assets" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "product_id" bigint NOT NULL, "user_id" bigint, "file_key" character varying(512) NOT NULL, "file_name" character varying(255) NOT NULL, "display_name" character varying(255) NOT NULL, "description" text NOT NULL DEFAULT '', "content_type" character varying(255) NOT NULL, "size_bytes" bigint NOT NULL, "sha256" character(64) NOT NULL, "is_primary" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_b0d35265c73c0b293e9d25dcca5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c0bff3264b72c5818ac48baf26" ON "digital_assets"("uid")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_fafcbcdc3abca9164784461dfe" ON "digital_assets"("organization_id", "product_id", "created")`,
    );
    await queryRunner.query(
      `CREATE TABLE "digital_purchases" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "product_id" bigint, "user_id" bigint, "product_title" character varying(500) NOT NULL, "buyer_email" character varying(254) NOT NULL, "buyer_name" character varying(200), "order_uid" character varying(64), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "download_limit" integer NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "emails_sent" integer NOT NULL DEFAULT '0', "last_emailed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e7002a4b771e469405cdf215dcd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9f23e1cc8c808890c1cf1b03b2" ON "digital_purchases"("uid")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_883d9eaae4188de0322c66bffb" ON "digital_purchases"("organization_id", "product_id", "created")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_f3e780368e1fca2e39e72317a3" ON "digital_purchases"("organization_id", "created")`);
    await queryRunner.query(
      `CREATE TABLE "digital_download_links" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" bigint NOT NULL, "purchase_id" bigint NOT NULL, "token_hash" character(64) NOT NULL, "replaced_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_662e9eb7694be533ec23d578891" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9246f4169effdef49bde4c22f3" ON "digital_download_links"("token_hash")`);
    await queryRunner.query(`CREATE INDEX "IDX_3a90f1a8845a6a670419efa8e7" ON "digital_download_links"("purchase_id", "created")`);
    await queryRunner.query(
      `CREATE TABLE "digital_downloads" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "purchase_id" bigint NOT NULL, "asset_id" bigint, "asset_uid" character varying(32) NOT NULL, "file_name" character varying(255) NOT NULL, "is_resume" boolean NOT NULL, "range_start" bigint NOT NULL DEFAULT '0', "bytes_expected" bigint NOT NULL, "bytes_sent" bigint NOT NULL DEFAULT '0', "completed" boolean NOT NULL DEFAULT false, "ip_address" character varying(64), "user_agent" character varying(1000), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9f809d25003dd2e746c61948566" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6911718f49caa5f746184eade2" ON "digital_downloads"("uid")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_dc91fb206b0377f8cda38d2d3c" ON "digital_downloads"("organization_id", "purchase_id", "created")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0d5fcd482d7c7130dee9eaab81" ON "digital_downloads"("purchase_id", "asset_id")`);
    await queryRunner.query(
      `ALTER TABLE "digital_assets" ADD CONSTRAINT "FK_2b15c03064a966eeb29ab3de0e8" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "digital_assets" ADD CONSTRAINT "FK_24f4588d2e8293a5b332856e491" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "digital_assets" ADD CONSTRAINT "FK_47004745396e38e48d3469775f7" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "digital_purchases" ADD CONSTRAINT "FK_40b7dac57f799af42c187a06520" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "digital_purchases" ADD CONSTRAINT "FK_fcf785bf49e7d3a34ce70921661" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "digital_purchases" ADD CONSTRAINT "FK_a27fd7b8b1a6ed0c3f92e0efaab" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "digital_download_links" ADD CONSTRAINT "FK_019439276937db535bd2451efb1" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "digital_download_links" ADD CONSTRAINT "FK_90844ea498f7b5367977fc21cc6" FOREIGN KEY ("purchase_id") REFERENCES "digital_purchases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "digital_downloads" ADD CONSTRAINT "FK_8571ed7b3a32c53c7e2fe13c443" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "digital_downloads" ADD CONSTRAINT "FK_dd82c5e366368e5295f74657bc9" FOREIGN KEY ("purchase_id") REFERENCES "digital_purchases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "digital_downloads" ADD CONSTRAINT "FK_db309c4e1f5c96dde245931ca71" FOREIGN KEY ("asset_id") REFERENCES "digital_assets"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    // At most one primary asset a product; also what the product list's has_primary_asset reads.
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_digital_assets_one_primary" ON "digital_assets" ("product_id") WHERE is_primary`);
    // The product list's search on asset file names (pg_trgm is created by the product-search-text migration).
    await queryRunner.query(
      `CREATE INDEX "IDX_digital_assets_file_name_trgm" ON "digital_assets" USING gin (lower("file_name") gin_trgm_ops)`,
    );
    // A product is fulfilled once per order.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_digital_purchases_order_product" ON "digital_purchases" ("organization_id", "order_uid", "product_id") WHERE order_uid IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "digital_downloads"`);
    await queryRunner.query(`DROP TABLE "digital_download_links"`);
    await queryRunner.query(`DROP TABLE "digital_purchases"`);
    await queryRunner.query(`DROP TABLE "digital_assets"`);
  }
}
