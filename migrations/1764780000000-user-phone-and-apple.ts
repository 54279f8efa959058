import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A user's phone number (email recovery) and Apple user id (Sign in with Apple). */
export class UserPhoneAndApple1764780000000 implements MigrationInterface {
  name = 'UserPhoneAndApple1764780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "phone_number" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "users" ADD "apple_sub" character varying(255)`);
    await queryRunner.query(`CREATE INDEX "IDX_17d1817f241f10a3dbafb169fd" ON "users"  ("phone_number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c862252bcbacaaa79f44be66b9" ON "users"  ("apple_sub") WHERE apple_sub IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_c862252bcbacaaa79f44be66b9"`);
    await queryRunner.query(`DROP INDEX "IDX_17d1817f241f10a3dbafb169fd"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "apple_sub"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "phone_number"`);
  }
}
