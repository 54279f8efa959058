import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { CurrentAuth, RequiresSubscription } from '../../common/auth/decorators.js';
import { ApiPaginatedResponse, assertPageExists, Page, PageQueryDto, pageRequest, toPage } from '../../common/pagination/pagination.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto.js';

const DEFAULT_PAGE_SIZE = 20;

@ApiTags('API keys')
@ApiAuthErrors()
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get('/')
  @ApiOperation({ summary: 'List API keys', description: "The organization's keys, newest first. The secret key is never shown again." })
  @ApiPaginatedResponse(ApiKeyDto)
  @ApiValidationError('An invalid query parameter, named by its parameter.')
  @ApiNotFound()
  async list(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto, @Req() request: FastifyRequest): Promise<Page<ApiKeyDto>> {
    const page = pageRequest(query, DEFAULT_PAGE_SIZE);
    const { count, results } = await this.apiKeys.page(auth, page);
    assertPageExists(page, count);
    return toPage(request, page, count, results);
  }

  @Post('/')
  @RequiresSubscription()
  @ApiOperation({ summary: 'Create an API key', description: 'The response is the only place the whole `key` appears: store it securely.' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiValidationError()
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(auth, body.name);
  }

  @Delete(':uid/')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an API key', description: 'Requests that send the key are refused with 401 from now on.' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFound()
  delete(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<void> {
    return this.apiKeys.delete(auth, uid);
  }
}
