import { Msg } from '../../common/errors/messages.js';
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth, Public } from '../../common/auth/decorators.js';
import { ApiAuthErrors, ApiCommonErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ErrorDetailDto } from '../../common/swagger/error.dto.js';
import { AccountRecoveryService } from './account-recovery.service.js';
import { EMAIL_RECOVERY_LIMIT, PASSWORD_RESET_LIMIT, PASSWORD_RESET_TTL_MINUTES, RecoveryMsg } from './account-recovery.rules.js';
import { AppleMsg } from './apple-sign-in.rules.js';
import { AuthService } from './auth.service.js';
import { AccountMessageDto, EmailRecoveryDto, PasswordResetConfirmDto, PasswordResetRequestDto } from './dto/account-recovery.dto.js';
import { AppleSignInDto, LoginDto, LoginResponseDto, RegisterEmailDto, RegisterResponseDto, ValidateResponseDto } from './dto/auth.dto.js';

const minutes = (ms: number) => ms / 60_000;

@ApiTags('Authentication')
@AnyRole()
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly recovery: AccountRecoveryService,
  ) {}

  @Post('register/email/')
  @Public()
  @ApiOperation({
    summary: 'Register with email and password',
    description: 'Creates the user, their organization (the user is its owner) and a trial subscription, and returns a bearer token.',
  })
  @ApiCreatedResponse({ type: RegisterResponseDto, description: 'Registered: a bearer token, the user and their organization.' })
  @ApiValidationError('Malformed or already registered email, or a password under 8 characters.')
  @ApiCommonErrors()
  register(@Body() body: RegisterEmailDto): Promise<RegisterResponseDto> {
    return this.auth.register(body);
  }

  @Post('login/')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with email and password', description: 'Returns a new bearer token, valid until logout.' })
  @ApiOkResponse({ type: LoginResponseDto, description: 'A new bearer token and the user.' })
  @ApiValidationError('Wrong credentials: `{"non_field_errors": ["Unable to log in with provided credentials."]}`.')
  @ApiCommonErrors()
  login(@Body() body: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(body);
  }

  @Post('apple/')
  @Public()
  @ApiOperation({
    summary: 'Sign in with Apple',
    description:
      "Checks the identity token from Sign in with Apple (signature against Apple's keys, `iss`, `aud` = `APPLE_CLIENT_ID`, " +
      'expiry) and signs in the account linked to its `sub`: **200**. Without one, an account with the same email is linked ' +
      'when Apple says the email is verified (`email_verified` true), and signs in: **200**. Otherwise a new account is ' +
      'created as registration creates one (its own organization, which it owns, and a trial), with `first_name`/`last_name` ' +
      'and no usable password (a password reset sets one): **201**. An email another account uses that Apple has not ' +
      'verified is refused (400), so that account must sign in with its password.',
  })
  @ApiOkResponse({
    type: LoginResponseDto,
    description: 'An existing account (linked now or before) signed in: a new bearer token and the user.',
  })
  @ApiCreatedResponse({ type: LoginResponseDto, description: 'A new account was created: a bearer token and the user.' })
  @ApiValidationError(
    'The identity token is forged, expired, for another app (`aud`) or issuer (`iss`), malformed or has no email for a new ' +
      'account, or its unverified email belongs to another account: `{"identity_token": ["..."]}`.',
    { example: { identity_token: [AppleMsg.expired] } },
  )
  @ApiResponse({
    status: 503,
    description: `Not configured (\`${AppleMsg.notConfigured}\`), or Apple's keys could not be fetched to check the token.`,
    type: ErrorDetailDto,
  })
  @ApiCommonErrors()
  async signInWithApple(@Body() body: AppleSignInDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponseDto> {
    const { created, session } = await this.auth.signInWithApple(body);
    void reply.status(created ? 201 : 200);
    return session;
  }

  @Post('password/reset/')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Request a password reset link',
    description:
      `Emails the account with this address a link \`<PUBLIC_URL>/reset-password?token=...\`, single use and valid ` +
      `${PASSWORD_RESET_TTL_MINUTES} minutes. Answers the same whether or not an account uses the address. At most ` +
      `${PASSWORD_RESET_LIMIT.limit} requests per address per ${minutes(PASSWORD_RESET_LIMIT.windowMs)} minutes, then 429.`,
  })
  @ApiOkResponse({ type: AccountMessageDto, description: `Always \`{"detail": "${RecoveryMsg.resetRequested}"}\`.` })
  @ApiValidationError('A malformed email address.')
  @ApiCommonErrors()
  requestPasswordReset(@Body() body: PasswordResetRequestDto): Promise<AccountMessageDto> {
    return this.recovery.requestPasswordReset(body);
  }

  @Post('password/reset/confirm/')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set a new password with a reset token',
    description:
      "Sets the password, uses up the token and every other reset token of the user, and ends all the user's sessions " +
      '(bearer tokens; API keys keep working).',
  })
  @ApiOkResponse({ type: AccountMessageDto, description: 'The password is reset; sign in with it.' })
  @ApiValidationError(
    `An unknown, used or expired token (\`{"token": ["${RecoveryMsg.invalidResetToken}"]}\`), or a password under 8 characters.`,
    {
      example: { token: [RecoveryMsg.invalidResetToken] },
    },
  )
  @ApiCommonErrors()
  confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<AccountMessageDto> {
    return this.recovery.confirmPasswordReset(body);
  }

  @Post('email/recover/')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Recover the email address of an account',
    description:
      'Emails every account with this phone number a hint of its email address, masked like `j***@e******.com`. Answers the ' +
      `same whether or not an account has the number. At most ${EMAIL_RECOVERY_LIMIT.limit} requests per phone number per ` +
      `${minutes(EMAIL_RECOVERY_LIMIT.windowMs)} minutes, then 429.`,
  })
  @ApiOkResponse({ type: AccountMessageDto, description: `Always \`{"detail": "${RecoveryMsg.emailHintRequested}"}\`.` })
  @ApiValidationError('A phone number not in E.164 format.', { example: { phone_number: [Msg.phoneNumber] } })
  @ApiCommonErrors()
  recoverEmail(@Body() body: EmailRecoveryDto): Promise<AccountMessageDto> {
    return this.recovery.recoverEmail(body);
  }

  @Post('validate/')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check credentials',
    description: 'Answers 200 with the user for a live bearer token or API key, 401 otherwise.',
  })
  @ApiOkResponse({ type: ValidateResponseDto, description: 'The credentials are live; the user they belong to.' })
  @ApiAuthErrors()
  async validate(@CurrentAuth() auth: AuthContext): Promise<ValidateResponseDto> {
    return { valid: true, user: await this.auth.user(auth) };
  }

  @Post('logout/')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out', description: 'Invalidates the bearer token used for this request.' })
  @ApiNoContentResponse({ description: 'Logged out.' })
  @ApiAuthErrors()
  logout(@CurrentAuth() auth: AuthContext): Promise<void> {
    return this.auth.logout(auth);
  }
}
