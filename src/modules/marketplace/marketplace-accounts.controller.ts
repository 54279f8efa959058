import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth, ManagersOnly } from '../../common/auth/decorators.js';
import { ErrorDetailDto } from '../../common/swagger/error.dto.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ConnectWithTokenDto, MarketplaceAccountDto } from './dto/marketplace-account.dto.js';
import { MarketplaceAccountsService } from './marketplace-accounts.service.js';

@ApiTags('Marketplace')
@ApiAuthErrors()
@Controller('api/v1/marketplace/accounts')
export class MarketplaceAccountsController {
  constructor(private readonly accounts: MarketplaceAccountsService) {}

  @Get('/')
  @AnyRole()
  @ApiOperation({
    summary: 'List connected seller accounts',
    description:
      "The organization's marketplace connections, oldest first, disconnected (`revoked`) ones included. Credentials never appear.",
  })
  @ApiOkResponse({ type: [MarketplaceAccountDto], description: "The organization's seller accounts." })
  list(@CurrentAuth() auth: AuthContext): Promise<MarketplaceAccountDto[]> {
    return this.accounts.list(auth);
  }

  @Post('/')
  @ManagersOnly()
  @ApiOperation({
    summary: 'Connect with a personal access token',
    description:
      'Connects a Discogs seller account with a personal access token instead of OAuth: the token is checked with Discogs ' +
      '(`GET /oauth/identity`), then stored encrypted. Connecting the same Discogs user again replaces the token and makes the account active.',
  })
  @ApiCreatedResponse({ type: MarketplaceAccountDto, description: 'Connected.' })
  @ApiValidationError('`platform` is not one that takes a token, or the platform refused the token (`personal_token`).')
  @ApiResponse({
    status: 502,
    description: 'The platform could not be asked now (unreachable, rate limited or failing); nothing was stored.',
    type: ErrorDetailDto,
  })
  connect(@CurrentAuth() auth: AuthContext, @Body() body: ConnectWithTokenDto): Promise<MarketplaceAccountDto> {
    return this.accounts.connectWithToken(auth, body);
  }

  @Delete(':uid/')
  @ManagersOnly()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Disconnect a seller account',
    description:
      'Wipes the stored credentials; the account stays listed as `revoked` (its listings keep their history) until connected again.',
  })
  @ApiNoContentResponse({ description: 'Disconnected.' })
  @ApiNotFound()
  disconnect(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<void> {
    return this.accounts.disconnect(auth, uid);
  }
}
