import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { OnlyDeclaredQuery } from '../../common/http/known-query.js';
import { ApiAuthErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ActivityHeatmapDto, ActivityRangeQueryDto, ActivitySeriesDto, ActivitySeriesQueryDto } from '../activity/index.js';
import { FunnelDto, InventoryMetricsDto } from './dto/analytics.dto.js';
import {
  AnalyticsDaysQueryDto,
  PlatformBreakdownDto,
  RevenueSummaryDto,
  SALES_DEFINITION,
  SalesSeriesDto,
  SalesSeriesQueryDto,
  TopCategoriesDto,
  TopCategoriesQueryDto,
} from './dto/order-analytics.dto.js';
import { AnalyticsService } from './analytics.service.js';

const RANGE_ERRORS = {
  example: { days: ['Ensure this value is less than or equal to 365.'], event: ['"foo" is not a valid choice.'] },
} as const;

const DAYS_ERRORS = { example: { days: ['Ensure this value is less than or equal to 365.'] } } as const;
const REVENUE = "revenue is the sum of the sales' `sale_price` (what the buyers paid for the items, before fees and shipping)";

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

  @Get('sales/')
  @OnlyDeclaredQuery(SalesSeriesQueryDto)
  @ApiOperation({
    summary: 'Sales time series',
    description:
      'The sales of the last `days` local days, today included, per `period` bucket: every bucket of the range is present, with 0 when ' +
      `it had no sale; per bucket its sales and their revenue, in one SQL aggregate. ${SALES_DEFINITION} Here ${REVENUE}, a number with two decimals.`,
  })
  @ApiOkResponse({ type: SalesSeriesDto, description: 'The series.' })
  @ApiValidationError('`days` outside 1–365, an unknown `period`, or a parameter this operation does not take, named by its parameter.', {
    example: { days: ['Ensure this value is less than or equal to 365.'], period: ['"year" is not a valid choice.'] },
  })
  sales(@CurrentAuth() auth: AuthContext, @Query() query: SalesSeriesQueryDto): Promise<SalesSeriesDto> {
    return this.analytics.salesSeries(auth, query);
  }

  @Get('platforms/')
  @OnlyDeclaredQuery(AnalyticsDaysQueryDto)
  @ApiOperation({
    summary: 'Platform breakdown',
    description:
      'The sales of the last `days` local days, today included, and their revenue per selling platform (the sales recorded by hand as ' +
      `\`Direct sale\`), in one SQL aggregate. ${SALES_DEFINITION} Here ${REVENUE}, a number with two decimals.`,
  })
  @ApiOkResponse({ type: PlatformBreakdownDto, description: 'The breakdown.' })
  @ApiValidationError('`days` outside 1–365, or a parameter this operation does not take, named by its parameter.', DAYS_ERRORS)
  platforms(@CurrentAuth() auth: AuthContext, @Query() query: AnalyticsDaysQueryDto): Promise<PlatformBreakdownDto> {
    return this.analytics.platformBreakdown(auth, query);
  }

  @Get('revenue/')
  @OnlyDeclaredQuery(AnalyticsDaysQueryDto)
  @ApiOperation({
    summary: 'Revenue summary',
    description:
      'Revenue, sales, average sale, fees, shipping and net revenue of the last `days` local days (today included), and in ' +
      '`previous_period` the same figures for the `days` local days before them, for trend analysis; both periods in one SQL ' +
      `aggregate. ${SALES_DEFINITION} Here ${REVENUE}; fees are \`marketplace_fee\` + \`platform_fee\`; net revenue is revenue − fees − ` +
      '`shipping_cost`. Every amount is a number with two decimals.',
  })
  @ApiOkResponse({ type: RevenueSummaryDto, description: 'The two periods.' })
  @ApiValidationError('`days` outside 1–365, or a parameter this operation does not take, named by its parameter.', DAYS_ERRORS)
  revenue(@CurrentAuth() auth: AuthContext, @Query() query: AnalyticsDaysQueryDto): Promise<RevenueSummaryDto> {
    return this.analytics.revenue(auth, query);
  }

  @Get('categories/top/')
  @OnlyDeclaredQuery(TopCategoriesQueryDto)
  @ApiOperation({
    summary: 'Top categories',
    description:
      'The item types (Vinyl, CD, Cassette...: the category a seller thinks in) that brought the most revenue in the last `days` local ' +
      `days, today included, with their sales, in one SQL aggregate. ${SALES_DEFINITION} Here ${REVENUE}, a number with two decimals.`,
  })
  @ApiOkResponse({ type: TopCategoriesDto, description: 'The categories.' })
  @ApiValidationError('`days` outside 1–365, `limit` outside 1–50, or a parameter this operation does not take, named by its parameter.', {
    example: { limit: ['Ensure this value is less than or equal to 50.'] },
  })
  topCategories(@CurrentAuth() auth: AuthContext, @Query() query: TopCategoriesQueryDto): Promise<TopCategoriesDto> {
    return this.analytics.topCategories(auth, query);
  }
}
