import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The job a listing waits for while in progress, so that a job lost before it reached the queue is queued again. */
export class ListingQueuedJobs1764895000000 implements MigrationInterface {
  name = 'ListingQueuedJobs1764895000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inventory_item_listings" ADD "queued_action" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "inventory_item_listings" ADD "queued_job_id" character varying(64)`);
    await queryRunner.query(
      `CREATE INDEX "IDX_inventory_item_listings_queued" ON "inventory_item_listings"  ("updated") WHERE queued_job_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_inventory_item_listings_queued"`);
    await queryRunner.query(`ALTER TABLE "inventory_item_listings" DROP COLUMN "queued_job_id"`);
    await queryRunner.query(`ALTER TABLE "inventory_item_listings" DROP COLUMN "queued_action"`);
  }
}
