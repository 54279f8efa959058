import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inventory items' listings on the selling platforms: at most one per item and platform; read by item (an item's
 * listings, whether it is deletable) and by status within the organization.
 */
export class InventoryItemListings1764690000000 implements MigrationInterface {
  name = 'InventoryItemListings1764690000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "inventory_item_listings" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "inventory_item_id" bigint NOT NULL, "platform_id" bigint NOT NULL, "user_id" bigint, "status" character varying(30) NOT NULL DEFAULT 'draft', "listing_id" character varying(200), "listing_price_usd" numeric(12,2), "marketplace_url" character varying(1000), "marketplace_description" text, "ml_generated_title" text, "ml_generated_description" text, "marketplace_details" jsonb NOT NULL DEFAULT '{}', "is_draft" boolean NOT NULL DEFAULT true, "is_sold" boolean NOT NULL DEFAULT false, "last_error" jsonb, "listed_at" TIMESTAMP WITH TIME ZONE, "delisted_at" TIMESTAMP WITH TIME ZONE, "sold_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d6006f594c0c432d18c0829d56a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_810d067baf9128893e0cf38c91" ON "inventory_item_listings"  ("uid") `);
    await queryRunner.query(`CREATE INDEX "IDX_d2d83235cc48ffae7eb1df0b1d" ON "inventory_item_listings"  ("organization_id", "status") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_f20c0ec0ef61d9d8b31eb2775f" ON "inventory_item_listings"  ("organization_id", "inventory_item_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_9122ee129553dc00375eb92178" ON "inventory_item_listings"  ("inventory_item_id", "platform_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_item_listings" ADD CONSTRAINT "FK_6dd382332a07c99bffe26f98b56" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_item_listings" ADD CONSTRAINT "FK_81ef2532daaa9f5c920072d77d2" FOREIGN KEY ("inventory_item_id") REFERENCES "inventory_items"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_item_listings" ADD CONSTRAINT "FK_6b904206969b669f41e4accaf7b" FOREIGN KEY ("platform_id") REFERENCES "platforms"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "inventory_item_listings"`);
  }
}
