import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import type { OrganizationRole } from '../../../common/auth/roles.js';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { User } from '../../users/entities/user.entity.js';

/**
 * An invitation to join an organization. Only the SHA-256 of its token is kept; it is single use (`accepted_at`) and
 * expires. An organization has at most one unaccepted invite per email (a new one replaces it).
 */
@Entity('organization_invites')
@Index(['organizationId', 'created'])
@Index('UQ_organization_invites_open_email', ['organizationId', 'email'], { unique: true, where: 'accepted_at IS NULL' })
export class OrganizationInvite extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: OrganizationRole;

  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'bigint', nullable: true })
  invitedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'invited_by_id' })
  invitedBy?: Relation<User> | null;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;
}
