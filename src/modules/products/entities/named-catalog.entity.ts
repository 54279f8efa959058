import { Column, Index } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';

/** A name an organization's products share (an artist, a music label): unique per organization, ignoring case. */
@Index(['organizationId', 'nameKey'], { unique: true })
export abstract class NamedCatalogEntity extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 255 })
  name!: string;

  /** lower(trim(name)): the get-or-create key. */
  @Column({ type: 'varchar', length: 255 })
  nameKey!: string;
}
