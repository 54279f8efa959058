import type { MigrationInterface, QueryRunner } from 'typeorm';

/** OAuth connection attempts between their start and the platform's callback: single use, expiring. */
export class MarketplaceConnectStates1764840000000 implements MigrationInterface {
  name = 'MarketplaceConnectStates1764840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "marketplace_connect_states" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "nonce_hash" character(64) NOT NULL, "organization_id" bigint NOT NULL, "user_id" bigint NOT NULL, "platform_id" bigint NOT NULL, "secrets" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a4e555f74be7bbf4e7336db1d24" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_382b213c6075dea6ece07f4eb6" ON "marketplace_connect_states"  ("nonce_hash") `);
    await queryRunner.query(`CREATE INDEX "IDX_1c7e8f27875305843f8e214dbe" ON "marketplace_connect_states"  ("expires_at") `);
    await queryRunner.query(
      `ALTER TABLE "marketplace_connect_states" ADD CONSTRAINT "FK_4f5aa3e6875d8b07458f2a31746" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "marketplace_connect_states" ADD CONSTRAINT "FK_b6546d927b872d8e46285a51d59" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "marketplace_connect_states" ADD CONSTRAINT "FK_a178c48e1b64ba18e55ccfde79b" FOREIGN KEY ("platform_id") REFERENCES "platforms"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "marketplace_connect_states"`);
  }
}
