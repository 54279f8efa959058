import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../infra/database/base.entity.js';

@Entity('organizations')
export class Organization extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  uid!: string;

  @Column({ type: 'varchar', length: 200 })
  displayName!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80 })
  slug!: string;

  @Column({ type: 'varchar', length: 20, default: 'upc' })
  defaultBarcodeType!: string;
}
