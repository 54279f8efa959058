import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity.js';

/** How many products an organization has, kept by a database trigger: the unfiltered list's count without a scan. */
@Entity('organization_product_counts')
export class ProductCount {
  @PrimaryColumn({ type: 'bigint' })
  organizationId!: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'integer', default: 0 })
  productCount!: number;
}
