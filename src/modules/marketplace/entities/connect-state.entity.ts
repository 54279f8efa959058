import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from '../../organizations/entities/organization.entity.js';
import { Platform } from '../../platforms/entities/platform.entity.js';
import { User } from '../../users/entities/user.entity.js';

/**
 * One OAuth connection attempt between its start and the platform's callback: who started it for which
 * organization and platform, what the callback needs that must not travel in the URL (a PKCE verifier, a request
 * token secret, the shop), sealed; used once.
 */
@Entity('marketplace_connect_states')
export class ConnectState {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  created!: Date;

  /** SHA-256 of the nonce the signed state carries. */
  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  nonceHash!: string;

  @Column({ type: 'bigint' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'bigint' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'bigint' })
  platformId!: string;

  @ManyToOne(() => Platform, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'platform_id' })
  platform?: Relation<Platform>;

  /** SecretBox-sealed JSON of the flow's own values. */
  @Column({ type: 'text' })
  secrets!: string;

  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
