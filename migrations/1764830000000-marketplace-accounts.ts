import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Connected marketplace seller accounts, one per organization, platform and platform user; credentials sealed. */
export class MarketplaceAccounts1764830000000 implements MigrationInterface {
  name = 'MarketplaceAccounts1764830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "marketplace_accounts" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "platform_id" bigint NOT NULL, "external_user_id" character varying(100) NOT NULL, "username" character varying(200) NOT NULL, "shop_id" character varying(200), "status" character varying(20) NOT NULL, "auth_method" character varying(20) NOT NULL, "scopes" text array NOT NULL DEFAULT '{}', "credentials" text, "token_expires_at" TIMESTAMP WITH TIME ZONE, "connected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_sync_at" TIMESTAMP WITH TIME ZONE, "last_error" text, CONSTRAINT "PK_bb06365efc976ef6bd75008bf6f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b6a5410ab8b4775f4aa8586aad" ON "marketplace_accounts"  ("uid") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_aea20274121d2c2084209f87df" ON "marketplace_accounts"  ("organization_id", "platform_id", "external_user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "marketplace_accounts" ADD CONSTRAINT "FK_8f20d0c4d91bc07a2d31109226d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "marketplace_accounts" ADD CONSTRAINT "FK_7fab3f308448c4c7e6bb7695b65" FOREIGN KEY ("platform_id") REFERENCES "platforms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "marketplace_accounts"`);
  }
}
