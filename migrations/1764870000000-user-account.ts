import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The user's own account: preferences, support requests and push device tokens; a chosen username and a phone
 * number are each one account's; an email's Reply-To.
 */
export class UserAccount1764870000000 implements MigrationInterface {
  name = 'UserAccount1764870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_17d1817f241f10a3dbafb169fd"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_fe0bb3f6520ee0469504521e71" ON "users"  ("username") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_4a70ebf3a9a806da5e4039f3c0" ON "users"  ("phone_number") WHERE phone_number IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "outbound_emails" ADD "reply_to" character varying(254)`);
    await queryRunner.query(
      `CREATE TABLE "user_preferences" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" bigint NOT NULL, "currency" character varying(3) NOT NULL DEFAULT 'USD', "timezone" character varying(64) NOT NULL DEFAULT 'UTC', "notifications" jsonb NOT NULL DEFAULT '{}', "listing_defaults" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "REL_458057fa75b66e68a275647da2" UNIQUE ("user_id"), CONSTRAINT "PK_e8cfb5b31af61cd363a6b6d7c25" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_preferences" ADD CONSTRAINT "FK_458057fa75b66e68a275647da2e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "support_requests" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "user_id" bigint NOT NULL, "category" character varying(20) NOT NULL, "subject" character varying(200) NOT NULL, "message" text NOT NULL, CONSTRAINT "PK_a9ce3cdbad0970597a07ab5db97" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_cef4dcf097c28f31012845ae6d" ON "support_requests"  ("uid") `);
    await queryRunner.query(`CREATE INDEX "IDX_fb043474e6fbae3b0bd329aa4c" ON "support_requests"  ("user_id", "created") `);
    await queryRunner.query(
      `ALTER TABLE "support_requests" ADD CONSTRAINT "FK_1e42629d6d32a97242264fa38a5" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_requests" ADD CONSTRAINT "FK_cc35b4096584fbc523e25eb7d7b" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "device_tokens" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "token" character varying(512) NOT NULL, "user_id" bigint NOT NULL, "provider" character varying(10) NOT NULL, "device_name" character varying(100) NOT NULL DEFAULT '', "last_registered" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_84700be257607cfb1f9dc2e52c3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_977e24c520c49436d08e5eeea8" ON "device_tokens"  ("token") `);
    await queryRunner.query(`CREATE INDEX "IDX_17e1f528b993c6d55def4cf5be" ON "device_tokens"  ("user_id") `);
    await queryRunner.query(
      `ALTER TABLE "device_tokens" ADD CONSTRAINT "FK_17e1f528b993c6d55def4cf5bea" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "device_tokens"`);
    await queryRunner.query(`DROP TABLE "support_requests"`);
    await queryRunner.query(`DROP TABLE "user_preferences"`);
    await queryRunner.query(`ALTER TABLE "outbound_emails" DROP COLUMN "reply_to"`);
    await queryRunner.query(`DROP INDEX "IDX_4a70ebf3a9a806da5e4039f3c0"`);
    await queryRunner.query(`DROP INDEX "IDX_fe0bb3f6520ee0469504521e71"`);
    await queryRunner.query(`CREATE INDEX "IDX_17d1817f241f10a3dbafb169fd" ON "users"  ("phone_number") `);
  }
}
