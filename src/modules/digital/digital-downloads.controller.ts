import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pipeline, Readable, Transform } from 'node:stream';
import { Public } from '../../common/auth/decorators.js';
import { ApiError, DetailError } from '../../common/errors/error-response.js';
import { Client, type ClientRequest } from '../../common/http/client-request.js';
import { type RequestUrls, Urls } from '../../common/http/request-urls.js';
import { ApiCommonErrors } from '../../common/swagger/api-errors.decorator.js';
import { ErrorDetailDto } from '../../common/swagger/error.dto.js';
import { DownloadPageDto } from './dto/download-page.dto.js';
import { DigitalDownloadsService } from './digital-downloads.service.js';
import { contentDisposition } from './digital.rules.js';
import { downloadPageHtml, linkProblemHtml } from './download-page.html.js';

const PAGE_ERROR_CONTENT = {
  'application/json': { schema: { $ref: getSchemaPath(ErrorDetailDto) } },
  'text/html': {
    schema: { type: 'string', example: '<!doctype html>...<p>This download link has expired. Ask the seller for a new one.</p>...' },
  },
};
const FILE = { '*/*': { schema: { type: 'string', format: 'binary' } } };
const GONE =
  'The link expired (`DIGITAL_LINK_TTL_DAYS` after the purchase), was revoked by the seller, was replaced by a newer email, or its product was deleted';
const THROTTLED =
  'More than `DIGITAL_DOWNLOAD_REQUESTS_PER_MINUTE` requests (60 by default) from this IP address to the download routes in a minute.';

function wantsJson(accept: string | undefined): boolean {
  return accept?.includes('application/json') ?? false;
}

/** The public download routes: the emailed token is the credential. */
@ApiTags('Digital')
@ApiCommonErrors()
@ApiExtraModels(DownloadPageDto, ErrorDetailDto)
@Public()
@Controller('api/v1/digital/download')
export class DigitalDownloadsController {
  constructor(private readonly downloads: DigitalDownloadsService) {}

  @Get(':token/')
  @ApiOperation({
    summary: 'Public download page',
    description:
      'No credentials: the token of the emailed link. A small HTML page for a browser, or with `Accept: application/json` the product, ' +
      'its files with their sizes and the downloads left of each, and the expiry. An unknown token is a 404, a link that cannot be used ' +
      '(or whose every file was downloaded the most times allowed) a 410 saying why, as HTML or JSON alike.',
  })
  @ApiResponse({
    status: 200,
    description: 'The download page (JSON or HTML).',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(DownloadPageDto) } },
      'text/html': {
        schema: { type: 'string', example: '<!doctype html>...<a href=".../dast_4Fh8Kq2Lm9Xw7Tz1/" download>Full Album Download</a>...' },
      },
    },
  })
  @ApiResponse({ status: 404, description: 'No link has this token.', content: PAGE_ERROR_CONTENT })
  @ApiResponse({ status: 410, description: `${GONE}; or every file was downloaded the most times allowed.`, content: PAGE_ERROR_CONTENT })
  @ApiResponse({ status: 429, description: THROTTLED, type: ErrorDetailDto })
  async page(
    @Param('token') token: string,
    @Headers('accept') accept: string | undefined,
    @Client() client: ClientRequest,
    @Urls() urls: RequestUrls,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DownloadPageDto | string> {
    const fileUrl = (assetUid: string) => urls.absolute(`/api/v1/digital/download/${encodeURIComponent(token)}/${assetUid}/`);
    void reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer');
    try {
      const page = await this.downloads.page(token, client, fileUrl);
      if (wantsJson(accept)) return page;
      void reply.type('text/html; charset=utf-8');
      return downloadPageHtml(page);
    } catch (error) {
      if (wantsJson(accept) || !(error instanceof DetailError) || ![404, 410].includes(error.getStatus())) throw error;
      void reply.code(error.getStatus()).type('text/html; charset=utf-8');
      return linkProblemHtml(error.message);
    }
  }

  @Get(':token/:asset_uid/')
  @ApiOperation({
    summary: 'Download a specific asset file',
    description:
      'No credentials: the token of the emailed link. The file as an attachment (`Content-Disposition` with its name, `Content-Length`, ' +
      'its SHA-256 as `ETag`, its detected `Content-Type`). HTTP `Range` (one byte range; `If-Range` with the ETag) answers 206 so that a ' +
      'large download can resume. A request for the whole file or a range from its first byte is a new download, counted against ' +
      '`DIGITAL_DOWNLOAD_LIMIT` per file (5 by default); a range past the first byte of a file already downloaded resumes it and is ' +
      "not counted (resumes stop once the file was sent that many times over). Every request is in the purchase's download logs.",
  })
  @ApiHeader({ name: 'Range', required: false, description: 'One byte range, e.g. `bytes=1048576-`.' })
  @ApiHeader({
    name: 'If-Range',
    required: false,
    description: 'The ETag the partial download started with: another one gets the whole file.',
  })
  @ApiResponse({ status: 200, description: 'The whole file.', content: FILE })
  @ApiResponse({ status: 206, description: 'The range asked for, with `Content-Range`.', content: FILE })
  @ApiResponse({ status: 404, description: 'No link has this token, or the link is not for this asset.', type: ErrorDetailDto })
  @ApiResponse({
    status: 410,
    description: `${GONE}; or this file was downloaded the most times allowed, or is no longer stored.`,
    type: ErrorDetailDto,
  })
  @ApiResponse({
    status: 416,
    description: 'The range lies past the end of the file (`Content-Range: bytes */<size>`).',
    type: ErrorDetailDto,
  })
  @ApiResponse({ status: 429, description: THROTTLED, type: ErrorDetailDto })
  async file(
    @Param('token') token: string,
    @Param('asset_uid') assetUid: string,
    @Headers('range') range: string | undefined,
    @Headers('if-range') ifRange: string | undefined,
    @Client() client: ClientRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const result = await this.downloads.download(token, assetUid, { range, ifRange, headOnly: request.method === 'HEAD' }, client);
    if (result.kind === 'unsatisfiable') {
      throw new ApiError({ detail: 'The requested range is not satisfiable.' }, 416, { 'Content-Range': `bytes */${result.size}` });
    }
    const size = Number(result.asset.size_bytes);
    void reply
      .header('Content-Type', result.asset.content_type)
      .header('Content-Disposition', contentDisposition(result.asset.file_name))
      .header('ETag', result.etag)
      .header('Accept-Ranges', 'bytes')
      .header('Cache-Control', 'private, no-store')
      .header('X-Content-Type-Options', 'nosniff');
    if (result.kind === 'head') {
      // An empty stream, not '': Fastify's HEAD handling measures a string body but keeps a stream's Content-Length.
      void reply.header('Content-Length', size);
      return Readable.from([]);
    }
    const expected = result.range ? result.range.end - result.range.start + 1 : size;
    if (result.range) void reply.code(206).header('Content-Range', `bytes ${result.range.start}-${result.range.end}/${size}`);
    void reply.header('Content-Length', expected);
    let sent = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sent += chunk.length;
        done(null, chunk);
      },
    });
    reply.raw.once('close', () => void this.downloads.finish(result.download, sent, reply.raw.writableFinished && sent === expected));
    return pipeline(result.stream, counter, () => undefined);
  }
}
