import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth, RequiresSubscription } from '../../common/auth/decorators.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { ApiPaginatedResponse, type Page, PageQueryDto, pageRequest } from '../../common/pagination/pagination.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto.js';

const DEFAULT_PAGE_SIZE = 20;

@ApiTags('API keys')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get('/')
  @ApiOperation({ summary: 'List API keys', description: "The organization's keys, newest first. The secret key is never shown again." })
  @ApiPaginatedResponse(ApiKeyDto)
  list(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto, @Urls() urls: RequestUrls): Promise<Page<ApiKeyDto>> {
    return this.apiKeys.list(auth, pageRequest(query, DEFAULT_PAGE_SIZE), urls);
  }

  @Post('/')
  @RequiresSubscription()
  @ApiOperation({ summary: 'Create an API key', description: 'The response is the only place the whole `key` appears: store it securely.' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The new key, with the whole `key` shown this once.' })
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
