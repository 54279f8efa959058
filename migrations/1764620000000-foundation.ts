import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations, users, bearer tokens, API keys, plans (seeded) and subscriptions. */
export class Foundation1764620000000 implements MigrationInterface {
  name = 'Foundation1764620000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "display_name" character varying(200) NOT NULL, "slug" character varying(80) NOT NULL, "default_barcode_type" character varying(20) NOT NULL DEFAULT 'upc', CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a98b290f129e50b4f0334a5b2e" ON "organizations"  ("uid") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_963693341bd612aa01ddf3a4b6" ON "organizations"  ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "role" character varying(20) NOT NULL DEFAULT 'member', "email" character varying(254) NOT NULL, "username" character varying(254) NOT NULL, "password_hash" character varying(255) NOT NULL, "first_name" character varying(150) NOT NULL DEFAULT '', "last_name" character varying(150) NOT NULL DEFAULT '', CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6e20ce1edf0678a09f1963f958" ON "users"  ("uid") `);
    await queryRunner.query(`CREATE INDEX "IDX_21a659804ed7bf61eb91688dea" ON "users"  ("organization_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users"  ("email") `);
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" BIGSERIAL NOT NULL, "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "user_id" bigint NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(16) NOT NULL, "key_hash" character(64) NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_cf9ee2eebefca056323cb647cc" ON "api_keys"  ("uid") `);
    await queryRunner.query(`CREATE INDEX "IDX_a3baee01d8408cd3c0f89a9a97" ON "api_keys"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6f6105c8efe05b310d046cbdb3" ON "api_keys"  ("prefix") `);
    await queryRunner.query(`CREATE INDEX "IDX_84e09b1ed8ca279007da41ae53" ON "api_keys"  ("organization_id", "created") `);
    await queryRunner.query(
      `CREATE TABLE "auth_tokens" ("id" BIGSERIAL NOT NULL, "user_id" bigint NOT NULL, "token_hash" character(64) NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_41e9ddfbb32da18c4e85e45c2fd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9691367d446cd8b18f462c191b" ON "auth_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3a94cfa1eada85ac2bf6f3016b" ON "auth_tokens"  ("token_hash") `);
    await queryRunner.query(
      `CREATE TABLE "plans" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "code" character varying(40) NOT NULL, "name" character varying(100) NOT NULL, "price_monthly_usd" numeric(12,2) NOT NULL DEFAULT '0', "photos_per_item_limit" integer NOT NULL, "max_items_per_batch" integer NOT NULL, "is_pro" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_3720521a81c7c24fe9b7202ba61" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f882fa272f9d951cccbc57a5b1" ON "plans"  ("uid") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_95f7ef3fc4c31a3545b4d825dd" ON "plans"  ("code") `);
    await queryRunner.query(
      `CREATE TABLE "subscriptions" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "plan_id" bigint NOT NULL, "status" character varying(20) NOT NULL, "trial_ends_at" TIMESTAMP WITH TIME ZONE, "current_period_end" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a87248d73155605cf782be9ee5e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_564f1b101991955a56d4ddf47a" ON "subscriptions"  ("uid") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9ea1509175fa294fc64d43a9fe" ON "subscriptions"  ("organization_id") `);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "FK_a283bdef18876e525aefaec042f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "FK_a3baee01d8408cd3c0f89a9a973" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_tokens" ADD CONSTRAINT "FK_9691367d446cd8b18f462c191b3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subscriptions" ADD CONSTRAINT "FK_9ea1509175fa294fc64d43a9fe6" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subscriptions" ADD CONSTRAINT "FK_e45fca5d912c3a2fab512ac25dc" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`INSERT INTO "plans" ("uid", "code", "name", "price_monthly_usd", "photos_per_item_limit", "max_items_per_batch", "is_pro") VALUES
      ('plan_trial', 'trial', 'Trial', 0, 12, 25, false),
      ('plan_basic', 'basic', 'Basic', 9.99, 12, 50, false),
      ('plan_pro', 'pro', 'Pro', 19.99, 24, 100, true)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "subscriptions"`);
    await queryRunner.query(`DROP TABLE "plans"`);
    await queryRunner.query(`DROP TABLE "auth_tokens"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
  }
}
