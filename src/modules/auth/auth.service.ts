import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { newBearerToken, sha256Hex } from '../../common/auth/secrets.js';
import { DetailError, ValidationFailed } from '../../common/errors/error-response.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { OrganizationsService } from '../organizations/index.js';
import { SubscriptionsService } from '../subscriptions/index.js';
import { UserDto, UsersService } from '../users/index.js';
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
    private readonly db: TransactionalConnection,
    private readonly auth: AuthRepository,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  /** Creates the user, their organization (they own it) and a trial subscription, in one transaction. */
  async register(input: RegisterEmailDto): Promise<RegisterResponseDto> {
    const email = normalizeEmail(input.email);
    if (await this.users.credentialsByEmail(email)) throw new ValidationFailed({ email: [EMAIL_TAKEN] });
    const passwordHash = await argon2.hash(input.password);
    try {
      const { userId, user, organization } = await this.db.transaction(async () => {
        const created = await this.organizations.create(input.organization_name, { email, firstName: input.first_name });
        const { id, user } = await this.users.create({
          organizationId: created.id,
          role: 'owner',
          email,
          passwordHash,
          firstName: input.first_name?.trim() ?? '',
          lastName: input.last_name?.trim() ?? '',
        });
        await this.subscriptions.startTrial(created.id);
        return { userId: id, user, organization: created.organization };
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
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
