import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import type { OrganizationRole } from '../../../common/auth/roles.js';
import { BaseEntity } from '../../../infra/database/base.entity.js';
import { Organization } from '../../organizations/entities/organization.entity.js';

@Entity('users')
export class User extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  uid!: string;

  @Index()
  @Column({ type: 'bigint' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'varchar', length: 20, default: 'member' })
  role!: OrganizationRole;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  /** The email address until the user chooses one (never with an `@` then, see users.rules). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  username!: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 150, default: '' })
  firstName!: string;

  @Column({ type: 'varchar', length: 150, default: '' })
  lastName!: string;

  /** E.164 (`+14155550123`), or null; one account per number, as email recovery looks the account up by it. */
  @Index({ unique: true, where: 'phone_number IS NOT NULL' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  phoneNumber!: string | null;

  /** The stable Apple user id (`sub` of Sign in with Apple identity tokens) once linked, or null. */
  @Index({ unique: true, where: 'apple_sub IS NOT NULL' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  appleSub!: string | null;

  /** When the user joined their current organization (registration, or accepting an invite, or being moved out). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  joinedOrganizationAt!: Date;
}
