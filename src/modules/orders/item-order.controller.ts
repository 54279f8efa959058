import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { Client, type ClientRequest } from '../../common/http/client-request.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { Idempotent } from '../../infra/idempotency/idempotent.decorator.js';
import { OrderDetailDto, SaleRefusedDto } from './dto/order.dto.js';
import { ManualSaleDto, ShipOrderDto, UpdateOrderDto } from './dto/order-write.dto.js';
import { OrdersService } from './orders.service.js';

const NO_ORDER =
  'No such item (or deleted, or another organization’s), or the item has no order that stands (none, or only cancelled ones).';

/** An inventory item's order: a sale made outside the platforms, its shipment. */
@ApiTags('Orders')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/inventory/:uid/order')
export class ItemOrderController {
  constructor(private readonly orders: OrdersService) {}

  @Get('/')
  @ApiOperation({ summary: "Item's order", description: 'The order of the item that stands (the newest that is not cancelled).' })
  @ApiOkResponse({ type: OrderDetailDto, description: 'The order.' })
  @ApiNotFound(NO_ORDER)
  get(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string, @Urls() urls: RequestUrls): Promise<OrderDetailDto> {
    return this.orders.itemOrder(auth, uid, urls);
  }

  @Post('/')
  @Idempotent()
  @ApiOperation({
    summary: 'Record a sale',
    description:
      'A sale made outside any platform (a record fair, the shop counter): recorded as an order without platform, and as for a ' +
      'marketplace sale the item becomes `sold` and every live listing of it is delisted ahead of other work on those platforms. ' +
      'Without `shipment_address` the sale is handed over at once (`completed`); with one it awaits shipment.',
  })
  @ApiCreatedResponse({ type: OrderDetailDto, description: 'The order recorded.' })
  @ApiValidationError('An invalid field, named; or the item is sold or cancelled (`blocking_code`).', { alternative: SaleRefusedDto })
  @ApiNotFound('No such item (or deleted, or another organization’s).')
  record(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Param('uid') uid: string,
    @Body() body: ManualSaleDto,
    @Urls() urls: RequestUrls,
  ): Promise<OrderDetailDto> {
    return this.orders.recordManualSale({ auth, client }, uid, body, urls);
  }

  @Put('/')
  @ApiOperation({
    summary: 'Update order',
    description: 'The writable shipment fields, each optional (null and blank allowed); the address as a nested update.',
  })
  @ApiOkResponse({ type: OrderDetailDto, description: 'The order as it is now.' })
  @ApiValidationError()
  @ApiNotFound(NO_ORDER)
  replace(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Param('uid') uid: string,
    @Body() body: UpdateOrderDto,
    @Urls() urls: RequestUrls,
  ): Promise<OrderDetailDto> {
    return this.orders.update({ auth, client }, uid, body, urls);
  }

  @Patch('/')
  @ApiOperation({ summary: 'Update order (partial)', description: 'As PUT: only the fields sent change.' })
  @ApiOkResponse({ type: OrderDetailDto, description: 'The order as it is now.' })
  @ApiValidationError()
  @ApiNotFound(NO_ORDER)
  update(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Param('uid') uid: string,
    @Body() body: UpdateOrderDto,
    @Urls() urls: RequestUrls,
  ): Promise<OrderDetailDto> {
    return this.orders.update({ auth, client }, uid, body, urls);
  }

  @Post('ship/')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark as shipped',
    description:
      'The order becomes `shipped` with its tracking, and the tracking goes to the marketplace in the background (eBay shipping ' +
      'fulfillment, Etsy receipt tracking, Shopify fulfillment with tracking, Discogs `Shipped` with a message to the buyer), retried ' +
      'when the platform fails; `shipment_sync_status` shows whether it arrived. Shipping again sends the tracking again.',
  })
  @ApiOkResponse({ type: OrderDetailDto, description: 'The order, shipped.' })
  @ApiValidationError('A missing `tracking_number`, or a `carrier` not in `GET /api/v1/inventory/choices/shipment-carriers/`.')
  @ApiNotFound(NO_ORDER)
  ship(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Param('uid') uid: string,
    @Body() body: ShipOrderDto,
    @Urls() urls: RequestUrls,
  ): Promise<OrderDetailDto> {
    return this.orders.ship({ auth, client }, uid, body, urls);
  }
}
