import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The Idempotency-Key of each organization's POSTs, with the answer a retry gets. */
export class IdempotencyKeys1764880000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organization_id" bigint NOT NULL, "key" character varying(255) NOT NULL, "fingerprint" character(64) NOT NULL, "response_status" smallint, "response_body" jsonb, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8ad20779ad0411107a56e53d0f6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_e5fc0731b6752a8e9194fa265e" ON "idempotency_keys"  ("expires_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_fa1b697098c138245abc15cad7" ON "idempotency_keys"  ("organization_id", "key") `);
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD CONSTRAINT "FK_12d9576ef013c5bd4eead32afd0" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
