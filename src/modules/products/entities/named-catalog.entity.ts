import { Column, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity.js';
import { BaseEntity } from '../../../infra/database/base.entity.js';

/** A name an organization's products share (an artist, a music label): unique per organization, ignoring case. */
@Index(['organizationId', 'nameKey'], { unique: true })
export abstract class NamedCatalogEntity extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  uid!: string;

  @Column({ type: 'bigint' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  /** lower(trim(name)): the get-or-create key. */
  @Column({ type: 'varchar', length: 255 })
  nameKey!: string;
}
