import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Marketplace imports: the jobs (their run and page cursor, so that a worker resumes them) and one item per listing
 * found, keyed by listing id within the job and, for the items that created one, within the organization; and the
 * index that finds an organization's listing by its platform listing id.
 */
export class MarketplaceImports1764900000000 implements MigrationInterface {
  name = 'MarketplaceImports1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "marketplace_import_jobs" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "user_id" bigint, "seller_account_id" bigint NOT NULL, "platform_id" bigint NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'pending', "phase" character varying(10), "run_number" integer NOT NULL DEFAULT '0', "run_statuses" character varying(20) array NOT NULL DEFAULT '{}', "run_limit" integer, "skip_conflicts" boolean NOT NULL DEFAULT false, "fetch_cursor" text, "fetch_completed" boolean NOT NULL DEFAULT false, "error_message" text, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_564174c7e9c8d0facf33f78d145" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a3179fc259ba75165f075cde28" ON "marketplace_import_jobs"  ("uid")`);
    await queryRunner.query(`CREATE INDEX "IDX_7b19b54809a3bb3c529e48dfea" ON "marketplace_import_jobs"  ("status")`);
    await queryRunner.query(`CREATE INDEX "IDX_1946e2f951826c964eb25f6418" ON "marketplace_import_jobs"  ("organization_id", "created")`);
    await queryRunner.query(
      `CREATE TABLE "marketplace_import_items" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "import_job_id" bigint NOT NULL, "platform_id" bigint NOT NULL, "external_listing_id" character varying(200) NOT NULL, "external_sku" character varying(200), "status" character varying(20) NOT NULL DEFAULT 'pending', "listing_title" character varying(500) NOT NULL DEFAULT '', "listing_price" numeric(12,2), "listing" jsonb NOT NULL, "conflict_type" character varying(30), "conflict_details" text, "conflict_item_uid" character varying(32), "error_code" character varying(50), "error_message" text, "resolution" character varying(20) NOT NULL DEFAULT 'pending', "created_inventory_item_uid" character varying(32), "processed_in_run" integer, "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_101a7b6478caae27575b79ae136" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8c72988a6439e27ecb851b6135" ON "marketplace_import_items"  ("uid")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_01a4154abf1832acddf3fe1eee" ON "marketplace_import_items"  ("import_job_id", "status", "id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_470a44f4377ec227311cdc38b4" ON "marketplace_import_items"  ("import_job_id", "external_listing_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8fe6bdd5c8c341076ff3811932" ON "inventory_item_listings"  ("organization_id", "platform_id", "listing_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "marketplace_import_jobs" ADD CONSTRAINT "FK_72afb7e76420234ee31f86e6bca" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "marketplace_import_jobs" ADD CONSTRAINT "FK_9e68b9067af99d02a9dbb7bbd63" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "marketplace_import_jobs" ADD CONSTRAINT "FK_a82646c81dc916155b6675a6821" FOREIGN KEY ("seller_account_id") REFERENCES "marketplace_accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "marketplace_import_jobs" ADD CONSTRAINT "FK_384c5103c6a45c0579d27157db3" FOREIGN KEY ("platform_id") REFERENCES "platforms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "marketplace_import_items" ADD CONSTRAINT "FK_b7dd7635340f289419e73489fdb" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "marketplace_import_items" ADD CONSTRAINT "FK_052390f8eeaa84a36a5501849fb" FOREIGN KEY ("import_job_id") REFERENCES "marketplace_import_jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // One listing creates one item per organization, whatever the jobs: the items of the organization's imports that created one.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_marketplace_import_items_created" ON "marketplace_import_items" ("organization_id", "platform_id", "external_listing_id") WHERE status = 'imported' AND resolution = 'create'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "marketplace_import_items"`);
    await queryRunner.query(`DROP TABLE "marketplace_import_jobs"`);
    await queryRunner.query(`DROP INDEX "IDX_8fe6bdd5c8c341076ff3811932"`);
  }
}
