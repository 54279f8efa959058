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

  /** The logo's key in FileStorage, or null without a logo. */
  @Column({ type: 'varchar', length: 512, nullable: true })
  logoKey!: string | null;

  /** Its thumbnail's key, removed with it. */
  @Column({ type: 'varchar', length: 512, nullable: true })
  logoThumbnailKey!: string | null;
}
