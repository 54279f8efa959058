import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { newBearerToken, sha256Hex } from '../../common/auth/secrets.js';
import { DetailError, ValidationFailed } from '../../common/errors/error-response.js';
import { OrganizationsRepository } from '../organizations/organizations.repository.js';
import { mapOrganization } from '../organizations/organizations.mapper.js';
import { defaultOrganizationName } from '../organizations/organizations.rules.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';
import { trialEnd } from '../subscriptions/subscriptions.rules.js';
import { UserDto } from '../users/dto/user.dto.js';
import { mapUser } from '../users/users.mapper.js';
import { UsersRepository } from '../users/users.repository.js';
import { AuthRepository } from './auth.repository.js';
import { LoginDto, LoginResponseDto, RegisterEmailDto, RegisterResponseDto } from './dto/auth.dto.js';

const UNIQUE_VIOLATION = '23505';
const EMAIL_TAKEN = 'A user with that email already exists.';
const BAD_CREDENTIALS = 'Unable to log in with provided credentials.';

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both failures take the same time. */
  private readonly decoyHash = argon2.hash('decoy password');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthRepository,
    private readonly users: UsersRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly subscriptions: SubscriptionsRepository,
  ) {}

  /** Creates the user, their organization (they own it) and a trial subscription, in one transaction. */
  async register(input: RegisterEmailDto): Promise<RegisterResponseDto> {
    const email = normalizeEmail(input.email);
    if (await this.users.findByEmail(email)) throw new ValidationFailed({ email: [EMAIL_TAKEN] });
    const passwordHash = await argon2.hash(input.password);
    try {
      const { user, organization } = await this.dataSource.transaction(async (manager) => {
        const name = input.organization_name?.trim() || defaultOrganizationName(email, input.first_name);
        const organization = await this.organizations.create(manager, name);
        const user = await this.users.create(manager, {
          organizationId: organization.id,
          role: 'owner',
          email,
          passwordHash,
          firstName: input.first_name?.trim() ?? '',
          lastName: input.last_name?.trim() ?? '',
        });
        await this.subscriptions.startTrial(manager, organization.id, trialEnd(new Date(), this.config.trialDays));
        return { user, organization };
      });
      const token = await this.issueToken(user.id);
      return { token, user: mapUser(user), organization: mapOrganization(organization) };
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new ValidationFailed({ email: [EMAIL_TAKEN] });
      throw error;
    }
  }

  async login(input: LoginDto): Promise<LoginResponseDto> {
    const user = await this.users.findByEmail(normalizeEmail(input.email));
    const valid = user
      ? await argon2.verify(user.passwordHash, input.password)
      : await argon2.verify(await this.decoyHash, input.password).then(() => false);
    if (!user || !valid) throw new ValidationFailed({ non_field_errors: [BAD_CREDENTIALS] });
    return { token: await this.issueToken(user.id), user: mapUser(user) };
  }

  async user(auth: AuthContext): Promise<UserDto> {
    const user = await this.users.findWithOrganization(auth.userId);
    if (!user) throw new DetailError(401, 'Invalid token.');
    return mapUser(user);
  }

  /** Ends a bearer session; a call made with an API key has no session to end. */
  async logout(auth: AuthContext): Promise<void> {
    if (auth.via.kind === 'token') await this.auth.deleteToken(auth.via.tokenId);
  }

  authenticateToken(token: string): Promise<AuthContext | null> {
    return this.auth.contextForToken(sha256Hex(token));
  }

  private async issueToken(userId: string): Promise<string> {
    const token = newBearerToken();
    await this.auth.createToken(userId, sha256Hex(token));
    return token;
  }
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
