import { Controller, Get, HttpCode, Inject, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough, type Readable } from 'node:stream';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { Client, type ClientRequest } from '../../common/http/client-request.js';
import { consumeUploadedFile } from '../../common/media/multipart.js';
import { ApiAuthErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { InventoryCsvImportDto, InventoryCsvImportStoppedDto, MAX_LISTED_ROW_ERRORS } from './dto/inventory-csv.dto.js';
import { InventoryFiltersQueryDto, inventoryFilters } from './dto/inventory-query.dto.js';
import { CSV_COLUMNS, csvFileName, READ_ONLY_COLUMNS } from './inventory-csv.rules.js';
import { IMPORT_BATCH_ROWS, InventoryCsvService } from './inventory-csv.service.js';

const COLUMNS =
  `Columns, in this order: ${CSV_COLUMNS.map((column) => `\`${column}\``).join(', ')}. ` +
  `Cells hold what the API shows: decimal strings (\`34.99\`), grade and status codes, ISO 8601 UTC timestamps; an empty cell is no value. ` +
  "A cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'` " +
  '(OWASP CSV injection), which the import removes again.';

@ApiTags('Inventory')
@ApiAuthErrors()
@ApiExtraModels(InventoryCsvImportStoppedDto)
@AnyRole()
@Controller('api/v1/inventory')
export class InventoryCsvController {
  private readonly logger = new Logger(InventoryCsvController.name);

  constructor(
    private readonly csv: InventoryCsvService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('export/csv/')
  @ApiOperation({
    summary: 'Download inventory as CSV',
    description:
      "Every item of the organization (not deleted) matching the list's `status` and `search` filters, oldest first, as a CSV " +
      'download (UTF-8 with a byte order mark, so that spreadsheets read it as such; a header row; CRLF line ends). ' +
      `${COLUMNS} The file is streamed as it is read from the database, whatever its size; for a file to fetch later, ` +
      'use the export jobs.',
  })
  @ApiOkResponse({
    description: 'The CSV file, as an attachment named `inventory-<date>.csv`.',
    content: {
      'text/csv': {
        schema: {
          type: 'string',
          example: `${CSV_COLUMNS.join(',')}\r\ninv_d4e5f6,Abbey Road - VG+,prod_a1b2c3,Abbey Road,,ready-to-sell,...`,
        },
      },
    },
  })
  @ApiValidationError('An invalid status, named by its parameter.')
  exportCsv(
    @CurrentAuth() auth: AuthContext,
    @Query() query: InventoryFiltersQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Readable {
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${csvFileName(new Date())}"`);
    const body = new PassThrough();
    const filters = inventoryFilters(query);
    // Fastify sends the body as it is written; a failure after the first bytes aborts the download (writeCsv destroys it).
    this.csv.writeCsv(auth.organizationId, filters, body).catch((error: unknown) => {
      this.logger.warn(`The CSV export stopped: ${(error as Error).message}`);
    });
    return body;
  }

  @Post('import/csv/')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Upload and import a CSV file',
    description:
      'multipart/form-data with the CSV in `file` (at most `CSV_IMPORT_MAX_BYTES`, 50 MB by default), read as it uploads. ' +
      `The columns are the export's; their order is free, unknown columns are ignored, and so are the read-only ${READ_ONLY_COLUMNS.map((column) => `\`${column}\``).join(', ')}. ` +
      'A row with a `uid` updates that item of the organization with its non-empty cells (validated as `PATCH /api/v1/inventory/{uid}/`); ' +
      'a row without creates an item (validated as `POST /api/v1/inventory/`), linked by `product_uid` or creating a physical product ' +
      'from `product_title` (else from `name`): one product per distinct title in the file. An empty cell changes nothing (it cannot clear a value); ' +
      '`product_title` is ignored on rows with a `uid` or a `product_uid`, and `condition_container` when `condition_container_manually_set` is false (it mirrors the item grade). ' +
      'Importing an export unchanged changes nothing: a row equal to its item writes nothing and counts as `unchanged_count`. ' +
      'Each created or changed item gets its audit entry. ' +
      `Rows are written ${IMPORT_BATCH_ROWS} at a time, each batch in one transaction: bad rows are listed in \`errors\` (by their first line in the file, ` +
      `the header being line 1; at most ${MAX_LISTED_ROW_ERRORS} entries) and the other rows land. ` +
      'An unknown `uid`, or one of another organization or of a deleted item, fails its row; so does a `uid` already named on an earlier line (the first row wins).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'The CSV file (UTF-8, a header row first).' } },
    },
  })
  @ApiOkResponse({
    type: InventoryCsvImportDto,
    description: 'The file was read to its end: what was created, updated, unchanged, and the rows that failed.',
  })
  @ApiValidationError(
    'The file as a whole, on `file`, before any row was written: missing, not CSV text (binary, not UTF-8, a broken header row), ' +
      'empty, no known column in the header row, a column named twice, or larger than the limit. Or (`InventoryCsvImportStoppedDto`) ' +
      'the file could not be read past a line (a broken quote, an upload cut short): the rows before it were imported, as its counts say, ' +
      'and `file` says where and why it stopped.',
    {
      alternative: InventoryCsvImportStoppedDto,
      example: { file: ['The header row names no known column; the columns are: uid, title, ...'] },
    },
  )
  importCsv(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Req() request: FastifyRequest,
  ): Promise<InventoryCsvImportDto> {
    return consumeUploadedFile(request, 'file', this.config.csvImportMaxBytes, (file) => this.csv.importCsv({ auth, client }, file));
  }
}
