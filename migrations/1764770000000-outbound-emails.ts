import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The mail outbox: every email the service sends, with its delivery state. */
export class OutboundEmails1764770000000 implements MigrationInterface {
  name = 'OutboundEmails1764770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbound_emails" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "to_address" character varying(254) NOT NULL, "subject" character varying(300) NOT NULL, "text_body" text NOT NULL, "html_body" text, "purpose" character varying(40) NOT NULL, "status" character varying(20) NOT NULL, "attempts" smallint NOT NULL DEFAULT '0', "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d07cd54ab4e5dd921ff509203ae" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_70da640053b52870f958b1f3b5" ON "outbound_emails"  ("to_address", "created") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "outbound_emails"`);
  }
}
