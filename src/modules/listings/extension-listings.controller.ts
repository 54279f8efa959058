import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { Client, type ClientRequest } from '../../common/http/client-request.js';
import { ApiAuthErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { Idempotent } from '../../infra/idempotency/idempotent.decorator.js';
import { ExtensionListingsReportDto, ExtensionListingsResultDto, MAX_REPORTED_LISTINGS } from './dto/extension-listings.dto.js';
import { ExtensionListingsService } from './extension-listings.service.js';

@ApiTags('Marketplace')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/marketplace/extension')
export class ExtensionListingsController {
  constructor(private readonly extension: ExtensionListingsService) {}

  @Post('listings/')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Report extension listings',
    description:
      `The browser extension reports the listings it found on an extension platform (Redbubble, TeePublic, Society6), at most ${MAX_REPORTED_LISTINGS}. ` +
      'Each one with an `item_uid` of the organization, or with the `listing_id` of an existing listing there, updates (or creates) that ' +
      "item's listing: `active` → `listed`, `ended` → `delisted`, `sold` → `sold`, each status change written to the item's audit log. " +
      'Listings of unknown items are not created (imports come later): they are answered in `unmatched` with the reason.',
  })
  @ApiOkResponse({ type: ExtensionListingsResultDto, description: 'What was matched and changed, and what was not.' })
  @ApiValidationError('Nothing was recorded: not an extension platform (`platform`), or an invalid listing (`listings`).')
  report(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Body() body: ExtensionListingsReportDto,
  ): Promise<ExtensionListingsResultDto> {
    return this.extension.report({ auth, client }, body);
  }
}
