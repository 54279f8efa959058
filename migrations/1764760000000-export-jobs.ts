import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Asynchronous export jobs (seed 000, Export jobs): listed per organization, newest first. */
export class ExportJobs1764760000000 implements MigrationInterface {
  name = 'ExportJobs1764760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "export_jobs" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "user_id" bigint, "export_type" character varying(40) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'pending', "filters" jsonb NOT NULL DEFAULT '{}', "progress_percentage" smallint NOT NULL DEFAULT '0', "row_count" integer, "file_key" character varying(512), "file_name" character varying(200), "file_size" bigint, "error_message" text, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3044ce6f1c6af24058ee609e063" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7b814b2eddd428c505f9f95525" ON "export_jobs"  ("uid") `);
    await queryRunner.query(`CREATE INDEX "IDX_25725c08afd318359889ab6bce" ON "export_jobs"  ("organization_id", "created") `);
    await queryRunner.query(
      `ALTER TABLE "export_jobs" ADD CONSTRAINT "FK_e430f9e1dd5bc5d0f848ef2477a" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "export_jobs" ADD CONSTRAINT "FK_0bf2b497d2b36f3054155c190aa" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "export_jobs"`);
  }
}
