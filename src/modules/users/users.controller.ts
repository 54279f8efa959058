import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { ApiAuthErrors } from '../../common/swagger/api-errors.decorator.js';
import { MeDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('User & Account')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/user')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me/')
  @ApiOperation({ summary: 'The authenticated user', description: 'Returns the caller with their organization and subscription.' })
  @ApiOkResponse({ type: MeDto, description: 'The caller, their organization and subscription.' })
  me(@CurrentAuth() auth: AuthContext): Promise<MeDto> {
    return this.users.me(auth);
  }
}
