import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { newBearerToken, sha256Hex } from '../../common/auth/secrets.js';
import { ValidationFailed } from '../../common/errors/error-response.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { Mailer, type MailMessage } from '../../infra/mail/mailer.js';
import { ThrottleStore } from '../../infra/throttle/throttle-store.js';
import { UsersService } from '../users/index.js';
import {
  EMAIL_RECOVERY_LIMIT,
  maskEmail,
  PASSWORD_RESET_LIMIT,
  PASSWORD_RESET_TTL_MINUTES,
  passwordResetExpiry,
  passwordResetLink,
  RecoveryMsg,
  resetTokenState,
  type SensitiveLimit,
} from './account-recovery.rules.js';
import { AuthRepository } from './auth.repository.js';
import { normalizeEmail } from './auth.service.js';
import { AccountMessageDto, EmailRecoveryDto, PasswordResetConfirmDto, PasswordResetRequestDto } from './dto/account-recovery.dto.js';
import { PasswordResetsRepository } from './password-resets.repository.js';

/**
 * Password reset by an emailed link, and the email hint for a phone number. Both answer the same whether or not an
 * account matches, and both are throttled per email address or phone number whether or not one does, so neither the
 * answer nor the throttle tells who has an account.
 */
@Injectable()
export class AccountRecoveryService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly resets: PasswordResetsRepository,
    private readonly sessions: AuthRepository,
    private readonly users: UsersService,
    private readonly mailer: Mailer,
    private readonly throttle: ThrottleStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Emails a single-use reset link (only its token's SHA-256 is kept) to the account with that email, if any. */
  async requestPasswordReset(input: PasswordResetRequestDto): Promise<AccountMessageDto> {
    const email = normalizeEmail(input.email);
    await this.limit(PASSWORD_RESET_LIMIT, email);
    const account = await this.users.credentialsByEmail(email);
    if (account) {
      const token = newBearerToken();
      await this.db.transaction(async () => {
        await this.resets.create({ userId: account.id, tokenHash: sha256Hex(token), expiresAt: passwordResetExpiry(new Date()) });
        await this.mailer.send(passwordResetEmail(account.user.email, passwordResetLink(this.config.publicUrl, token)));
      });
    }
    return { detail: RecoveryMsg.resetRequested };
  }

  /**
   * Sets the new password with a valid token, which is used up with every other outstanding token of the user, and
   * ends all the user's sessions (their API keys stay). An unknown, used or expired token is a 400 on `token`.
   */
  async confirmPasswordReset(input: PasswordResetConfirmDto): Promise<AccountMessageDto> {
    const tokenHash = sha256Hex(input.token);
    // Checked before hashing the password, so that guessing tokens costs no argon2 work; checked again under the lock.
    await this.usableReset(this.resets.findByTokenHash(tokenHash));
    const passwordHash = await argon2.hash(input.password);
    await this.db.transaction(async () => {
      const reset = await this.usableReset(this.resets.lockByTokenHash(tokenHash));
      await this.users.setPasswordHash(reset.userId, passwordHash);
      await this.resets.invalidateOutstanding(reset.userId);
      await this.sessions.deleteTokensOfUser(reset.userId);
    });
    return { detail: RecoveryMsg.resetDone };
  }

  /** Emails the masked address (`j***@e******.com`) to every account with this phone number, if any. */
  async recoverEmail(input: EmailRecoveryDto): Promise<AccountMessageDto> {
    await this.limit(EMAIL_RECOVERY_LIMIT, input.phone_number);
    const accounts = await this.users.accountsByPhoneNumber(input.phone_number);
    if (accounts.length > 0) {
      await this.db.transaction(async () => {
        for (const account of accounts) await this.mailer.send(emailHintEmail(account.user.email, input.phone_number));
      });
    }
    return { detail: RecoveryMsg.emailHintRequested };
  }

  private async usableReset<T extends { expiresAt: Date; usedAt: Date | null }>(lookup: Promise<T | null>): Promise<T> {
    const reset = await lookup;
    if (!reset || resetTokenState(reset, new Date()) !== 'valid') throw new ValidationFailed({ token: [RecoveryMsg.invalidResetToken] });
    return reset;
  }

  /** Counts the request against its limit; past it, the documented 429 with Retry-After. Keys hold only a digest. */
  private async limit(limit: SensitiveLimit, subject: string): Promise<void> {
    await this.throttle.enforce(`${limit.name}:${sha256Hex(subject)}`, limit.limit, limit.windowMs);
  }
}

function passwordResetEmail(to: string, link: string): MailMessage {
  return {
    to,
    subject: 'Reset your Instica password',
    text:
      `Someone asked to reset the password of the Instica account ${to}.\n\n` +
      `Choose a new password: ${link}\n\n` +
      `The link can be used once and expires in ${PASSWORD_RESET_TTL_MINUTES} minutes. Resetting the password signs you out everywhere.\n` +
      `If you did not ask for it, ignore this email: your password stays as it is.\n`,
    purpose: 'password_reset',
  };
}

function emailHintEmail(to: string, phoneNumber: string): MailMessage {
  return {
    to,
    subject: 'The email address of your Instica account',
    text:
      `Someone asked which email address the Instica account with the phone number ${phoneNumber} uses.\n\n` +
      `It is ${maskEmail(to)}: sign in with that address.\n\n` +
      `If you did not ask, you can ignore this email.\n`,
    purpose: 'email_recovery',
  };
}
