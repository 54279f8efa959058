import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';

/**
 * An address of the organization (where it ships from), with the fields of the orders' shipment address. At most one
 * per organization is primary (a partial unique index); the service keeps exactly one while any exists.
 */
@Entity('organization_addresses')
@Index(['organizationId', 'created'])
@Index('UQ_organization_addresses_primary', ['organizationId'], { unique: true, where: 'is_primary' })
export class OrganizationAddress extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  emailAddress!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  phoneNumber!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  streetNumber!: string | null;

  @Column({ name: 'street_1', type: 'varchar', length: 200 })
  street1!: string;

  @Column({ name: 'street_2', type: 'varchar', length: 200, nullable: true })
  street2!: string | null;

  @Column({ type: 'varchar', length: 100 })
  city!: string;

  @Column({ type: 'varchar', length: 100 })
  stateProvince!: string;

  @Column({ type: 'varchar', length: 20 })
  postalCode!: string;

  /** ISO 3166-1 alpha-2, uppercase. */
  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ type: 'boolean', default: false })
  isPrimary!: boolean;
}
