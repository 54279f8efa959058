import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { ApiPaginatedResponse, type Page, PageQueryDto, pageRequest } from '../../common/pagination/pagination.js';
import { ApiAuthErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { CreateSupportRequestDto, SupportRequestDto } from './dto/support.dto.js';
import { SUPPORT_REQUESTS_PER_HOUR, SupportService } from './support.service.js';

const DEFAULT_PAGE_SIZE = 20;

@ApiTags('User & Account')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/user/me/support')
export class SupportController {
  constructor(private readonly support: SupportService) {}

  @Post('/')
  @ApiOperation({
    summary: 'Write to support',
    description:
      `Stores the request and emails it to the support inbox (replies come to your email), with a receipt to you. ` +
      `At most ${SUPPORT_REQUESTS_PER_HOUR} an hour per user, then 429.`,
  })
  @ApiCreatedResponse({ type: SupportRequestDto, description: 'Received.' })
  @ApiValidationError('A missing or blank subject or message, or an unknown category.')
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateSupportRequestDto): Promise<SupportRequestDto> {
    return this.support.create(auth, body);
  }

  @Get('/')
  @ApiOperation({ summary: 'Your support requests', description: 'What you sent in this organization, newest first.' })
  @ApiPaginatedResponse(SupportRequestDto)
  list(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto, @Urls() urls: RequestUrls): Promise<Page<SupportRequestDto>> {
    return this.support.list(auth, pageRequest(query, DEFAULT_PAGE_SIZE), urls);
  }
}
