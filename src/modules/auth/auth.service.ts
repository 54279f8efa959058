import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { newBearerToken, sha256Hex } from '../../common/auth/secrets.js';
import { DetailError, ValidationFailed } from '../../common/errors/error-response.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { OrganizationDto, OrganizationsService } from '../organizations/index.js';
import { SubscriptionsService } from '../subscriptions/index.js';
import { UserDto, UsersService } from '../users/index.js';
import { RecoveryMsg } from './account-recovery.rules.js';
import { AppleIdentityVerifier } from './apple-identity.verifier.js';
import { type AppleIdentity, appleSignInPlan } from './apple-sign-in.rules.js';
import { AuthRepository } from './auth.repository.js';
import { ChangePasswordDto } from './dto/account-recovery.dto.js';
import { AppleSignInDto, LoginDto, LoginResponseDto, RegisterEmailDto, RegisterResponseDto } from './dto/auth.dto.js';
import { PasswordResetsRepository } from './password-resets.repository.js';

const UNIQUE_VIOLATION = '23505';
const EMAIL_TAKEN = 'A user with that email already exists.';
const BAD_CREDENTIALS = 'Unable to log in with provided credentials.';

interface NewAccount {
  email: string;
  passwordHash: string;
  firstName?: string;
  lastName?: string;
  organizationName?: string;
  appleSub?: string;
}

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both failures take the same time. */
  private readonly decoyHash = argon2.hash('decoy password');

  constructor(
    private readonly db: TransactionalConnection,
    private readonly auth: AuthRepository,
    private readonly resets: PasswordResetsRepository,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly subscriptions: SubscriptionsService,
    private readonly apple: AppleIdentityVerifier,
  ) {}

  /** Creates the user, their organization (they own it) and a trial subscription, in one transaction. */
  async register(input: RegisterEmailDto): Promise<RegisterResponseDto> {
    const email = normalizeEmail(input.email);
    if (await this.users.credentialsByEmail(email)) throw new ValidationFailed({ email: [EMAIL_TAKEN] });
    const passwordHash = await argon2.hash(input.password);
    try {
      const { userId, user, organization } = await this.createAccount({
        email,
        passwordHash,
        firstName: input.first_name,
        lastName: input.last_name,
        organizationName: input.organization_name,
      });
      return { token: await this.issueToken(userId), user, organization };
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new ValidationFailed({ email: [EMAIL_TAKEN] });
      throw error;
    }
  }

  async login(input: LoginDto): Promise<LoginResponseDto> {
    const credentials = await this.users.credentialsByEmail(normalizeEmail(input.email));
    const valid = credentials
      ? await argon2.verify(credentials.passwordHash, input.password)
      : await argon2.verify(await this.decoyHash, input.password).then(() => false);
    if (!credentials || !valid) throw new ValidationFailed({ non_field_errors: [BAD_CREDENTIALS] });
    return { token: await this.issueToken(credentials.id), user: credentials.user };
  }

  /**
   * Sign in with Apple (see appleSignInPlan): the account linked to the token's `sub` signs in; else the account with
   * the token's email, when Apple verified it, is linked and signs in; else an account is created as registration
   * creates one (organization, trial), with no usable password (a password reset gives it one). `created` says which.
   */
  async signInWithApple(input: AppleSignInDto): Promise<{ created: boolean; session: LoginResponseDto }> {
    const identity = await this.apple.verify(input.identity_token);
    try {
      return await this.signInAppleIdentity(identity, input);
    } catch (error) {
      // A concurrent first sign-in with the same Apple ID or email won the unique index: decide again on what it wrote.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return this.signInAppleIdentity(identity, input);
      throw error;
    }
  }

  private async signInAppleIdentity(
    identity: AppleIdentity,
    input: AppleSignInDto,
  ): Promise<{ created: boolean; session: LoginResponseDto }> {
    const bySub = await this.users.accountByAppleSub(identity.sub);
    const byEmail = bySub || !identity.email ? null : await this.users.accountByEmail(identity.email);
    const plan = appleSignInPlan(identity, bySub, byEmail);
    switch (plan.kind) {
      case 'refuse':
        throw new ValidationFailed({ identity_token: [plan.message] });
      case 'sign_in':
        return { created: false, session: { token: await this.issueToken(plan.account.id), user: plan.account.user } };
      case 'link':
        await this.users.linkAppleSub(plan.account.id, identity.sub);
        return { created: false, session: { token: await this.issueToken(plan.account.id), user: plan.account.user } };
      case 'create': {
        const { userId, user } = await this.createAccount({
          email: plan.email,
          passwordHash: await argon2.hash(newBearerToken()),
          firstName: input.first_name,
          lastName: input.last_name,
          appleSub: identity.sub,
        });
        return { created: true, session: { token: await this.issueToken(userId), user } };
      }
    }
  }

  /**
   * Sets a new password once the current one is confirmed, and ends every other session of the user (the bearer
   * token of this call stays valid; API keys are kept) and their outstanding password reset links.
   */
  async changePassword(auth: AuthContext, input: ChangePasswordDto): Promise<void> {
    const account = await this.users.accountById(auth.userId);
    if (!account) throw new DetailError(401, 'Invalid token.');
    if (!(await argon2.verify(account.passwordHash, input.current_password))) {
      throw new ValidationFailed({ current_password: [RecoveryMsg.wrongCurrentPassword] });
    }
    const passwordHash = await argon2.hash(input.new_password);
    await this.db.transaction(async () => {
      await this.users.setPasswordHash(account.id, passwordHash);
      await this.auth.deleteTokensOfUser(account.id, auth.via.kind === 'token' ? auth.via.tokenId : undefined);
      await this.resets.invalidateOutstanding(account.id);
    });
  }

  async user(auth: AuthContext): Promise<UserDto> {
    const user = await this.users.caller(auth);
    if (!user) throw new DetailError(401, 'Invalid token.');
    return user;
  }

  /** Ends a bearer session; a call made with an API key has no session to end. */
  async logout(auth: AuthContext): Promise<void> {
    if (auth.via.kind === 'token') await this.auth.deleteToken(auth.userId, auth.via.tokenId);
  }

  authenticateToken(token: string): Promise<AuthContext | null> {
    return this.auth.contextForToken(sha256Hex(token));
  }

  private async issueToken(userId: string): Promise<string> {
    const token = newBearerToken();
    await this.auth.createToken(userId, sha256Hex(token));
    return token;
  }

  /** A new user who owns a new organization with a trial subscription, in one transaction (registration, Apple). */
  private createAccount(account: NewAccount): Promise<{ userId: string; user: UserDto; organization: OrganizationDto }> {
    return this.db.transaction(async () => {
      const firstName = account.firstName?.trim() ?? '';
      const created = await this.organizations.create(account.organizationName, { email: account.email, firstName });
      const { id, user } = await this.users.create({
        organizationId: created.id,
        role: 'owner',
        email: account.email,
        passwordHash: account.passwordHash,
        firstName,
        lastName: account.lastName?.trim() ?? '',
      });
      if (account.appleSub) await this.users.linkAppleSub(id, account.appleSub);
      await this.subscriptions.startTrial(created.id);
      return { userId: id, user, organization: created.organization };
    });
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
