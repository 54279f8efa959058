import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { consumeUploadedForm } from '../../common/media/multipart.js';
import { ApiPaginatedResponse, type Page, PageQueryDto, pageRequest } from '../../common/pagination/pagination.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ApiValidationPipe } from '../../common/validation/validation.pipe.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DigitalAssetDto, DigitalAssetUploadFieldsDto, UpdateDigitalAssetDto } from './dto/digital-asset.dto.js';
import { DigitalAssetsService } from './digital-assets.service.js';
import { DESCRIPTION_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH } from './digital.rules.js';

const DEFAULT_PAGE_SIZE = 20;

@ApiTags('Digital')
@ApiAuthErrors()
@AnyRole()
@Controller('api/v1')
export class DigitalAssetsController {
  private readonly fieldsPipe = new ApiValidationPipe();

  constructor(
    private readonly assets: DigitalAssetsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('products/:uid/digital-assets/')
  @ApiOperation({ summary: 'List digital assets for a product', description: 'The primary asset first, then oldest first (20 a page).' })
  @ApiPaginatedResponse(DigitalAssetDto)
  @ApiNotFound('No such product (or another organization owns it), or a page past the last (`Invalid page.`).')
  list(
    @CurrentAuth() auth: AuthContext,
    @Param('uid') uid: string,
    @Query() query: PageQueryDto,
    @Urls() urls: RequestUrls,
  ): Promise<Page<DigitalAssetDto>> {
    return this.assets.list(auth, uid, pageRequest(query, DEFAULT_PAGE_SIZE), urls);
  }

  @Post('products/:uid/digital-assets/')
  @ApiOperation({
    summary: 'Upload a digital asset',
    description:
      'multipart/form-data with the file in `file` (any type a seller sells: zip, FLAC, WAV, MP3, PDF, images), and optionally ' +
      '`display_name` (default: the file name), `description` and `is_primary`, before or after the file. The file streams into private ' +
      'storage as it uploads, never whole in memory: at most `DIGITAL_MAX_BYTES` (2 GB by default; the request as sent). Its type is ' +
      'detected from its bytes (`application/octet-stream` when unknown), and its size and SHA-256 are recorded. ' +
      "The product's first asset is its primary one (the product's `has_primary_asset` becomes true); `is_primary=true` makes a later one primary instead. " +
      "Asset file names are matched by the product list's `search`.",
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'The file buyers download.' },
        display_name: {
          type: 'string',
          maxLength: DISPLAY_NAME_MAX_LENGTH,
          description: 'Name shown to buyers.',
          example: 'Full Album Download',
        },
        description: { type: 'string', maxLength: DESCRIPTION_MAX_LENGTH, description: 'Shown to buyers.', example: 'FLAC files, 24-bit' },
        is_primary: { type: 'boolean', description: '`true`/`false`/`1`/`0`: make it the primary asset.', example: false },
      },
    },
  })
  @ApiCreatedResponse({ type: DigitalAssetDto, description: 'The stored asset.' })
  @ApiValidationError(
    'Not multipart (`non_field_errors`); no file, text in `file`, an empty file, one over the limit or an upload cut short (`file`); ' +
      'a field too long or a non-boolean `is_primary` (on its field); a malformed body (`detail`). Nothing is stored.',
    { example: { file: ['The file is larger than 2 GB.'] } },
  )
  @ApiNotFound("No such product, or another organization's; the upload is not read.")
  async upload(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string, @Req() request: FastifyRequest): Promise<DigitalAssetDto> {
    const product = await this.assets.product(auth, uid);
    const { value: stored, fields } = await consumeUploadedForm(
      request,
      'file',
      this.config.digitalMaxBytes,
      (file, info) => this.assets.store(file, info),
      (upload) => this.assets.discard(upload),
    );
    let input: DigitalAssetUploadFieldsDto;
    try {
      input = (await this.fieldsPipe.transform(fields, {
        type: 'body',
        metatype: DigitalAssetUploadFieldsDto,
      })) as DigitalAssetUploadFieldsDto;
    } catch (error) {
      await this.assets.discard(stored);
      throw error;
    }
    return this.assets.create(auth, product, stored, input);
  }

  @Get('digital/assets/:uid/')
  @ApiOperation({
    summary: 'Get asset details',
    description: "The asset's metadata (its file is downloaded by buyers through their purchase's link).",
  })
  @ApiOkResponse({ type: DigitalAssetDto, description: 'The asset.' })
  @ApiNotFound()
  get(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<DigitalAssetDto> {
    return this.assets.get(auth, uid);
  }

  @Patch('digital/assets/:uid/')
  @ApiOperation({
    summary: 'Update asset metadata',
    description:
      'Partial update of `display_name`, `description` and `is_primary` (`true` moves the primary here; `false` on the primary is a 400).',
  })
  @ApiOkResponse({ type: DigitalAssetDto, description: 'The updated asset.' })
  @ApiValidationError()
  @ApiNotFound()
  update(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string, @Body() body: UpdateDigitalAssetDto): Promise<DigitalAssetDto> {
    return this.assets.update(auth, uid, body);
  }

  @Delete('digital/assets/:uid/')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a digital asset',
    description:
      'Its file is removed once the deletion is committed; deleting the primary makes the oldest remaining asset primary. ' +
      'Purchases keep their download logs of it.',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFound()
  delete(@CurrentAuth() auth: AuthContext, @Param('uid') uid: string): Promise<void> {
    return this.assets.delete(auth, uid);
  }
}
