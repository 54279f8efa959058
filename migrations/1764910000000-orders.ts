import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders (seed 003): one row per sold item (a marketplace order line, or a sale made outside the platforms), deduplicated
 * by organization, platform, platform order id and line; the buyers' shipping addresses; and the order sync's watermark
 * per organization and platform.
 */
export class Orders1764910000000 implements MigrationInterface {
  name = 'Orders1764910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "order_addresses" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "name" character varying(200) NOT NULL DEFAULT '', "email_address" character varying(254), "phone_number" character varying(50), "street_number" character varying(50), "street_1" character varying(200) NOT NULL DEFAULT '', "street_2" character varying(200), "city" character varying(100) NOT NULL DEFAULT '', "state_province" character varying(100) NOT NULL DEFAULT '', "postal_code" character varying(20) NOT NULL DEFAULT '', "country" character varying(2) NOT NULL DEFAULT '', "raw_address" text NOT NULL DEFAULT '', "raw_address_parsed" jsonb, CONSTRAINT "PK_4b8d293512b266903d636106440" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a810596b1f44d0ec0792e4016d" ON "order_addresses" ("uid")`);
    await queryRunner.query(
      `CREATE TABLE "order_sync_states" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" bigint NOT NULL, "platform_id" bigint NOT NULL, "synced_from" TIMESTAMP WITH TIME ZONE, "last_run_at" TIMESTAMP WITH TIME ZONE, "last_run_orders" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_860b4c2e22aa73a701ddc6ef24f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_28e9130440af5800f9c3248e8d" ON "order_sync_states" ("organization_id", "platform_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "orders" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "user_id" bigint, "platform_id" bigint, "platform_order_id" character varying(200), "line_number" integer NOT NULL DEFAULT '0', "inventory_item_listing_id" bigint, "inventory_item_id" bigint, "sale_state" character varying(20) NOT NULL, "status" character varying(100) NOT NULL, "external_order_status" character varying(100), "buyer_name" character varying(300), "buyer_email" character varying(254), "item_title" character varying(600) NOT NULL DEFAULT '', "sale_price" numeric(12,2), "marketplace_fee" numeric(12,2), "platform_fee" numeric(12,2), "shipping_cost" numeric(12,2), "net_revenue" numeric(12,2), "sold_at" TIMESTAMP WITH TIME ZONE NOT NULL, "order_created" TIMESTAMP WITH TIME ZONE, "marketplace_details" jsonb NOT NULL DEFAULT '{}', "search_text" text NOT NULL DEFAULT '', "shipment_address_id" bigint, "shipment_service_id" character varying(100), "shipment_tracking_number" character varying(100), "shipment_tracking_created" TIMESTAMP WITH TIME ZONE, "shipment_carrier" character varying(30), "shipment_status" character varying(30), "shipment_rate_detail" jsonb, "shipment_rate_retrieval_tried" boolean NOT NULL DEFAULT false, "shipment_rate_cheapest_price" numeric(12,2), "shipment_rate_cheapest_carrier" character varying(30), "shipment_rate_cheapest_product" character varying(200), "shipment_rate_cheapest_service_id" character varying(100), "label_detail" jsonb, "label_last_updated" TIMESTAMP WITH TIME ZONE, "shipment_recipient_detail" jsonb, "shipment_recipient_last_updated" TIMESTAMP WITH TIME ZONE, "shipment_label_url" character varying(1000), "shipment_packing_slip_url" character varying(1000), "shipment_sync_status" character varying(20), "shipment_sync_error" text, CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_78e1a58a407bd3211bd9043967" ON "orders" ("uid")`);
    await queryRunner.query(`CREATE INDEX "IDX_cad93451f65f29116e0a07bfbb" ON "orders" ("organization_id", "inventory_item_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_7eeafd9d671521e93791fffaba" ON "orders" ("organization_id", "platform_id", "created")`);
    await queryRunner.query(`CREATE INDEX "IDX_ee34a3ff00ddd652e72cd6525c" ON "orders" ("organization_id", "status", "created")`);
    await queryRunner.query(`CREATE INDEX "IDX_9fe2643a752148875f2a12809a" ON "orders" ("organization_id", "net_revenue")`);
    await queryRunner.query(`CREATE INDEX "IDX_c394f6c4f30830b85d46bab2e9" ON "orders" ("organization_id", "sale_price")`);
    await queryRunner.query(`CREATE INDEX "IDX_aea1a96378c35c1eb6e6e7f338" ON "orders" ("organization_id", "sold_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_86971cfe32618010fc3dc231d1" ON "orders" ("organization_id", "created")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_orders_platform_order_line" ON "orders" ("organization_id", "platform_id", "platform_order_id", "line_number")`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_addresses" ADD CONSTRAINT "FK_38c1e51d4956f041fcdf50ffe60" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_sync_states" ADD CONSTRAINT "FK_a710a5a2da2a9ae9fc5ee46f727" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "order_sync_states" ADD CONSTRAINT "FK_91f1bcaf274c668bca5f87eee78" FOREIGN KEY ("platform_id") REFERENCES "platforms"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders" ADD CONSTRAINT "FK_3b13df1eb3b062fd5ed4ebc53bf" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders" ADD CONSTRAINT "FK_a922b820eeef29ac1c6800e826a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders" ADD CONSTRAINT "FK_54aaa061d731b28146f0b982f7f" FOREIGN KEY ("platform_id") REFERENCES "platforms"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders" ADD CONSTRAINT "FK_99d55fef9f0a92fe60a3411e5cd" FOREIGN KEY ("inventory_item_listing_id") REFERENCES "inventory_item_listings"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders" ADD CONSTRAINT "FK_a6378e854f8d9f56284202db7af" FOREIGN KEY ("inventory_item_id") REFERENCES "inventory_items"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders" ADD CONSTRAINT "FK_f3bfefffe49d446f56954b5c93e" FOREIGN KEY ("shipment_address_id") REFERENCES "order_addresses"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    // The list's `search`: a substring of the order id, tracking number, buyer name or item title, at any size.
    await queryRunner.query(`CREATE INDEX "IDX_orders_search_text_trgm" ON "orders" USING gin ("search_text" gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "orders"`);
    await queryRunner.query(`DROP TABLE "order_sync_states"`);
    await queryRunner.query(`DROP TABLE "order_addresses"`);
  }
}
