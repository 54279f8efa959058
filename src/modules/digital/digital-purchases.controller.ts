import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { ApiPaginatedResponse, type Page, PageQueryDto, pageRequest } from '../../common/pagination/pagination.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import {
  DigitalDownloadLogDto,
  DigitalPurchaseDto,
  DigitalPurchaseQueryDto,
  FulfillDigitalPurchaseDto,
} from './dto/digital-purchase.dto.js';
import { DigitalService } from './digital.service.js';
import { RESENDS_PER_HOUR } from './digital.rules.js';

const DEFAULT_PAGE_SIZE = 20;

@ApiTags('Digital')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/digital')
export class DigitalPurchasesController {
  constructor(private readonly digital: DigitalService) {}

  @Post('fulfill/')
  @ApiOperation({
    summary: 'Fulfill a digital purchase (send download email)',
    description:
      'Creates a purchase of the product for the buyer and emails them a download link: ' +
      '`GET /api/v1/digital/download/{token}/`, a random token of which only the SHA-256 is stored, valid `DIGITAL_LINK_TTL_DAYS` ' +
      '(30 by default) with `DIGITAL_DOWNLOAD_LIMIT` downloads (5 by default) of each asset. Recorded in the activity feed ' +
      '(`digital_fulfilled`). With an `order_uid` the product was already fulfilled for, the existing purchase is answered (200) and no email is sent.',
  })
  @ApiCreatedResponse({ type: DigitalPurchaseDto, description: 'The new purchase; its email is queued.' })
  @ApiOkResponse({ type: DigitalPurchaseDto, description: "The purchase that already fulfils this order's product; nothing was sent." })
  @ApiValidationError('A missing or invalid field; on `product_uid`: no such product in the organization, or it has no digital asset.', {
    example: { product_uid: ['This product has no digital asset to send: upload one first.'] },
  })
  async fulfill(
    @CurrentAuth() auth: AuthContext,
    @Body() body: FulfillDigitalPurchaseDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DigitalPurchaseDto> {
    const { purchase, created } = await this.digital.fulfil(
      { organizationId: auth.organizationId, userId: auth.userId },
      { productUid: body.product_uid, buyerEmail: body.buyer_email, buyerName: body.buyer_name, orderUid: body.order_uid },
    );
    void reply.code(created ? 201 : 200);
    return purchase;
  }

  @Get('purchases/')
  @ApiOperation({ summary: 'List digital purchases', description: 'Newest first (20 a page), filtered by `search` and `product_uid`.' })
  @ApiPaginatedResponse(DigitalPurchaseDto)
  list(
    @CurrentAuth() auth: AuthContext,
    @Query() query: DigitalPurchaseQueryDto,
    @Urls() urls: RequestUrls,
  ): Promise<Page<DigitalPurchaseDto>> {
    const filters = { search: query.search?.trim() || undefined, productUid: query.product_uid?.trim() || undefined };
    return this.digital.list(auth, filters, pageRequest(query, DEFAULT_PAGE_SIZE), urls);
  }

  @Get('purchases/:uid/')
  @ApiOperation({
    summary: 'Purchase detail',
    description: "The purchase, its status and downloads so far; another organization's is a 404.",
  })
  @ApiOkResponse({ type: DigitalPurchaseDto, description: 'The purchase.' })
  @ApiNotFound()
  get(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<DigitalPurchaseDto> {
    return this.digital.get(auth, uid);
  }

  @Post('purchases/:uid/resend-email/')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resend download email',
    description:
      'Emails the buyer a new link to the same purchase: same expiry and limits, downloads so far still counted. Tokens are stored ' +
      `only as digests, so the link is new and the links sent before stop working (410). At most ${RESENDS_PER_HOUR} an hour per purchase (429).`,
  })
  @ApiOkResponse({ type: DigitalPurchaseDto, description: 'The purchase; the email is queued.' })
  @ApiValidationError('The purchase is expired or revoked, or its product was deleted (`non_field_errors`); nothing was sent.')
  @ApiNotFound()
  resend(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<DigitalPurchaseDto> {
    return this.digital.resend(auth, uid);
  }

  @Post('purchases/:uid/revoke/')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a purchase',
    description: 'Its download links answer 410 from now on (a refund, a chargeback). Revoking it again changes nothing.',
  })
  @ApiOkResponse({ type: DigitalPurchaseDto, description: 'The purchase, `revoked`.' })
  @ApiNotFound()
  revoke(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<DigitalPurchaseDto> {
    return this.digital.revoke(auth, uid);
  }

  @Get('purchases/:uid/download-logs/')
  @ApiOperation({
    summary: 'View download history',
    description:
      'Every request that sent (part of) a file, newest first (20 a page): the asset, when, from which IP and user agent, the bytes sent ' +
      'and whether the response completed. A resumed range is logged with `is_resume` and does not count as a new download.',
  })
  @ApiPaginatedResponse(DigitalDownloadLogDto)
  @ApiNotFound('No such purchase in the organization, or a page past the last (`Invalid page.`).')
  logs(
    @CurrentAuth() auth: AuthContext,
    @Param('uid') uid: string,
    @Query() query: PageQueryDto,
    @Urls() urls: RequestUrls,
  ): Promise<Page<DigitalDownloadLogDto>> {
    return this.digital.downloadLogs(auth, uid, pageRequest(query, DEFAULT_PAGE_SIZE), urls);
  }
}
