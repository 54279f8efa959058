import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one identifying asset per inventory item, held by a partial unique index so that two concurrent uploads
 * cannot both keep the flag. Items that already have several keep their oldest as the identifying one.
 */
export class InventoryAssetIdentifying1764710000000 implements MigrationInterface {
  name = 'InventoryAssetIdentifying1764710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "inventory_assets" a SET "is_identifying_asset" = false, "updated" = now()
        WHERE a."is_identifying_asset"
          AND EXISTS (SELECT 1 FROM "inventory_assets" b
                       WHERE b."inventory_item_id" = a."inventory_item_id" AND b."is_identifying_asset"
                         AND (b."created", b."id") < (a."created", a."id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_inventory_assets_one_identifying" ON "inventory_assets" ("inventory_item_id") WHERE "is_identifying_asset"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_inventory_assets_one_identifying"`);
  }
}
