import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { Platform } from '../../platforms/entities/platform.entity.js';

export const ACCOUNT_STATUSES = ['active', 'expired', 'revoked', 'error'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const AUTH_METHODS = ['personal_token', 'oauth1', 'oauth2'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/**
 * A seller account on a marketplace connected to an organization: one row per (organization, platform, platform
 * user), kept when disconnected (`revoked`, credentials wiped) so that its listings and imports keep their history.
 */
@Entity('marketplace_accounts')
@Index(['organizationId', 'platformId', 'externalUserId'], { unique: true })
export class MarketplaceAccount extends TenantOwnedEntity {
  @Column({ type: 'bigint' })
  platformId!: string;

  @ManyToOne(() => Platform, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'platform_id' })
  platform?: Relation<Platform>;

  /** The seller's id on the platform (Discogs user id, eBay user id, Etsy user id, Shopify shop id). */
  @Column({ type: 'varchar', length: 100 })
  externalUserId!: string;

  @Column({ type: 'varchar', length: 200 })
  username!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  shopId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: AccountStatus;

  @Column({ type: 'varchar', length: 20 })
  authMethod!: AuthMethod;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopes!: string[];

  /** The platform credentials as JSON sealed by SecretBox (AES-256-GCM); null once disconnected. */
  @Column({ type: 'text', nullable: true })
  credentials!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  tokenExpiresAt!: Date | null;

  @Column({ type: 'timestamptz' })
  connectedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastSyncAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
