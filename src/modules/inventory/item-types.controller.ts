import { AnyRole } from '../../common/auth/decorators.js';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ItemTypeDto, ItemTypeSearchQueryDto, PlatformItemTypeDto } from './dto/item-type.dto.js';
import { ITEM_TYPE_QUERY_MAX_LENGTH } from './item-types.rules.js';
import { ItemTypesService } from './item-types.service.js';

const INVALID_QUERY = `\`q\` longer than ${ITEM_TYPE_QUERY_MAX_LENGTH} characters or sent more than once, or a query parameter holding a null character.`;

/** The kinds of thing an inventory item can be (a short, fixed list, so not paginated), and their platform categories. */
@ApiTags('Inventory')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/inventory/types')
export class ItemTypesController {
  constructor(private readonly itemTypes: ItemTypesService) {}

  @Get('/')
  @ApiOperation({
    summary: 'List item types',
    description:
      'Every item type (vinyl, CD, cassette, ... apparel, other) in display order, with the category each maps to on eBay, ' +
      'Discogs, Etsy and Shopify. An item takes one by `inventory_item_type_uid`.',
  })
  @ApiOkResponse({ type: ItemTypeDto, isArray: true, description: 'Every item type.' })
  list(): Promise<ItemTypeDto[]> {
    return this.itemTypes.all();
  }

  @Get('search/')
  @ApiOperation({
    summary: 'Search item types',
    description: 'The item types whose name, slug or another name (`lp`, `record`, `tape`) contains `q`, in display order.',
  })
  @ApiOkResponse({ type: ItemTypeDto, isArray: true, description: 'The matching item types (`[]` when none match).' })
  @ApiValidationError(INVALID_QUERY)
  search(@Query() query: ItemTypeSearchQueryDto): Promise<ItemTypeDto[]> {
    return this.itemTypes.search(query.q);
  }

  @Get('platform/:slug/search/')
  @ApiOperation({
    summary: 'Search item types of a platform',
    description:
      "As the search, among the types that map to a category on this platform, each with that category; the category's " +
      'name is searched too (`records` finds vinyl on eBay). A platform without categories (Redbubble, TeePublic, Society6) answers `[]`.',
  })
  @ApiParam({ name: 'slug', description: 'Platform slug, as `GET /api/v1/platforms/` lists them: for example `ebay` or `discogs`.' })
  @ApiOkResponse({ type: PlatformItemTypeDto, isArray: true, description: 'The matching item types with their category there.' })
  @ApiValidationError(INVALID_QUERY)
  @ApiNotFound('No platform has this slug.')
  searchForPlatform(@Param('slug') slug: string, @Query() query: ItemTypeSearchQueryDto): Promise<PlatformItemTypeDto[]> {
    return this.itemTypes.searchForPlatform(slug, query.q);
  }
}
