import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { ApiPaginatedResponse, type Page, pageRequest } from '../../common/pagination/pagination.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ErrorDetailDto } from '../../common/swagger/error.dto.js';
import {
  CreateImportJobDto,
  ImportIssuesQueryDto,
  ImportItemDto,
  ImportItemsQueryDto,
  ImportJobDto,
  ImportJobsQueryDto,
  ImportRunDto,
  QuickImportDto,
  ResolveImportItemDto,
  StartImportDto,
} from './dto/imports.dto.js';
import { ImportsService } from './imports.service.js';

const PAGE_SIZE = 20;
const QUEUE_UNAVAILABLE = ApiResponse({
  status: 503,
  description: 'The job could not be queued now (it is recorded as failed).',
  type: ErrorDetailDto,
});

@ApiTags('Marketplace imports')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/marketplace')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('import/jobs/create/')
  @ApiOperation({
    summary: 'Create import job',
    description:
      "Creates a `pending` import of a connected seller account's listings; preview it (`import/preview/`) or start it (`import/start/`). " +
      "The account must be one of the organization's live connections to that marketplace.",
  })
  @ApiCreatedResponse({ type: ImportJobDto, description: 'The job, `pending`.' })
  @ApiValidationError('A missing or unknown field value, or no live connection with that `seller_account_uid` on that marketplace.')
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateImportJobDto): Promise<ImportJobDto> {
    return this.imports.create(auth, body);
  }

  @Get('import/jobs/')
  @ApiOperation({ summary: 'List import jobs', description: 'The last 50 import jobs, newest first; filter by `marketplace` or `status`.' })
  @ApiOkResponse({ type: [ImportJobDto], description: 'The jobs.' })
  @ApiValidationError('An unknown `marketplace` or `status`.')
  list(@CurrentAuth() auth: AuthContext, @Query() query: ImportJobsQueryDto): Promise<ImportJobDto[]> {
    return this.imports.list(auth, query);
  }

  @Get('import/jobs/:uid/')
  @ApiOperation({ summary: 'Job detail', description: 'Poll this endpoint to track import progress via `progress_percentage`.' })
  @ApiOkResponse({ type: ImportJobDto, description: 'The job.' })
  @ApiNotFound()
  get(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<ImportJobDto> {
    return this.imports.get(auth, uid);
  }

  @Get('import/jobs/:uid/items/')
  @ApiOperation({
    summary: 'List job items',
    description:
      'Every listing the job found, in the order found, with what happened (or, after a preview, would happen) to it; `status` filters. 20 a page, at most 100.',
  })
  @ApiPaginatedResponse(ImportItemDto, "One page of the job's items (404 also for a job of another organization).")
  items(
    @CurrentAuth() auth: AuthContext,
    @Param('uid') uid: string,
    @Query() query: ImportItemsQueryDto,
    @Urls() urls: RequestUrls,
  ): Promise<Page<ImportItemDto>> {
    return this.imports.items(auth, uid, query.status, pageRequest(query, PAGE_SIZE), urls);
  }

  @Get('import/jobs/:uid/issues/')
  @ApiOperation({
    summary: 'List job issues',
    description:
      'Paginated list of failed or conflicting items. Filter by status (`failed` or `conflict`). Default page size: 20, max: 100.',
  })
  @ApiPaginatedResponse(ImportItemDto, "One page of the job's issues (404 also for a job of another organization).")
  issues(
    @CurrentAuth() auth: AuthContext,
    @Param('uid') uid: string,
    @Query() query: ImportIssuesQueryDto,
    @Urls() urls: RequestUrls,
  ): Promise<Page<ImportItemDto>> {
    return this.imports.issues(auth, uid, query.status, pageRequest(query, PAGE_SIZE), urls);
  }

  @Post('import/preview/')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Preview import',
    description:
      'Reads every listing from the platform (every page, within its rate limit) and records one item per listing with what would happen: ' +
      '`pending` (to import), `conflict` with its `conflict_type`, or `failed` with its `error_code`; creates no inventory. Returns at once; ' +
      'poll the job, then read `import/jobs/{uid}/items/`. A job already read evaluates its items again (`status_filter`, `limit`).',
  })
  @ApiAcceptedResponse({ type: ImportJobDto, description: 'The job, `in_progress`.' })
  @ApiValidationError('Bad input, an unknown `job_uid`, or a run already in progress.')
  @QUEUE_UNAVAILABLE
  preview(@CurrentAuth() auth: AuthContext, @Body() body: ImportRunDto): Promise<ImportJobDto> {
    return this.imports.preview(auth, body);
  }

  @Post('import/start/')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start import',
    description:
      'Reads the listings (unless a preview did) and imports each importable one: its product (artist, label, catalog number, year, format, UPC ' +
      "as the platform gives them), its item (grade mapped from the platform's condition, price, SKU; one item per copy up to 25), `listed` " +
      "on the platform with the platform's listing id and URL (delist works at once), a marketplace presence, and its pictures (from the " +
      "platform's own image hosts, checked by content). Conflicts wait for a resolution unless `skip_conflicts`. Returns at once; poll the job.",
  })
  @ApiAcceptedResponse({ type: ImportJobDto, description: 'The job, `in_progress`.' })
  @ApiValidationError('Bad input, an unknown `job_uid`, or a run already in progress.')
  @QUEUE_UNAVAILABLE
  start(@CurrentAuth() auth: AuthContext, @Body() body: StartImportDto): Promise<ImportJobDto> {
    return this.imports.start(auth, body);
  }

  @Post('import/jobs/:uid/items/:item_uid/resolve/')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve conflict',
    description:
      'Resolves a conflict (or takes a skipped listing up again): `link` (default) attaches the listing to the existing item it conflicts with, ' +
      '`create` imports it as a new item, `skip` leaves it out. Done at once; answers the job.',
  })
  @ApiOkResponse({ type: ImportJobDto, description: 'The job, with its counts after the resolution.' })
  @ApiValidationError('An unknown resolution, an item that is not a conflict, or a resolution that cannot apply (the reason is given).')
  @ApiNotFound('No such job or item in the organization.')
  resolve(
    @CurrentAuth() auth: AuthContext,
    @Param('uid') uid: string,
    @Param('item_uid') itemUid: string,
    @Body() body: ResolveImportItemDto,
  ): Promise<ImportJobDto> {
    return this.imports.resolve(auth, uid, itemUid, body);
  }

  @Post('import/jobs/:uid/retry-failed/')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Retry failed items',
    description: 'Retry all failed items in the job (a start of the `failed` ones). Returns at once.',
  })
  @ApiAcceptedResponse({ type: ImportJobDto, description: 'The job, `in_progress`.' })
  @ApiValidationError('A run is already in progress.')
  @ApiNotFound()
  @QUEUE_UNAVAILABLE
  retryFailed(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<ImportJobDto> {
    return this.imports.retryFailed(auth, uid);
  }

  @Post('import/jobs/:uid/skip-all-conflicts/')
  @HttpCode(200)
  @ApiOperation({ summary: 'Skip all conflicts', description: 'Bulk skip all remaining conflicted items.' })
  @ApiOkResponse({ type: ImportJobDto, description: 'The job.' })
  @ApiNotFound()
  skipAllConflicts(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<ImportJobDto> {
    return this.imports.skipAllConflicts(auth, uid);
  }

  @Post(':platform/import/')
  @HttpCode(202)
  @ApiParam({ name: 'platform', description: '`discogs`, `ebay`, `etsy` or `shopify`.', example: 'ebay' })
  @ApiOperation({
    summary: 'Quick import',
    description:
      "Shorthand to trigger import for a specific platform: resolves the organization's one live connection there (`seller_account_uid` " +
      'when it has several), creates the job and starts it as `import/start/` would.',
  })
  @ApiAcceptedResponse({ type: ImportJobDto, description: 'The new job, `in_progress`.' })
  @ApiValidationError('No live connection to the platform (connect first), or several and no `seller_account_uid`.')
  @ApiNotFound('Not a platform imports take.')
  @QUEUE_UNAVAILABLE
  quick(@CurrentAuth() auth: AuthContext, @Param('platform') platform: string, @Body() body: QuickImportDto): Promise<ImportJobDto> {
    return this.imports.quick(auth, platform, body);
  }
}
