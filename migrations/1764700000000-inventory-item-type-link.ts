import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An inventory item's type (vinyl, CD...): reference data, so removing a type unsets it on its items. */
export class InventoryItemTypeLink1764700000000 implements MigrationInterface {
  name = 'InventoryItemTypeLink1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inventory_items" ADD "inventory_item_type_id" bigint`);
    await queryRunner.query(
      `ALTER TABLE "inventory_items" ADD CONSTRAINT "FK_1ec1d0c2455f42b56fa3e91af7d" FOREIGN KEY ("inventory_item_type_id") REFERENCES "inventory_item_types"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inventory_items" DROP CONSTRAINT "FK_1ec1d0c2455f42b56fa3e91af7d"`);
    await queryRunner.query(`ALTER TABLE "inventory_items" DROP COLUMN "inventory_item_type_id"`);
  }
}
