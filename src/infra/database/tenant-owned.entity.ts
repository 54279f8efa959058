import { Column, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from './base.entity.js';

/**
 * A row one organization owns: its public `uid` and the organization it goes with when deleted.
 * The organization is named, not imported, so that infra depends on no domain module.
 */
export abstract class TenantOwnedEntity extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  uid!: string;

  @Column({ type: 'bigint' })
  organizationId!: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: object;
}
