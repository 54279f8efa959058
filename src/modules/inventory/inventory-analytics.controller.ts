import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { ApiAuthErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import {
  InventoryAnalyticsSummaryDto,
  InventoryAnalyticsTrendsDto,
  InventoryAnalyticsTrendsQueryDto,
} from './dto/inventory-analytics.dto.js';
import { InventoryAnalyticsService } from './inventory-analytics.service.js';

@ApiTags('Inventory')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/inventory/analytics')
export class InventoryAnalyticsController {
  constructor(private readonly analytics: InventoryAnalyticsService) {}

  @Get('summary/')
  @ApiOperation({
    summary: 'Analytics summary',
    description:
      "Counts, money totals, sell-through rate, average days to sell and status breakdown over the organization's items " +
      '(deleted ones never count), computed when asked. Each field says exactly what it adds up.',
  })
  @ApiOkResponse({ type: InventoryAnalyticsSummaryDto, description: 'The figures, as of `updated_at`.' })
  summary(@CurrentAuth() auth: AuthContext): Promise<InventoryAnalyticsSummaryDto> {
    return this.analytics.summary(auth);
  }

  @Get('trends/')
  @ApiOperation({
    summary: 'Analytics trends',
    description:
      'Daily purchases, listings and sales of the last `days` days (UTC), today included: every day of the range is in every series, ' +
      'with a count of 0 and a value of "0.00" on a day without any.',
  })
  @ApiOkResponse({ type: InventoryAnalyticsTrendsDto, description: 'The three daily series.' })
  @ApiValidationError('`days` is not a whole number from 1 to 365.', {
    example: { days: ['Ensure this value is less than or equal to 365.'] },
  })
  trends(@CurrentAuth() auth: AuthContext, @Query() query: InventoryAnalyticsTrendsQueryDto): Promise<InventoryAnalyticsTrendsDto> {
    return this.analytics.trends(auth, query.days);
  }
}
