import { Column, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../../../infra/database/base.entity.js';
import { Organization } from './organization.entity.js';

/** A row one organization owns: its public `uid` and the organization it goes with when deleted. */
export abstract class TenantOwnedEntity extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  uid!: string;

  @Column({ type: 'bigint' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;
}
