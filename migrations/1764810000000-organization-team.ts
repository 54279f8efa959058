import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The organization's logo and addresses, its invites, and when each user joined their organization. */
export class OrganizationTeam1764810000000 implements MigrationInterface {
  name = 'OrganizationTeam1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organization_addresses" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "name" character varying(200) NOT NULL, "email_address" character varying(254), "phone_number" character varying(50), "street_number" character varying(50), "street_1" character varying(200) NOT NULL, "street_2" character varying(200), "city" character varying(100) NOT NULL, "state_province" character varying(100) NOT NULL, "postal_code" character varying(20) NOT NULL, "country" character(2) NOT NULL, "is_primary" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_cb9df8649d3c06d470b5d1b9031" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_473ffb766a74ad6a568a4a03d6" ON "organization_addresses"  ("uid") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_organization_addresses_primary" ON "organization_addresses"  ("organization_id") WHERE is_primary`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7140b5f3f0b05c2956542cab46" ON "organization_addresses"  ("organization_id", "created") `);
    await queryRunner.query(
      `CREATE TABLE "organization_invites" ("id" BIGSERIAL NOT NULL, "created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "uid" character varying(32) NOT NULL, "organization_id" bigint NOT NULL, "email" character varying(254) NOT NULL, "role" character varying(20) NOT NULL, "token_hash" character(64) NOT NULL, "invited_by_id" bigint, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e0799bee14bf23b82851d55fd05" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7344850cfe4d16623dabf6671b" ON "organization_invites"  ("uid") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ab6d36a4127957a0ed0ab0de76" ON "organization_invites"  ("token_hash") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_organization_invites_open_email" ON "organization_invites"  ("organization_id", "email") WHERE accepted_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_de7a0c1bcc22cd07411a5fce50" ON "organization_invites"  ("organization_id", "created") `);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "logo_key" character varying(512)`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "logo_thumbnail_key" character varying(512)`);
    await queryRunner.query(`ALTER TABLE "users" ADD "joined_organization_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    // Until now every user was in the organization they registered with.
    await queryRunner.query(`UPDATE "users" SET "joined_organization_at" = "created"`);
    await queryRunner.query(
      `ALTER TABLE "organization_addresses" ADD CONSTRAINT "FK_0ad7ae19234b12ccc19f5ed6418" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_invites" ADD CONSTRAINT "FK_86ee44dc17238efe40601b14540" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_invites" ADD CONSTRAINT "FK_63cd2f2a45054f7fb508f84efcf" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organization_invites" DROP CONSTRAINT "FK_63cd2f2a45054f7fb508f84efcf"`);
    await queryRunner.query(`ALTER TABLE "organization_invites" DROP CONSTRAINT "FK_86ee44dc17238efe40601b14540"`);
    await queryRunner.query(`ALTER TABLE "organization_addresses" DROP CONSTRAINT "FK_0ad7ae19234b12ccc19f5ed6418"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "joined_organization_at"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "logo_thumbnail_key"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "logo_key"`);
    await queryRunner.query(`DROP TABLE "organization_invites"`);
    await queryRunner.query(`DROP TABLE "organization_addresses"`);
  }
}
