import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../../../infra/database/base.entity.js';

export const PLATFORM_TYPES = ['marketplace', 'print_on_demand'] as const;
export type PlatformType = (typeof PLATFORM_TYPES)[number];
export const CONNECTION_TYPES = ['oauth', 'extension'] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

/** A selling platform: reference data seeded by a migration, the same for every organization. */
@Entity('platforms')
export class Platform extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  uid!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 100 })
  displayName!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 50 })
  slug!: string;

  @Column({ type: 'varchar', length: 30 })
  platformType!: PlatformType;

  @Column({ type: 'varchar', length: 200 })
  url!: string;

  @Column({ type: 'boolean', default: false })
  supportsDigital!: boolean;

  @Column({ type: 'boolean', default: false })
  supportsPhysical!: boolean;

  @Column({ type: 'boolean', default: false })
  supportsApiConnection!: boolean;

  @Column({ type: 'varchar', length: 20 })
  connectionType!: ConnectionType;

  @Column({ type: 'varchar', length: 200, nullable: true })
  connectionUrl!: string | null;

  @Column({ type: 'boolean', default: true })
  isSellingActive!: boolean;

  @Column({ type: 'integer', default: 0 })
  position!: number;
}
