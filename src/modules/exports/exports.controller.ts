import { Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { ApiPaginatedResponse, type Page, PageQueryDto, pageRequest } from '../../common/pagination/pagination.js';
import { ErrorDetailDto } from '../../common/swagger/error.dto.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { InventoryFiltersQueryDto, inventoryFilters } from '../inventory/index.js';
import { ExportJobDto } from './dto/export-job.dto.js';
import { ExportsService } from './exports.service.js';

const DEFAULT_PAGE_SIZE = 20;

@ApiTags('Exports')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('/')
  @ApiOperation({ summary: 'List export jobs', description: "The organization's export jobs, newest first (20 a page)." })
  @ApiPaginatedResponse(ExportJobDto)
  list(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto, @Urls() urls: RequestUrls): Promise<Page<ExportJobDto>> {
    return this.exports.list(auth, pageRequest(query, DEFAULT_PAGE_SIZE), urls);
  }

  @Post('inventory/csv/')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Create an inventory CSV export',
    description:
      'Queues an export of the inventory CSV (the columns of `GET /api/v1/inventory/export/csv/`), optionally filtered by `status` and `search` ' +
      'as the inventory list reads them. Answers at once with the `pending` job; poll `GET /api/v1/exports/{uid}/` until `completed`, then download `file_url`.',
  })
  @ApiAcceptedResponse({ type: ExportJobDto, description: 'The queued export job (`pending`).' })
  @ApiValidationError('An invalid `status` or `search`, named by its parameter; no job was created.')
  createInventoryCsv(
    @CurrentAuth() auth: AuthContext,
    @Query() query: InventoryFiltersQueryDto,
    @Urls() urls: RequestUrls,
  ): Promise<ExportJobDto> {
    return this.exports.createInventoryCsv(auth, inventoryFilters(query), urls);
  }

  @Get(':uid/')
  @ApiOperation({
    summary: 'Get an export job',
    description:
      "The job's status and progress; once `completed`, `file_url` downloads the file. A `failed` job says why in `error_message`.",
  })
  @ApiOkResponse({ type: ExportJobDto, description: 'The export job.' })
  @ApiNotFound()
  get(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string, @Urls() urls: RequestUrls): Promise<ExportJobDto> {
    return this.exports.get(auth, uid, urls);
  }

  @Get(':uid/download/')
  @ApiOperation({
    summary: 'Download an export file',
    description: 'The file of a completed export, as an attachment; only the organization that owns the export can download it.',
  })
  @ApiOkResponse({
    description: 'The file, as an attachment named by `file_name`.',
    content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiNotFound('No such export in the organization, or its file is no longer stored.')
  @ApiResponse({ status: 409, description: 'The export is not completed (yet, or it failed).', type: ErrorDetailDto })
  async download(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<StreamableFile> {
    const { file, fileName } = await this.exports.download(auth, uid);
    return new StreamableFile(file.stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${fileName}"`,
      length: file.size,
    });
  }
}
