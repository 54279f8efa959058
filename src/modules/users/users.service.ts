import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import type { OrganizationRole } from '../../common/auth/roles.js';
import { foundOrFail } from '../../common/errors/error-response.js';
import { OrganizationsService } from '../organizations/index.js';
import { SubscriptionsService } from '../subscriptions/index.js';
import { MeDto, UserDto } from './dto/user.dto.js';
import { User } from './entities/user.entity.js';
import { mapUser } from './users.mapper.js';
import { type NewUser, UsersRepository } from './users.repository.js';

/** A user's password digest with their public view, for the login check. */
export interface UserCredentials {
  id: string;
  passwordHash: string;
  user: UserDto;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly organizations: OrganizationsService,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  /** Joins the caller's transaction. */
  async create(fields: NewUser): Promise<{ id: string; user: UserDto }> {
    const user = await this.users.create(fields);
    return { id: user.id, user: mapUser(user) };
  }

  async credentialsByEmail(email: string): Promise<UserCredentials | null> {
    const user = await this.users.findByEmail(email);
    return user ? { id: user.id, passwordHash: user.passwordHash, user: mapUser(user) } : null;
  }

  /** The caller, or null when their account is gone. */
  async caller(auth: AuthContext): Promise<UserDto | null> {
    const user = await this.users.findInOrganization(auth.organizationId, auth.userId);
    return user ? mapUser(user) : null;
  }

  async me(auth: AuthContext): Promise<MeDto> {
    const [user, organization, subscription] = await Promise.all([
      this.users.findInOrganization(auth.organizationId, auth.userId),
      this.organizations.get(auth.organizationId),
      this.subscriptions.forOrganization(auth.organizationId),
    ]);
    const found = foundOrFail(user);
    return { ...mapUser(found), role: found.role, organization, subscription };
  }

  countMembers(organizationId: string): Promise<number> {
    return this.users.countInOrganization(organizationId);
  }

  async membersPage(organizationId: string, offset: number, limit: number): Promise<OrganizationMember[]> {
    return (await this.users.pageInOrganization(organizationId, offset, limit)).map(toMember);
  }

  async memberByUid(organizationId: string, uid: string): Promise<OrganizationMember | null> {
    const user = await this.users.findByUidInOrganization(organizationId, uid);
    return user ? toMember(user) : null;
  }

  /** Every member, locked until the caller's transaction ends: must be called inside one. */
  async lockMembers(organizationId: string): Promise<OrganizationMember[]> {
    return (await this.users.lockMembers(organizationId)).map(toMember);
  }

  /** Joins the caller's transaction. */
  setRole(organizationId: string, userId: string, role: OrganizationRole): Promise<void> {
    return this.users.setRole(organizationId, userId, role);
  }

  /** Makes the user a member of another organization with this role; joins the caller's transaction. */
  moveToOrganization(userId: string, organizationId: string, role: OrganizationRole): Promise<void> {
    return this.users.moveToOrganization(userId, organizationId, role);
  }

  async accountById(id: string): Promise<UserAccount | null> {
    const user = await this.users.findById(id);
    return user ? toAccount(user) : null;
  }

  async accountByEmail(email: string): Promise<UserAccount | null> {
    const user = await this.users.findByEmail(email);
    return user ? toAccount(user) : null;
  }

  async accountByAppleSub(appleSub: string): Promise<UserAccount | null> {
    const user = await this.users.findByAppleSub(appleSub);
    return user ? toAccount(user) : null;
  }

  async accountsByPhoneNumber(phoneNumber: string): Promise<UserAccount[]> {
    return (await this.users.findByPhoneNumber(phoneNumber)).map(toAccount);
  }

  /** Links the user to their Apple ID (Sign in with Apple); joins the caller's transaction. */
  linkAppleSub(userId: string, appleSub: string): Promise<void> {
    return this.users.setAppleSub(userId, appleSub);
  }

  /** Joins the caller's transaction. */
  setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    return this.users.setPasswordHash(userId, passwordHash);
  }
}

/** A member of an organization as the team sees them. */
export interface OrganizationMember {
  id: string;
  uid: string;
  email: string;
  firstName: string;
  lastName: string;
  role: OrganizationRole;
  joined: Date;
}

function toMember(user: User): OrganizationMember {
  return {
    id: user.id,
    uid: user.uid,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    role: user.role,
    joined: user.joinedOrganizationAt,
  };
}

/** A user as sign-in and account recovery see them: credentials, Apple link and public view. */
export interface UserAccount extends UserCredentials {
  appleSub: string | null;
}

function toAccount(user: User): UserAccount {
  return { id: user.id, passwordHash: user.passwordHash, appleSub: user.appleSub, user: mapUser(user) };
}
