import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import type { AuthContext } from '../../common/auth/auth-context.js';
import type { OrganizationRole } from '../../common/auth/roles.js';
import { foundOrFail, ValidationFailed } from '../../common/errors/error-response.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { Mailer } from '../../infra/mail/mailer.js';
import { OrganizationsService } from '../organizations/index.js';
import { SubscriptionsService } from '../subscriptions/index.js';
import { MeDto, UserDto } from './dto/user.dto.js';
import { UpdateMeDto } from './dto/user-write.dto.js';
import { User } from './entities/user.entity.js';
import { mapUser } from './users.mapper.js';
import { PreferencesRepository } from './preferences.repository.js';
import { type NewUser, type ProfileChange, UsersRepository } from './users.repository.js';
import { isValidUsername, usernameAfterEmailChange } from './users.rules.js';

const EMAIL_TAKEN = 'A user with that email already exists.';
const USERNAME_TAKEN = 'A user with that username already exists.';
const PHONE_TAKEN = 'Another account already uses this phone number.';
export const USERNAME_MESSAGE = 'Enter a valid username: 3 to 150 letters, numbers and . _ + - characters, or your own email address.';
const CURRENT_PASSWORD_REQUIRED = 'Enter your current password to change your email address.';
const CURRENT_PASSWORD_WRONG = 'Your current password is incorrect.';
const UNIQUE_VIOLATION = '23505';

/** A unique index refusing a change another request made first, as the field's 400. */
function uniqueFieldError(error: unknown): ValidationFailed | null {
  const { code, detail } = error as { code?: string; detail?: string };
  if (code !== UNIQUE_VIOLATION) return null;
  if (detail?.includes('(email)')) return new ValidationFailed({ email: [EMAIL_TAKEN] });
  if (detail?.includes('(username)')) return new ValidationFailed({ username: [USERNAME_TAKEN] });
  if (detail?.includes('(phone_number)')) return new ValidationFailed({ phone_number: [PHONE_TAKEN] });
  return null;
}

/** A user's password digest with their public view, for the login check. */
export interface UserCredentials {
  id: string;
  passwordHash: string;
  user: UserDto;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly users: UsersRepository,
    private readonly preferences: PreferencesRepository,
    private readonly organizations: OrganizationsService,
    private readonly subscriptions: SubscriptionsService,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    return { ...mapUser(found), phone_number: found.phoneNumber, role: found.role, organization, subscription };
  }

  /**
   * Changes the caller's profile: every problem of the request is reported at once and nothing changes then. A new
   * email needs the current password and is announced to the old address; the username follows it unless chosen.
   */
  async updateMe(auth: AuthContext, input: UpdateMeDto): Promise<MeDto> {
    const user = foundOrFail(await this.users.findInOrganization(auth.organizationId, auth.userId));
    const { change, errors } = await this.profileChange(user, input);
    if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
    try {
      await this.db.transaction(async () => {
        await this.users.updateProfile(user.id, change);
        if (change.email !== undefined) await this.announceEmailChange(user, change.email);
      });
    } catch (error) {
      throw uniqueFieldError(error) ?? error;
    }
    return this.me(auth);
  }

  private async profileChange(user: User, input: UpdateMeDto): Promise<{ change: ProfileChange; errors: Record<string, string[]> }> {
    const change: ProfileChange = {};
    const errors: Record<string, string[]> = {};
    if (input.first_name !== undefined) change.firstName = input.first_name;
    if (input.last_name !== undefined) change.lastName = input.last_name;
    const email = input.email?.trim().toLowerCase();
    if (email !== undefined && email !== user.email) {
      const problem = await this.passwordProblem(user, input.current_password);
      if (problem) errors.current_password = [problem];
      if (await this.users.emailTakenByOther(email, user.id)) errors.email = [EMAIL_TAKEN];
      change.email = email;
      change.username = usernameAfterEmailChange(user.username, user.email, email);
    }
    if (input.username !== undefined && input.username !== user.username) {
      if (!isValidUsername(input.username, change.email ?? user.email)) errors.username = [USERNAME_MESSAGE];
      else if (await this.users.usernameTakenByOther(input.username, user.id)) errors.username = [USERNAME_TAKEN];
      change.username = input.username;
    }
    if (input.phone_number !== undefined) {
      if (input.phone_number !== null && (await this.users.phoneNumberTakenByOther(input.phone_number, user.id))) {
        errors.phone_number = [PHONE_TAKEN];
      }
      change.phoneNumber = input.phone_number;
    }
    return { change, errors };
  }

  private async passwordProblem(user: User, password: string | undefined): Promise<string | null> {
    if (password === undefined || password === '') return CURRENT_PASSWORD_REQUIRED;
    return (await argon2.verify(user.passwordHash, password)) ? null : CURRENT_PASSWORD_WRONG;
  }

  private announceEmailChange(user: User, newEmail: string): Promise<void> {
    return this.mailer.send({
      to: user.email,
      subject: 'Your Instica email address was changed',
      text:
        `The email address of your Instica account was changed from ${user.email} to ${newEmail}.\n\n` +
        `If you did not do this, reply to this message or write to ${this.config.supportEmail} right away.`,
      purpose: 'email_changed',
    });
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
