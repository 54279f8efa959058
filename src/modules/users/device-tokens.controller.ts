import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { ApiPaginatedResponse, type Page, PageQueryDto, pageRequest } from '../../common/pagination/pagination.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { DeviceTokensService } from './device-tokens.service.js';
import { DeviceTokenDto, RegisterDeviceTokenDto } from './dto/device-token.dto.js';

const DEFAULT_PAGE_SIZE = 20;

@ApiTags('User & Account')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/user/me/device-tokens')
export class DeviceTokensController {
  constructor(private readonly devices: DeviceTokensService) {}

  @Post('/')
  @ApiOperation({
    summary: 'Register a device for push notifications',
    description:
      'Idempotent: registering a known token again answers 200 and marks it registered now. A token registered by another ' +
      'user moves to you (the device changed hands).',
  })
  @ApiCreatedResponse({ type: DeviceTokenDto, description: 'Registered a new token.' })
  @ApiOkResponse({ type: DeviceTokenDto, description: 'The token was already registered; it is yours now.' })
  @ApiValidationError('A missing or malformed token, or an unknown provider.')
  async register(
    @CurrentAuth() auth: AuthContext,
    @Body() body: RegisterDeviceTokenDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeviceTokenDto> {
    const { device, created } = await this.devices.register(auth, body);
    void reply.status(created ? 201 : 200);
    return device;
  }

  @Get('/')
  @ApiOperation({ summary: 'Your registered devices', description: 'Most recently registered first.' })
  @ApiPaginatedResponse(DeviceTokenDto)
  list(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto, @Urls() urls: RequestUrls): Promise<Page<DeviceTokenDto>> {
    return this.devices.list(auth, pageRequest(query, DEFAULT_PAGE_SIZE), urls);
  }

  @Delete(':token/')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Unregister a device',
    description: "Idempotent: 204 whether or not you had registered the token; another user's registration is left alone.",
  })
  @ApiNoContentResponse({ description: 'The token no longer sends you notifications.' })
  @ApiNotFound('The path holds what cannot be a push token (a null character).')
  remove(@CurrentAuth() auth: AuthContext, @Param('token') token: string): Promise<void> {
    return this.devices.remove(auth, token);
  }
}
