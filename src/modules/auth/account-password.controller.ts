import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { ApiAuthErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { RecoveryMsg } from './account-recovery.rules.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto } from './dto/account-recovery.dto.js';

/** The caller's password, under the users' path; sessions and passwords are the auth module's. */
@ApiTags('User & Account')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/user')
export class AccountPasswordController {
  constructor(private readonly auth: AuthService) {}

  @Post('me/password/')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change the password',
    description:
      "Sets a new password once the current one is confirmed, and ends the user's other sessions: every bearer token but the " +
      'one of this call (all of them when called with an API key). API keys keep working; outstanding password reset links ' +
      'stop working. An account created by Sign in with Apple has no password to confirm: a password reset sets one.',
  })
  @ApiNoContentResponse({ description: 'The password is changed.' })
  @ApiValidationError(
    `The current password is wrong (\`{"current_password": ["${RecoveryMsg.wrongCurrentPassword}"]}\`), or the new one is under 8 characters.`,
    {
      example: { current_password: [RecoveryMsg.wrongCurrentPassword] },
    },
  )
  changePassword(@CurrentAuth() auth: AuthContext, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(auth, body);
  }
}
