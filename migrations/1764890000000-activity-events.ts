import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The activity feed: one row per action, written with the action. */
export class ActivityEvents1764890000000 implements MigrationInterface {
  name = 'ActivityEvents1764890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "activity_events" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "user_id" bigint, "event_type" character varying(40) NOT NULL, "subject_type" character varying(40) NOT NULL, "subject_uid" character varying(32) NOT NULL, "platform_slug" character varying(40), "message" text NOT NULL, "metadata" jsonb NOT NULL DEFAULT '{}', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f8e8d9dbf64f93f58ae52b4a9e4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b25fc8d4169329073fc2e58011" ON "activity_events"  ("uid")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_28b4ac101fe62e37cf44da7ccd" ON "activity_events"  ("organization_id", "event_type", "occurred_at")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_02aa1fd3f2bdad4bc586c03e44" ON "activity_events"  ("organization_id", "occurred_at")`);
    await queryRunner.query(
      `ALTER TABLE "activity_events" ADD CONSTRAINT "FK_62a37c43dbb396515852364b5e4" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_events" ADD CONSTRAINT "FK_6b7520c53f24fe26f14807e811d" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "activity_events"`);
  }
}
