import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity.js';

/**
 * How many live (not deleted) items an organization has in each status, kept by database triggers in the
 * transaction that changes the items: the list's count without a search reads at most one row per status.
 */
@Entity('organization_inventory_counts')
export class InventoryCount {
  @PrimaryColumn({ type: 'bigint' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @PrimaryColumn({ type: 'varchar', length: 30 })
  status!: string;

  @Column({ type: 'integer', default: 0 })
  itemCount!: number;
}
