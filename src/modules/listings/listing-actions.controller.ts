import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth, RequiresSubscription } from '../../common/auth/decorators.js';
import { Client, type ClientRequest } from '../../common/http/client-request.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { Idempotent } from '../../infra/idempotency/idempotent.decorator.js';
import { ListingActionAcceptedDto, ListingBlockedDto, ListOnPlatformDto } from './dto/listing-action.dto.js';
import { ExtensionListingsService } from './extension-listings.service.js';
import { ListingEngineService } from './listing-engine.service.js';

const SLUG = ApiParam({
  name: 'slug',
  description: 'The platform slug (`ebay`, `discogs`, `etsy`, `shopify`; the extension platforms `redbubble`, `teepublic`, `society6`).',
});
const REFUSALS =
  'Nothing was recorded: no primary address of the organization (`non_field_errors`); on an extension platform, a missing ' +
  '`listing_url` or `listing_id` or a URL off the platform; or a blocking code (`blocking_code`: `not_connected`, `item_sold`, `item_cancelled`, `already_listed`...).';

@ApiTags('Inventory')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/inventory')
export class ListingActionsController {
  constructor(
    private readonly engine: ListingEngineService,
    private readonly extension: ExtensionListingsService,
  ) {}

  @Post(':uid/platforms/:slug/list/')
  @Idempotent()
  @RequiresSubscription()
  @HttpCode(200)
  @SLUG
  @ApiOperation({
    summary: 'List on platform',
    description:
      'Records the listing as `in_progress` and lists the item on the platform in the background, as a draft by default (`is_draft`). ' +
      'Without a price the listing is recorded `listing_failed` with `price_not_set` and the platform is not called. ' +
      'The outcome (`draft`, `listed` or `listing_failed` with the platform message) shows on `GET .../{uid}/listings/`. ' +
      'Extension platforms (Redbubble, TeePublic, Society6) have no API: the seller lists there by hand and sends `listing_url` and ' +
      '`listing_id`; the listing is recorded `listed` at once (the blocking codes apply, except the price the platform sets).',
  })
  @ApiOkResponse({ type: ListingActionAcceptedDto, description: 'Submitted (or recorded as failed for want of a price).' })
  @ApiValidationError(REFUSALS, { alternative: ListingBlockedDto })
  @ApiNotFound('No such item (or deleted, or another organization’s), or no platform with this slug.')
  async list(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Param('uid') uid: string,
    @Param('slug') slug: string,
    @Body() body: ListOnPlatformDto,
  ): Promise<ListingActionAcceptedDto> {
    // Extension platforms have no API: the seller lists there by hand and the listing is recorded at once.
    const extensionPlatform = await this.extension.platform(slug);
    if (extensionPlatform) return this.extension.list({ auth, client }, extensionPlatform, uid, body);
    return this.engine.list({ auth, client }, uid, slug, body);
  }

  @Post(':uid/platforms/:slug/delist/')
  @Idempotent()
  @RequiresSubscription()
  @HttpCode(200)
  @SLUG
  @ApiOperation({
    summary: 'Delist from platform',
    description:
      'Records the listing as `delisting` and ends it on the platform in the background; the outcome (`delisted` or `delisting_failed`) ' +
      'shows on `GET .../{uid}/listings/`. On an extension platform, where the seller ended the listing by hand, it is recorded ' +
      '`delisted` at once.',
  })
  @ApiOkResponse({ type: ListingActionAcceptedDto, description: 'Submitted (extension platforms: recorded).' })
  @ApiValidationError(`${REFUSALS} Or the item has no live listing there.`, { alternative: ListingBlockedDto })
  @ApiNotFound('No such item (or deleted, or another organization’s), or no platform with this slug.')
  async delist(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Param('uid') uid: string,
    @Param('slug') slug: string,
  ): Promise<ListingActionAcceptedDto> {
    const extensionPlatform = await this.extension.platform(slug);
    if (extensionPlatform) return this.extension.delist({ auth, client }, extensionPlatform, uid);
    return this.engine.delist({ auth, client }, uid, slug);
  }
}
