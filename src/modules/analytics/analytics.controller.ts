import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { OnlyDeclaredQuery } from '../../common/http/known-query.js';
import { ApiAuthErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ActivityHeatmapDto, ActivityRangeQueryDto, ActivitySeriesDto, ActivitySeriesQueryDto } from '../activity/index.js';
import { FunnelDto, InventoryMetricsDto } from './dto/analytics.dto.js';
import { AnalyticsService } from './analytics.service.js';

const RANGE_ERRORS = {
  example: { days: ['Ensure this value is less than or equal to 365.'], event: ['"foo" is not a valid choice.'] },
} as const;

@ApiTags('Analytics')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('funnel/')
  @OnlyDeclaredQuery()
  @ApiOperation({
    summary: 'Inventory lifecycle funnel',
    description:
      "A snapshot of the organization's items (not deleted, not cancelled) at each lifecycle stage, from the items' statuses and their " +
      'listings: each item counts in exactly one stage.',
  })
  @ApiOkResponse({ type: FunnelDto, description: 'The counts per stage.' })
  @ApiValidationError('A query parameter: this operation takes none.')
  funnel(@CurrentAuth() auth: AuthContext): Promise<FunnelDto> {
    return this.analytics.funnel(auth);
  }

  @Get('inventory/')
  @OnlyDeclaredQuery()
  @ApiOperation({
    summary: 'Inventory metrics',
    description: "Current count and value of the organization's items (not deleted), in total and per status, in one SQL aggregate.",
  })
  @ApiOkResponse({ type: InventoryMetricsDto, description: 'The totals and the breakdown by status.' })
  @ApiValidationError('A query parameter: this operation takes none.')
  inventory(@CurrentAuth() auth: AuthContext): Promise<InventoryMetricsDto> {
    return this.analytics.inventoryMetrics(auth);
  }

  @Get('activity/')
  @OnlyDeclaredQuery(ActivitySeriesQueryDto)
  @ApiOperation({
    summary: 'Activity time series',
    description:
      'Activity events (listings created, items sold, imports and exports completed, price changes...) of the last `days` local days, today ' +
      'included, per `period` bucket: every bucket of the range is present, with 0 when it had no event. `value` counts the events of ' +
      "the `event` type (all types without it); `events` gives each type's count. Days are the caller's `timezone` preference (UTC unless set).",
  })
  @ApiOkResponse({ type: ActivitySeriesDto, description: 'The series.' })
  @ApiValidationError(
    '`days` outside 1–365, an unknown `period` or `event`, or a parameter this operation does not take, named by its parameter.',
    RANGE_ERRORS,
  )
  activity(@CurrentAuth() auth: AuthContext, @Query() query: ActivitySeriesQueryDto): Promise<ActivitySeriesDto> {
    return this.analytics.activitySeries(auth, query);
  }

  @Get('activity/heatmap/')
  @OnlyDeclaredQuery(ActivityRangeQueryDto)
  @ApiOperation({
    summary: 'Activity heatmap',
    description:
      'Activity events of the last `days` local days (default 30) by local day of the week and hour of the day: when the seller and ' +
      "their buyers are busiest. `event` counts one type only. Days and hours are the caller's `timezone` preference (UTC unless set).",
  })
  @ApiOkResponse({ type: ActivityHeatmapDto, description: 'The 168 cells.' })
  @ApiValidationError(
    '`days` outside 1–365, an unknown `event`, or a parameter this operation does not take, named by its parameter.',
    RANGE_ERRORS,
  )
  heatmap(@CurrentAuth() auth: AuthContext, @Query() query: ActivityRangeQueryDto): Promise<ActivityHeatmapDto> {
    return this.analytics.activityHeatmap(auth, query);
  }
}
