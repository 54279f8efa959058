import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { ApiPaginatedResponse, type Page, pageRequest } from '../../common/pagination/pagination.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { OrderDetailDto, OrderDto, OrderStatsDto, OrderSyncAcceptedDto } from './dto/order.dto.js';
import { OrderQueryDto } from './dto/order-query.dto.js';
import { OrdersService } from './orders.service.js';

const DEFAULT_PAGE_SIZE = 25;

@ApiTags('Orders')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get('/')
  @ApiOperation({
    summary: 'List orders',
    description:
      'The orders of every connected marketplace and the sales made outside them, newest first by default (25 a page, at most 100). ' +
      'A marketplace order of several items is one order per item, under the same `order_id`.',
  })
  @ApiPaginatedResponse(OrderDto)
  @ApiValidationError('An unknown `platform` or `ordering`, or a `search` or `status` too long, named by its parameter.')
  list(@CurrentAuth() auth: AuthContext, @Query() query: OrderQueryDto, @Urls() urls: RequestUrls): Promise<Page<OrderDto>> {
    return this.orders.list(auth, query, pageRequest(query, DEFAULT_PAGE_SIZE), urls);
  }

  @Get('stats/')
  @ApiOperation({
    summary: 'Order stats',
    description:
      'Counts by status and money totals (decimal strings) of every order that is not cancelled, computed in one SQL aggregate. ' +
      '`total_fees` adds the marketplace and platform fees; `total_net` the net revenues.',
  })
  @ApiOkResponse({ type: OrderStatsDto, description: 'The counts and totals.' })
  stats(@CurrentAuth() auth: AuthContext): Promise<OrderStatsDto> {
    return this.orders.stats(auth);
  }

  @Post('sync/')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Sync orders now',
    description:
      "Queues a sync of the organization's live marketplace connections at once (they are also synced every `ORDER_SYNC_INTERVAL_S`): " +
      'the orders created or changed since the last sync, recorded once each; a sale takes the item down on every other platform.',
  })
  @ApiAcceptedResponse({ type: OrderSyncAcceptedDto, description: 'The syncs are queued.' })
  queueSync(@CurrentAuth() auth: AuthContext): Promise<OrderSyncAcceptedDto> {
    return this.orders.queueSync(auth);
  }

  @Get(':uid/')
  @ApiOperation({ summary: 'Order detail', description: 'The full order: money, the buyer’s address, shipment, rate and label details.' })
  @ApiOkResponse({ type: OrderDetailDto, description: 'The order.' })
  @ApiNotFound()
  get(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string, @Urls() urls: RequestUrls): Promise<OrderDetailDto> {
    return this.orders.get(auth, uid, urls);
  }
}
