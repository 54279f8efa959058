import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../../../infra/database/base.entity.js';
import { DigitalPurchase } from './digital-purchase.entity.js';

/**
 * A link emailed for a purchase: only the SHA-256 of its random token is kept. Each email carries a new one and
 * replaces the ones before (`replacedAt`), which then answer 410.
 */
@Entity('digital_download_links')
@Index(['purchaseId', 'created'])
export class DigitalDownloadLink extends BaseEntity {
  @Column({ type: 'bigint' })
  organizationId!: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: object;

  @Column({ type: 'bigint' })
  purchaseId!: string;

  @ManyToOne(() => DigitalPurchase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'purchase_id' })
  purchase?: Relation<DigitalPurchase>;

  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'timestamptz', nullable: true })
  replacedAt!: Date | null;
}
