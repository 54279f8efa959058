import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { Client, type ClientRequest } from '../../common/http/client-request.js';
import { ApiAuthErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import {
  BulkConfigDto,
  BulkDeleteDto,
  BulkFieldsDto,
  BulkPriceDto,
  BulkRestoreDto,
  BulkResultDto,
  BulkStatusDto,
} from './dto/inventory-bulk.dto.js';
import { InventoryBulkService } from './inventory-bulk.service.js';
import { BULK_PRICE_MODES, MAX_BULK_ITEMS } from './inventory-bulk.rules.js';

/** What every bulk operation does with its items, said once in each operation's description. */
const FRAME =
  `Takes 1 to ${MAX_BULK_ITEMS} uids in \`items\` (fewer when the plan's \`max_items_per_batch\` is lower: a 400 on \`items\` names the limit); ` +
  'a uid sent twice counts once. The request is one transaction: each item succeeds or fails on its own (listed in `errors`, unchanged), ' +
  "an unknown uid or another organization's fails as `Not found.`, and every changed item gets one audit entry " +
  '(an item that already has the values succeeds without one). The answer is 200 whatever failed.';

const RESULT = { type: BulkResultDto, description: 'What succeeded and what failed, item by item.' };
const ITEMS_ERROR = { items: ['This list may not be empty.'] };

@ApiTags('Inventory')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/inventory/bulk')
export class InventoryBulkController {
  constructor(private readonly bulk: InventoryBulkService) {}

  @Get('config/')
  @ApiOperation({
    summary: 'Bulk operation limits',
    description:
      "What the organization's plan allows bulk operations: the most items a request may take, whether the plan is pro, and the statuses bulk status change sets.",
  })
  @ApiOkResponse({ type: BulkConfigDto, description: 'The limits.' })
  config(@CurrentAuth() auth: AuthContext): Promise<BulkConfigDto> {
    return this.bulk.config(auth);
  }

  @Post('price/')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bulk price update',
    description:
      'Changes the listing price (`price_total_usd`, as a single-item update does) of every item, computed in decimal arithmetic ' +
      `and rounded half-up to cents. Modes: ${Object.entries(BULK_PRICE_MODES)
        .map(([mode, meaning]) => `\`${mode}\` (${meaning})`)
        .join('; ')}. ` +
      'An item fails alone when a relative mode finds no price on it, or when the new price would be below 0.01 (or above 9999999999.99). ' +
      FRAME,
  })
  @ApiOkResponse(RESULT)
  @ApiValidationError(
    'Invalid `items`, `value` (not a decimal of at most 10 digits and 2 decimals; negative outside `percentage`) or `mode`.',
    {
      example: { value: ['A valid number is required.'], mode: ['"double" is not a valid choice.'] },
    },
  )
  price(@CurrentAuth() auth: AuthContext, @Client() client: ClientRequest, @Body() body: BulkPriceDto): Promise<BulkResultDto> {
    return this.bulk.price({ auth, client }, body);
  }

  @Post('status/')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bulk status change',
    description:
      'Sets the status of every item, as a single-item update does: `purchased_at`/`received_at` are recorded when an item first reaches ' +
      'those statuses, and a listed or sold item keeps its status (that item fails). ' +
      FRAME,
  })
  @ApiOkResponse(RESULT)
  @ApiValidationError('Invalid `items`, or a `status` other than draft, purchased, received, ready-to-sell, cancelled.', {
    example: { status: ['"sold" is not a valid choice.'] },
  })
  status(@CurrentAuth() auth: AuthContext, @Client() client: ClientRequest, @Body() body: BulkStatusDto): Promise<BulkResultDto> {
    return this.bulk.status({ auth, client }, body);
  }

  @Post('fields/')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bulk field update',
    description:
      'Sets the fields of `updates` (condition_item, condition_container, notes, location, price_total_usd, price_shipping_usd) on every item, ' +
      'validated and stored as a single-item update does: grades are normalised and the container grade mirrors the item grade unless it ' +
      'was set by hand. ' +
      FRAME,
  })
  @ApiOkResponse(RESULT)
  @ApiValidationError(
    'Invalid `items`; or `updates` not an object, empty, or with a key it does not take (a 400 on `updates` naming it); ' +
      'or an invalid value, keyed by its field inside `updates`.',
    {
      example: {
        updates: {
          condition_item: ['"superb" is not a valid choice.'],
          price_total_usd: ['Ensure that there are no more than 2 decimal places.'],
        },
      },
    },
  )
  fields(@CurrentAuth() auth: AuthContext, @Client() client: ClientRequest, @Body() body: BulkFieldsDto): Promise<BulkResultDto> {
    return this.bulk.fields({ auth, client }, body);
  }

  @Post('delete/')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bulk delete',
    description:
      'Soft delete by default: the items leave every list and count and can be restored (bulk restore); a uid already deleted fails as ' +
      '`Not found.`. With `hard_delete: true` the rows are removed for good, already soft-deleted ones included (purging the archive), ' +
      'with their photos, whose stored files are removed once the deletion is committed, their listings and their audit log. ' +
      'An item that sold or has an active marketplace listing fails (as `is_deletable` says). ' +
      FRAME,
  })
  @ApiOkResponse(RESULT)
  @ApiValidationError('Invalid `items`, or `hard_delete` not a boolean.', { example: ITEMS_ERROR })
  delete(@CurrentAuth() auth: AuthContext, @Client() client: ClientRequest, @Body() body: BulkDeleteDto): Promise<BulkResultDto> {
    return this.bulk.delete({ auth, client }, body);
  }

  @Post('restore/')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bulk restore',
    description:
      'Brings soft-deleted items back into the lists with `target_status` (default `draft`; `purchased_at`/`received_at` recorded as on a ' +
      'status change). A uid that is not deleted fails, as does one deleted for good. ' +
      FRAME,
  })
  @ApiOkResponse(RESULT)
  @ApiValidationError('Invalid `items`, or a `target_status` other than draft, purchased, received, ready-to-sell.', {
    example: { target_status: ['"cancelled" is not a valid choice.'] },
  })
  restore(@CurrentAuth() auth: AuthContext, @Client() client: ClientRequest, @Body() body: BulkRestoreDto): Promise<BulkResultDto> {
    return this.bulk.restore({ auth, client }, body);
  }
}
