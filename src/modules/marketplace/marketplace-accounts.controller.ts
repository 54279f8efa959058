import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Redirect, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth, ManagersOnly, Public } from '../../common/auth/decorators.js';
import { ErrorDetailDto } from '../../common/swagger/error.dto.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ConnectStartDto, ConnectStartedDto, ConnectWithTokenDto, MarketplaceAccountDto } from './dto/marketplace-account.dto.js';
import { MarketplaceAccountsService } from './marketplace-accounts.service.js';
import { MarketplaceConnectService } from './marketplace-connect.service.js';
import { Idempotent } from '../../infra/idempotency/idempotent.decorator.js';

const SLUG = ApiParam({ name: 'slug', description: 'The platform: `ebay` or `discogs` (Etsy and Shopify follow).', example: 'ebay' });
const UNAVAILABLE = ApiResponse({
  status: 503,
  description: 'Connecting this platform is not configured on this server (the missing settings are named) or not available yet.',
  type: ErrorDetailDto,
});
const START_FAILED = ApiResponse({
  status: 502,
  description: 'The platform failed while the connection was started (Discogs hands out a request token first); nothing was stored.',
  type: ErrorDetailDto,
});

/** The page a browser shows once connected, when no CONNECT_SUCCESS_URL is set: the platform's name is ours, nothing the caller sent. */
function connectedPage(platformName: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Connected</title></head><body><p>Your ${platformName} account is connected. You can close this window.</p></body></html>`;
}

@ApiTags('Marketplace')
@ApiAuthErrors()
@Controller('api/v1/marketplace/accounts')
export class MarketplaceAccountsController {
  constructor(
    private readonly accounts: MarketplaceAccountsService,
    private readonly connections: MarketplaceConnectService,
  ) {}

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
  @Idempotent()
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

  @Post(':slug/connect/')
  @Idempotent()
  @ManagersOnly()
  @HttpCode(200)
  @SLUG
  @ApiOperation({
    summary: 'Start an OAuth connection',
    description:
      "For apps: the platform's consent URL to open, with the signed `state` it will carry back to `GET .../{slug}/login/callback/`. " +
      'The state binds this organization, user and platform, and is valid for 15 minutes, once.',
  })
  @ApiOkResponse({ type: ConnectStartedDto, description: 'Open `authorization_url` in a browser.' })
  @ApiValidationError()
  @ApiResponse({ status: 404, description: 'No platform has this slug.', type: ErrorDetailDto })
  @UNAVAILABLE
  @START_FAILED
  startConnect(@CurrentAuth() auth: AuthContext, @Param('slug') slug: string, @Body() body: ConnectStartDto): Promise<ConnectStartedDto> {
    return this.connections.start(auth, slug, { shop: body.shop });
  }

  @Get(':slug/login/')
  @ManagersOnly()
  @Redirect()
  @SLUG
  @ApiOperation({
    summary: 'Start an OAuth connection (browser)',
    description: "The seed's `connection_url`: answers 302 to the platform's consent page, as `POST .../{slug}/connect/` would give it.",
  })
  @ApiResponse({ status: 302, description: "To the platform's consent page (`Location`)." })
  @ApiResponse({ status: 404, description: 'No platform has this slug.', type: ErrorDetailDto })
  @UNAVAILABLE
  @START_FAILED
  async login(@CurrentAuth() auth: AuthContext, @Param('slug') slug: string): Promise<{ url: string; statusCode: number }> {
    return { url: (await this.connections.start(auth, slug, {})).authorization_url, statusCode: 302 };
  }

  @Get(':slug/login/callback/')
  @Public()
  @SLUG
  @ApiOperation({
    summary: 'OAuth callback',
    description:
      'Where the platform sends the seller back (OAuth 2: `code` and `state`, or `error`; Discogs: `state` with `oauth_token` and `oauth_verifier`, or `denied`). The state must be one this server issued for this ' +
      "platform, unexpired and unused; the code (or verifier) is exchanged for the seller's tokens, which are stored encrypted. Success: 302 to " +
      '`CONNECT_SUCCESS_URL` (with `platform` and `account`) when set, else the account as JSON when the request accepts ' +
      '`application/json`, else a short HTML page. Any failure is a 400 saying why, and stores nothing.',
  })
  @ApiResponse({
    status: 200,
    description: 'Connected: the account (JSON), or a page saying so (HTML).',
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/MarketplaceAccountDto' } },
      'text/html': {
        schema: { type: 'string', example: '<!doctype html>...<p>Your eBay account is connected. You can close this window.</p>...' },
      },
    },
  })
  @ApiResponse({ status: 302, description: 'Connected: to `CONNECT_SUCCESS_URL?platform=...&account=...`.' })
  @ApiValidationError('No, a forged, an expired or a used `state`; or the seller declined, or the platform refused the code (`detail`).')
  @ApiResponse({ status: 404, description: 'No platform has this slug.', type: ErrorDetailDto })
  @ApiResponse({
    status: 502,
    description: 'The platform failed while the connection was completed; nothing was stored.',
    type: ErrorDetailDto,
  })
  @UNAVAILABLE
  async callback(
    @Param('slug') slug: string,
    @Query() query: Record<string, string>,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MarketplaceAccountDto | string | undefined> {
    const account = await this.connections.finish(slug, new URLSearchParams(query));
    const redirect = this.connections.successRedirect(account);
    if (redirect) {
      void reply.redirect(redirect, 302);
      return undefined;
    }
    if (accept?.includes('application/json')) return account;
    void reply.type('text/html; charset=utf-8');
    return connectedPage(account.platform.name);
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
