import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth, Public } from '../../common/auth/decorators.js';
import { ApiAuthErrors, ApiCommonErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { AuthService } from './auth.service.js';
import { LoginDto, LoginResponseDto, RegisterEmailDto, RegisterResponseDto, ValidateResponseDto } from './dto/auth.dto.js';

@ApiTags('Authentication')
@AnyRole()
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

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
