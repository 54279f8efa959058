import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { ApiAuthErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { PreferencesDto, UpdatePreferencesDto } from './dto/preferences.dto.js';
import { MeDto } from './dto/user.dto.js';
import { UpdateMeDto } from './dto/user-write.dto.js';
import { PreferencesService } from './preferences.service.js';
import { UsersService } from './users.service.js';

@ApiTags('User & Account')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/user/me')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly preferences: PreferencesService,
  ) {}

  @Get('/')
  @ApiOperation({ summary: 'The authenticated user', description: 'Returns the caller with their organization and subscription.' })
  @ApiOkResponse({ type: MeDto, description: 'The caller, their organization and subscription.' })
  me(@CurrentAuth() auth: AuthContext): Promise<MeDto> {
    return this.users.me(auth);
  }

  @Patch('/')
  @ApiOperation({
    summary: 'Update your profile',
    description:
      'Partial update of names, phone number, username and email. Changing the email needs `current_password`, and the old ' +
      'address gets a notice. Every problem is reported at once; nothing changes then.',
  })
  @ApiOkResponse({ type: MeDto, description: 'The caller as now stored.' })
  @ApiValidationError(
    'Invalid field, or an email, username or phone number another account has, or a missing or wrong `current_password`.',
    {
      example: { current_password: ['Your current password is incorrect.'], username: ['A user with that username already exists.'] },
    },
  )
  update(@CurrentAuth() auth: AuthContext, @Body() body: UpdateMeDto): Promise<MeDto> {
    return this.users.updateMe(auth, body);
  }

  @Get('preferences/')
  @ApiOperation({
    summary: 'Your preferences',
    description: 'Currency, time zone, notification choices and listing defaults; the defaults until changed.',
  })
  @ApiOkResponse({ type: PreferencesDto, description: 'Your preferences.' })
  getPreferences(@CurrentAuth() auth: AuthContext): Promise<PreferencesDto> {
    return this.preferences.get(auth.userId);
  }

  @Patch('preferences/')
  @ApiOperation({
    summary: 'Change your preferences',
    description: 'Only the fields sent change, key by key inside `notifications` and `listing_defaults`.',
  })
  @ApiOkResponse({ type: PreferencesDto, description: 'Your preferences as now stored.' })
  @ApiValidationError('An unknown currency, time zone or platform, or a value of the wrong type.', {
    example: { timezone: ['"Mars/Olympus" is not a known time zone: use an IANA name such as "Europe/London".'] },
  })
  updatePreferences(@CurrentAuth() auth: AuthContext, @Body() body: UpdatePreferencesDto): Promise<PreferencesDto> {
    return this.preferences.update(auth.userId, body);
  }
}
