import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing by Stripe and App Store in-app purchases: each plan's Stripe price and App Store product, each
 * subscription's provider, links (Stripe customer and subscription, App Store account token and original
 * transaction), the start of a failing payment and the time of the news its state comes from; and the billing news
 * already applied, unique per provider and id so that a second delivery changes nothing.
 */
export class Billing1764860000000 implements MigrationInterface {
  name = 'Billing1764860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "billing_events" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "provider" character varying(10) NOT NULL, "external_id" character varying(255) NOT NULL, "type" character varying(100) NOT NULL, "organization_id" bigint, CONSTRAINT "PK_9a4a4a1b1f55bbc868f6a76a597" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_669d53b5a911ec848a849054df" ON "billing_events"  ("organization_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f0c24f96f7f86d32c6ed87d242" ON "billing_events"  ("provider", "external_id") `);
    await queryRunner.query(
      `ALTER TABLE "billing_events" ADD CONSTRAINT "FK_669d53b5a911ec848a849054dfe" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "plans" ADD "stripe_price_id" character varying(255)`);
    await queryRunner.query(`ALTER TABLE "plans" ADD "apple_product_id" character varying(255)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_fd5ce3c5becb7f6ec3c847ca90" ON "plans"  ("stripe_price_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f2cc436a65db2e8b101ac621e4" ON "plans"  ("apple_product_id") `);
    // The App Store Connect product ids the app sells; Stripe prices belong to each operator's account (set them by SQL).
    await queryRunner.query(`UPDATE "plans" SET "apple_product_id" = 'instica.' || "code" || '.monthly' WHERE "code" IN ('basic', 'pro')`);
    await queryRunner.query(`ALTER TABLE "subscriptions" ADD "provider" character varying(10) NOT NULL DEFAULT 'trial'`);
    await queryRunner.query(`ALTER TABLE "subscriptions" ADD "past_due_since" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "subscriptions" ADD "state_as_of" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "subscriptions" ADD "stripe_customer_id" character varying(255)`);
    await queryRunner.query(`ALTER TABLE "subscriptions" ADD "stripe_subscription_id" character varying(255)`);
    await queryRunner.query(`ALTER TABLE "subscriptions" ADD "apple_app_account_token" uuid`);
    // A token for every existing subscription; new ones get theirs from the application.
    await queryRunner.query(`UPDATE "subscriptions" SET "apple_app_account_token" = gen_random_uuid()`);
    await queryRunner.query(`ALTER TABLE "subscriptions" ADD "apple_original_transaction_id" character varying(64)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7aa77f6636d26cac1b731cac3a" ON "subscriptions"  ("stripe_customer_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3a2d09d943f39912a01831a927" ON "subscriptions"  ("stripe_subscription_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_fb9f83243ac3b15979fd64b432" ON "subscriptions"  ("apple_app_account_token") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c597cf51ffa32d7c9973df895e" ON "subscriptions"  ("apple_original_transaction_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_c597cf51ffa32d7c9973df895e"`);
    await queryRunner.query(`DROP INDEX "IDX_fb9f83243ac3b15979fd64b432"`);
    await queryRunner.query(`DROP INDEX "IDX_3a2d09d943f39912a01831a927"`);
    await queryRunner.query(`DROP INDEX "IDX_7aa77f6636d26cac1b731cac3a"`);
    await queryRunner.query(
      `ALTER TABLE "subscriptions" DROP COLUMN "apple_original_transaction_id", DROP COLUMN "apple_app_account_token", DROP COLUMN "stripe_subscription_id", DROP COLUMN "stripe_customer_id", DROP COLUMN "state_as_of", DROP COLUMN "past_due_since", DROP COLUMN "provider"`,
    );
    await queryRunner.query(`DROP INDEX "IDX_f2cc436a65db2e8b101ac621e4"`);
    await queryRunner.query(`DROP INDEX "IDX_fd5ce3c5becb7f6ec3c847ca90"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "apple_product_id", DROP COLUMN "stripe_price_id"`);
    await queryRunner.query(`DROP TABLE "billing_events"`);
  }
}
