import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every tenant-owned row references its organization (and goes with it). */
export class TenantForeignKeys1764650000000 implements MigrationInterface {
  name = 'TenantForeignKeys1764650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "artists" ADD CONSTRAINT "FK_2d35d0ffd7797381fe5472f53a2" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "music_labels" ADD CONSTRAINT "FK_0c1014f5f97b5608e6a6c9cfaab" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_items" ADD CONSTRAINT "FK_ebf9f8c55a2745dfa2e02968de6" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "inventory_assets" ADD CONSTRAINT "FK_b9245b0f7478d7f9b5b9f2bf162" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "marketplace_presences" ADD CONSTRAINT "FK_9f3939e3b57be5391b5ab5c8461" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "marketplace_presences" DROP CONSTRAINT "FK_9f3939e3b57be5391b5ab5c8461"`);
    await queryRunner.query(`ALTER TABLE "inventory_assets" DROP CONSTRAINT "FK_b9245b0f7478d7f9b5b9f2bf162"`);
    await queryRunner.query(`ALTER TABLE "inventory_items" DROP CONSTRAINT "FK_ebf9f8c55a2745dfa2e02968de6"`);
    await queryRunner.query(`ALTER TABLE "music_labels" DROP CONSTRAINT "FK_0c1014f5f97b5608e6a6c9cfaab"`);
    await queryRunner.query(`ALTER TABLE "artists" DROP CONSTRAINT "FK_2d35d0ffd7797381fe5472f53a2"`);
  }
}
