import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';

/**
 * The buyer's shipping address of an order (seed 003, Shipping address schema): its parts, and the address as the
 * marketplace gave it (`raw_address`). A part the marketplace did not give is blank.
 */
@Entity('order_addresses')
export class OrderAddress extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 200, default: '' })
  name!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  emailAddress!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  phoneNumber!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  streetNumber!: string | null;

  @Column({ name: 'street_1', type: 'varchar', length: 200, default: '' })
  street1!: string;

  @Column({ name: 'street_2', type: 'varchar', length: 200, nullable: true })
  street2!: string | null;

  @Column({ type: 'varchar', length: 100, default: '' })
  city!: string;

  @Column({ type: 'varchar', length: 100, default: '' })
  stateProvince!: string;

  @Column({ type: 'varchar', length: 20, default: '' })
  postalCode!: string;

  /** ISO 3166-1 alpha-2, uppercase; blank when the marketplace did not say. */
  @Column({ type: 'varchar', length: 2, default: '' })
  country!: string;

  @Column({ type: 'text', default: '' })
  rawAddress!: string;

  @Column({ type: 'jsonb', nullable: true })
  rawAddressParsed!: Record<string, unknown> | null;
}
