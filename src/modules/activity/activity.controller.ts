import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { OnlyDeclaredQuery } from '../../common/http/known-query.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { ApiPaginatedResponse, type Page, pageRequest } from '../../common/pagination/pagination.js';
import { ApiAuthErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ActivityEventDto, ActivityFeedQueryDto, ActivityStatsDto } from './dto/activity.dto.js';
import { ActivityService } from './activity.service.js';

const DEFAULT_PAGE_SIZE = 20;

@ApiTags('Activity')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/activity')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  @Get('recent/')
  @OnlyDeclaredQuery(ActivityFeedQueryDto)
  @ApiOperation({
    summary: 'Recent activity feed',
    description:
      "The organization's activity, latest first (20 a page): listings created, failed and delisted, items created and sold, price " +
      'changes, imports and exports completed, orders shipped. Each event says what it concerns (`subject`: its type and uid), on ' +
      'which platform, who acted, and a sentence to show. Every event was written in the same transaction as its action. ' +
      'For counts, see `GET /api/v1/activity/stats/`.',
  })
  @ApiPaginatedResponse(ActivityEventDto, 'One page of events, latest first.')
  @ApiValidationError('An unknown `event_type`, or a parameter this operation does not take, named by its parameter.')
  recent(
    @CurrentAuth() auth: AuthContext,
    @Query() query: ActivityFeedQueryDto,
    @Urls() urls: RequestUrls,
  ): Promise<Page<ActivityEventDto>> {
    return this.activity.recent(auth, query.event_type, pageRequest(query, DEFAULT_PAGE_SIZE), urls);
  }

  @Get('stats/')
  @OnlyDeclaredQuery()
  @ApiOperation({
    summary: 'Activity stats',
    description:
      'How many events of each type the organization had today, in the last 7 days and in the last 30 days, in local days ' +
      "(the caller's `timezone` preference, UTC unless set; today included in each).",
  })
  @ApiOkResponse({ type: ActivityStatsDto, description: 'The counts per period and event type.' })
  @ApiValidationError('A query parameter: this operation takes none.')
  stats(@CurrentAuth() auth: AuthContext): Promise<ActivityStatsDto> {
    return this.activity.stats(auth);
  }
}
