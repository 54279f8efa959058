import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth, RequiresSubscription } from '../../common/auth/decorators.js';
import { Client, type ClientRequest } from '../../common/http/client-request.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { Idempotent } from '../../infra/idempotency/idempotent.decorator.js';
import { ListOnPlatformDto } from './dto/listing-action.dto.js';
import {
  BulkDelistDto,
  BulkListDto,
  BulkListingResponseDto,
  ItemPlatformsDelistDto,
  ItemPlatformsListDto,
  MAX_BULK_LISTING_ITEMS,
} from './dto/listing-bulk.dto.js';
import { ListingBulkService } from './listing-bulk.service.js';

/** What every operation here does with its pairs, said once in each description. */
const FRAME =
  'Each item × platform pair goes through the checks of the single list/delist (primary address, a platform with an API, a live ' +
  'connection, the item, its listability) and is answered at once in `results`: submitted (`in_progress` / `delisting`, carried out in ' +
  'the background, outcome on `GET .../{uid}/listings/`), `listing_failed` for want of a price (`price_not_set`), or `refused` with its ' +
  'message and `blocking_code`. A refused pair does not stop the others; the answer is 200 whatever was refused.';
const RESULT = { type: BulkListingResponseDto, description: 'One result per item and platform.' };
const SLUG = ApiParam({
  name: 'slug',
  description: 'A platform slug, as documented (`ebay`, `discogs`...); the action covers every platform.',
});
const ITEMS_LIMIT =
  `\`items\` (or its alias \`uids\`) takes 1 to ${MAX_BULK_LISTING_ITEMS} distinct uids (fewer when the plan's \`max_items_per_batch\` ` +
  "is lower); an unknown uid, or another organization's, is refused as `Not found.` for that item. ";

@ApiTags('Inventory')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/inventory')
export class ListingBulkController {
  constructor(private readonly bulk: ListingBulkService) {}

  @Post('bulk/list/')
  @Idempotent()
  @RequiresSubscription()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bulk list',
    description: `Lists every item on every platform of \`platforms\`, as drafts by default (\`is_draft\`). ${ITEMS_LIMIT}${FRAME}`,
  })
  @ApiOkResponse(RESULT)
  @ApiValidationError(
    'Invalid `items`/`uids` (missing, empty, duplicated, over the limit), `platforms` (missing, empty, duplicated, unknown slug) or `is_draft`.',
    {
      example: {
        items: ['Your plan allows at most 100 items per bulk request; this one has 101.'],
        platforms: ['"myspace" is not a valid choice.'],
      },
    },
  )
  bulkList(@CurrentAuth() auth: AuthContext, @Client() client: ClientRequest, @Body() body: BulkListDto): Promise<BulkListingResponseDto> {
    return this.bulk.bulk({ auth, client }, 'list', body);
  }

  @Post('bulk/delist/')
  @Idempotent()
  @RequiresSubscription()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bulk delist',
    description:
      'Delists every item from every platform of `platforms`, or, without `platforms`, from every platform where it has a live listing ' +
      `(an item with none is refused). ${ITEMS_LIMIT}${FRAME}`,
  })
  @ApiOkResponse(RESULT)
  @ApiValidationError(
    'Invalid `items`/`uids` (missing, empty, duplicated, over the limit) or `platforms` (empty, duplicated, unknown slug).',
    {
      example: { items: ['An item may be given only once.'] },
    },
  )
  bulkDelist(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Body() body: BulkDelistDto,
  ): Promise<BulkListingResponseDto> {
    return this.bulk.bulk({ auth, client }, 'delist', body);
  }

  @Post(':uid/platforms/bulk/list/')
  @Idempotent()
  @RequiresSubscription()
  @HttpCode(200)
  @ApiOperation({
    summary: 'List on multiple platforms',
    description: `Lists the item on every platform of \`platforms\`, as drafts by default (\`is_draft\`). ${FRAME}`,
  })
  @ApiOkResponse(RESULT)
  @ApiValidationError('Invalid `platforms` (missing, empty, duplicated, unknown slug) or `is_draft`.', {
    example: { platforms: ['"myspace" is not a valid choice.'] },
  })
  @ApiNotFound('No such item (or deleted, or another organization’s).')
  itemList(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Param('uid') uid: string,
    @Body() body: ItemPlatformsListDto,
  ): Promise<BulkListingResponseDto> {
    return this.bulk.forOneItem({ auth, client }, 'list', uid, body);
  }

  @Post(':uid/platforms/bulk/delist/')
  @Idempotent()
  @RequiresSubscription()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Delist from multiple platforms',
    description: `Delists the item from every platform of \`platforms\`, or, without \`platforms\`, from every platform where it has a live listing. ${FRAME}`,
  })
  @ApiOkResponse(RESULT)
  @ApiValidationError('Invalid `platforms` (empty, duplicated, unknown slug).', {
    example: { platforms: ['A platform may be given only once.'] },
  })
  @ApiNotFound('No such item (or deleted, or another organization’s).')
  itemDelist(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Param('uid') uid: string,
    @Body() body: ItemPlatformsDelistDto,
  ): Promise<BulkListingResponseDto> {
    return this.bulk.forOneItem({ auth, client }, 'delist', uid, body);
  }

  @Post(':uid/platform/:slug/list/all/')
  @Idempotent()
  @RequiresSubscription()
  @HttpCode(200)
  @SLUG
  @ApiOperation({
    summary: 'List on all connected platforms',
    description:
      'Lists the item on every platform the organization is connected to through an API, as drafts by default (`is_draft`); with no ' +
      `such connection the item is refused as \`not_connected\`. ${FRAME}`,
  })
  @ApiOkResponse(RESULT)
  @ApiValidationError('Invalid `is_draft`.')
  @ApiNotFound('No such item (or deleted, or another organization’s), or no platform with this slug.')
  listAll(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Param('uid') uid: string,
    @Param('slug') slug: string,
    @Body() body: ListOnPlatformDto,
  ): Promise<BulkListingResponseDto> {
    return this.bulk.all({ auth, client }, 'list', uid, slug, body.is_draft);
  }

  @Post(':uid/platform/:slug/delist/all/')
  @Idempotent()
  @RequiresSubscription()
  @HttpCode(200)
  @SLUG
  @ApiOperation({
    summary: 'Delist from all platforms',
    description: `Delists the item from every platform where it has a live listing (an item with none is refused). ${FRAME}`,
  })
  @ApiOkResponse(RESULT)
  @ApiNotFound('No such item (or deleted, or another organization’s), or no platform with this slug.')
  delistAll(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Param('uid') uid: string,
    @Param('slug') slug: string,
  ): Promise<BulkListingResponseDto> {
    return this.bulk.all({ auth, client }, 'delist', uid, slug, undefined);
  }
}
