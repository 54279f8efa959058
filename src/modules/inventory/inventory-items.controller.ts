import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { Client, type ClientRequest } from '../../common/http/client-request.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { ApiPaginatedResponse, type Page, PageQueryDto, pageRequest } from '../../common/pagination/pagination.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ListingDto } from '../listings/index.js';
import { AuditLogDto } from './dto/audit-log.dto.js';
import { CreateInventoryItemDto, UpdateInventoryItemDto } from './dto/inventory-item-write.dto.js';
import { InventoryItemDetailDto, InventoryItemDto } from './dto/inventory-item.dto.js';
import { InventoryQueryDto } from './dto/inventory-query.dto.js';
import { InventoryItemsService } from './inventory-items.service.js';

const DEFAULT_PAGE_SIZE = 10;
const AUDIT_PAGE_SIZE = 20;

@ApiTags('Inventory')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/inventory')
export class InventoryItemsController {
  constructor(private readonly items: InventoryItemsService) {}

  @Get('/')
  @ApiOperation({
    summary: 'List inventory items',
    description:
      "The organization's inventory items (not deleted), with nested product, organization, user and assets and the computed fields (default 10 a page, at most 100).",
  })
  @ApiPaginatedResponse(InventoryItemDto)
  @ApiValidationError('An invalid status or ordering value, named by its parameter.')
  list(@CurrentAuth() auth: AuthContext, @Query() query: InventoryQueryDto, @Urls() urls: RequestUrls): Promise<Page<InventoryItemDto>> {
    return this.items.list(auth, query, pageRequest(query, DEFAULT_PAGE_SIZE), urls);
  }

  @Post('/')
  @ApiOperation({
    summary: 'Create an inventory item',
    description:
      'Links the item to an existing product by `product_uid`, or creates a physical product from `product_title` (with the write-only `product_*` fields); ' +
      'without either, `name` is required and titles the new product. `status` defaults to `draft`.',
  })
  @ApiCreatedResponse({ type: InventoryItemDetailDto, description: 'The created item.' })
  @ApiValidationError()
  create(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Body() body: CreateInventoryItemDto,
    @Urls() urls: RequestUrls,
  ): Promise<InventoryItemDetailDto> {
    return this.items.create({ auth, client }, body, urls);
  }

  @Get(':uid/')
  @ApiOperation({
    summary: 'Get an inventory item',
    description:
      "The full item: the list fields plus `is_sold` and `platform_listability` (per platform, whether it can be listed there now and the first `blocking_code` if not); another organization's or a deleted item is a 404.",
  })
  @ApiOkResponse({ type: InventoryItemDetailDto, description: 'The item.' })
  @ApiNotFound()
  get(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string, @Urls() urls: RequestUrls): Promise<InventoryItemDetailDto> {
    return this.items.get(auth, uid, urls);
  }

  @Patch(':uid/')
  @ApiOperation({
    summary: 'Update an inventory item',
    description: 'Partial update with the writable fields of create: only the fields sent change.',
  })
  @ApiOkResponse({ type: InventoryItemDetailDto, description: 'The updated item.' })
  @ApiValidationError()
  @ApiNotFound()
  update(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Param('uid') uid: string,
    @Body() body: UpdateInventoryItemDto,
    @Urls() urls: RequestUrls,
  ): Promise<InventoryItemDetailDto> {
    return this.items.update({ auth, client }, uid, body, urls);
  }

  @Delete(':uid/')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete an inventory item',
    description:
      'Soft delete: the item leaves lists, detail and product counts and can be restored (bulk restore). A 400 when the item sold or has active listings (`is_deletable` false).',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiValidationError('The item cannot be deleted (`non_field_errors` says why); nothing changed.')
  @ApiNotFound()
  delete(@CurrentAuth() auth: AuthContext, @Client() client: ClientRequest, @Param('uid') uid: string): Promise<void> {
    return this.items.delete({ auth, client }, uid);
  }

  @Get(':uid/listings/')
  @ApiOperation({
    summary: "The item's marketplace listings",
    description:
      'Every listing of the item, in platform display order, with the actions its state allows (`permissions`) and why others are not (`action_reasons`).',
  })
  @ApiOkResponse({ type: ListingDto, isArray: true, description: 'The listings (empty when the item was never listed).' })
  @ApiNotFound()
  listings(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<ListingDto[]> {
    return this.items.itemListings(auth, uid);
  }

  @Get(':uid/audit-logs/')
  @ApiOperation({
    summary: 'Item audit logs',
    description:
      'Every change of the item (creation, updates with before/after values, status and price changes, deletion, photos), newest first (20 a page).',
  })
  @ApiPaginatedResponse(AuditLogDto)
  @ApiNotFound()
  auditLogs(
    @CurrentAuth() auth: AuthContext,
    @Param('uid') uid: string,
    @Query() query: PageQueryDto,
    @Urls() urls: RequestUrls,
  ): Promise<Page<AuditLogDto>> {
    return this.items.auditLogs(auth, uid, pageRequest(query, AUDIT_PAGE_SIZE), urls);
  }
}
