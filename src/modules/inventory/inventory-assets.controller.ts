import { Controller, Delete, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth } from '../../common/auth/decorators.js';
import { ApiError, type FieldErrors, ValidationFailed } from '../../common/errors/error-response.js';
import { Client, type ClientRequest } from '../../common/http/client-request.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { type FormFile, readUploadedFiles } from '../../common/media/multipart.js';
import { ApiAuthErrors, ApiNotFound, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ApiValidationPipe } from '../../common/validation/validation.pipe.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AssetBatchDto } from './dto/asset-batch.dto.js';
import { AssetUploadFieldsDto } from './dto/asset-upload.dto.js';
import { InventoryAssetDto } from './dto/inventory-asset.dto.js';
import { type AssetUpload, InventoryAssetsService } from './inventory-assets.service.js';
import { ASSET_DESCRIPTION_MAX_LENGTH, ASSET_TYPES, MAX_ASSET_FILES_PER_REQUEST } from './inventory.rules.js';

const FILE_FIELDS = ['file', 'files'] as const;

export const AssetUploadMsg = {
  bothFields: 'Send one file in `file`, or several in `files`, not both.',
  oneInFile: 'Submit one file in `file`; send several in `files`.',
  missing: 'No file was submitted: send one in `file`, or several in `files`.',
};

/** The multipart body of both upload operations. */
const uploadBody = (batch: boolean) => ({
  schema: {
    type: 'object',
    required: ['type'],
    properties: {
      file: {
        type: 'string',
        format: 'binary',
        description: batch
          ? 'A file; taken with the `files` (at most 10 files in all).'
          : 'Single-file mode: one image, answered with the asset. Send `file` or `files`, not both.',
      },
      files: {
        type: 'array',
        items: { type: 'string', format: 'binary' },
        maxItems: MAX_ASSET_FILES_PER_REQUEST,
        description: `Multi-file mode: up to ${MAX_ASSET_FILES_PER_REQUEST} images (the field repeated), answered with the batch result.`,
      },
      type: {
        type: 'string',
        enum: Object.keys(ASSET_TYPES),
        description: 'Asset type of every file (see the asset type choices).',
        example: 'photo',
      },
      description: {
        type: 'string',
        maxLength: ASSET_DESCRIPTION_MAX_LENGTH,
        description: 'Description of every file; empty when not sent.',
        example: 'Front cover, light ring wear.',
      },
      is_identifying_asset: {
        type: 'boolean',
        description:
          'Make the (first stored) file the identifying (primary) asset of the item: `true`/`false`/`1`/`0`, default false. ' +
          'The item has at most one: the flag leaves its other assets.',
        example: true,
      },
    },
  },
});

const RULES =
  'JPEG, PNG, WebP, HEIC/HEIF or GIF, recognised by content (not by name or declared type), each at most `MEDIA_MAX_BYTES` ' +
  '(10 MB by default); a WebP thumbnail at most 400 px wide is made (a HEIC/HEIF the server cannot decode is its own thumbnail). ' +
  "The item may have at most the plan's `photos_per_item_limit` assets (12 without a subscription). " +
  'With `is_identifying_asset=true` the first stored file becomes the identifying asset and the others lose the flag. ' +
  'Each stored file is recorded in the audit log (`asset_upload`).';

const BATCH_RULES =
  'In multi-file mode each file succeeds or fails on its own: a file that is not a supported image, is empty, too large, or ' +
  "past the plan's limit (the files over it, in the order sent) is listed in `errors` and the others are stored. " +
  '201 when at least one file was stored; 400 with the same batch body when none was.';

const TYPE_ERROR = { type: ['"poster" is not a valid choice.'] };

const REQUEST_ERRORS =
  'Not multipart (`non_field_errors`), no file (`file`), both `file` and `files` (`non_field_errors`), more than 10 files (`non_field_errors`), ' +
  'text sent in a file field, a missing or unknown `type`, a `description` too long or a non-boolean `is_identifying_asset` ' +
  '(each on its field), or a malformed body (`detail`); nothing was stored.';

@ApiTags('Inventory')
@ApiAuthErrors()
@ApiExtraModels(InventoryAssetDto, AssetBatchDto)
@AnyRole()
@Controller('api/v1/inventory')
export class InventoryAssetsController {
  private readonly fieldsPipe = new ApiValidationPipe();

  constructor(
    private readonly assets: InventoryAssetsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post(':uid/assets/')
  @ApiOperation({
    summary: 'Upload assets (photos)',
    description:
      'multipart/form-data. Single-file mode, with `file`: the one image is stored and the answer is the asset ' +
      '(201 `InventoryAssetDto`); any problem with it is a 400 on `file` and nothing is stored, also when the item has no room ' +
      'left on the plan (`{"file": ["This item can have at most 12 photos on your plan; it has 12."]}`). ' +
      'Multi-file mode, with `files` (even a single one): the answer is the batch result (201 `AssetBatchDto`, as ' +
      '`POST .../assets/batch/`). ' +
      `${BATCH_RULES} ${RULES}`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody(false))
  @ApiCreatedResponse({
    description: 'With `file`: the stored asset. With `files`: the batch result (at least one file stored).',
    schema: { oneOf: [{ $ref: getSchemaPath(InventoryAssetDto) }, { $ref: getSchemaPath(AssetBatchDto) }] },
  })
  @ApiValidationError(
    `${REQUEST_ERRORS} With \`file\`: also a file that is not a supported image, empty, too large or over the plan's limit, on \`file\`. ` +
      'With `files`: the batch result (`AssetBatchDto`) when no file was stored.',
    { alternative: AssetBatchDto, example: TYPE_ERROR },
  )
  @ApiNotFound("No such item (or deleted, or another organization's); the upload is not read.")
  async upload(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Param('uid') uid: string,
    @Req() request: FastifyRequest,
    @Urls() urls: RequestUrls,
  ): Promise<InventoryAssetDto | AssetBatchDto> {
    await this.assets.assertItem(auth, uid); // another organization's item is a 404 before the upload is read
    const { files, upload } = await this.readUpload(request, false);
    if (files.length === 1 && files[0].field === 'file') return this.assets.uploadOne({ auth, client }, uid, files[0], upload, urls);
    return answerBatch(await this.assets.uploadMany({ auth, client }, uid, files, upload, urls));
  }

  @Post(':uid/assets/batch/')
  @ApiOperation({
    summary: 'Batch upload assets (photos)',
    description: `multipart/form-data, always in multi-file mode: the files of \`files\` and \`file\` (at most 10 in all), in the order sent. ${BATCH_RULES} ${RULES}`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(uploadBody(true))
  @ApiCreatedResponse({ type: AssetBatchDto, description: 'At least one file was stored; `errors` lists those that were not.' })
  @ApiValidationError(
    `No file was stored: the batch result (\`AssetBatchDto\`), every file in \`errors\`. Or the request itself: ${REQUEST_ERRORS}`,
    { alternative: AssetBatchDto, example: TYPE_ERROR },
  )
  @ApiNotFound("No such item (or deleted, or another organization's); the upload is not read.")
  async batch(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Param('uid') uid: string,
    @Req() request: FastifyRequest,
    @Urls() urls: RequestUrls,
  ): Promise<AssetBatchDto> {
    await this.assets.assertItem(auth, uid);
    const { files, upload } = await this.readUpload(request, true);
    return answerBatch(await this.assets.uploadMany({ auth, client }, uid, files, upload, urls));
  }

  @Delete(':uid/assets/:asset_uid/')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete an asset',
    description:
      'Deletes the asset of the item; its stored file and thumbnail are removed once that is committed (their URLs then answer 404). Recorded in the audit log (`asset_delete`).',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFound("No such item or asset, an asset of another item, or another organization's.")
  delete(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientRequest,
    @Param('uid') uid: string,
    @Param('asset_uid') assetUid: string,
  ): Promise<void> {
    return this.assets.delete({ auth, client }, uid, assetUid);
  }

  /**
   * The files and text fields of an upload, or one 400 with every problem of the request. `batch` takes `file` and
   * `files` together; otherwise it is one or the other, and `file` holds one file.
   */
  private async readUpload(request: FastifyRequest, batch: boolean): Promise<{ files: FormFile[]; upload: AssetUpload }> {
    const form = await readUploadedFiles(request, FILE_FIELDS, this.config.mediaMaxBytes, MAX_ASSET_FILES_PER_REQUEST);
    const errors: FieldErrors = {};
    let fields: AssetUploadFieldsDto | null = null;
    try {
      fields = (await this.fieldsPipe.transform(form.fields, { type: 'body', metatype: AssetUploadFieldsDto })) as AssetUploadFieldsDto;
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      Object.assign(errors, error.getResponse());
    }
    const inFile = form.files.filter((file) => file.field === 'file').length;
    const inFiles = form.files.length - inFile;
    if (form.files.length === 0) errors.file = [AssetUploadMsg.missing];
    else if (!batch && inFile > 0 && inFiles > 0) errors.non_field_errors = [AssetUploadMsg.bothFields];
    else if (!batch && inFile > 1) errors.file = [AssetUploadMsg.oneInFile];
    if (Object.keys(errors).length > 0 || fields === null) throw new ValidationFailed(errors);
    return {
      files: form.files,
      upload: { type: fields.type, description: fields.description ?? '', isIdentifying: fields.is_identifying_asset ?? false },
    };
  }
}

/** A batch that stored nothing answers 400 with the same body. */
function answerBatch(batch: AssetBatchDto): AssetBatchDto {
  if (batch.created_count === 0) throw new ApiError({ ...batch }, 400);
  return batch;
}
