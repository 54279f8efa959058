import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { DetailError } from '../errors/error-response.js';
import type { RequestUrls } from '../http/request-urls.js';
import { ApiValidationError } from '../swagger/api-errors.decorator.js';
import { ErrorDetailDto } from '../swagger/error.dto.js';

export const MAX_PAGE_SIZE = 100;

/** `page` and `page_size`; lenient like the documented API: a bad page_size falls back to the default. */
export class PageQueryDto {
  // No `example`: Swagger UI's "Try it out" would send it as the value.
  @ApiPropertyOptional({ description: 'Page number, starting at 1 (the first page when absent).', type: 'integer', minimum: 1 })
  @IsOptional()
  @IsString()
  page?: string;

  @ApiPropertyOptional({
    description: `Results per page (the resource's default when absent or not a positive whole number; at most ${MAX_PAGE_SIZE}).`,
    type: 'integer',
  })
  @IsOptional()
  @IsString()
  page_size?: string;
}

export interface PageRequest {
  page: number;
  pageSize: number;
  offset: number;
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

const INVALID_PAGE = 'Invalid page.';

export function pageRequest(query: PageQueryDto, defaultSize: number): PageRequest {
  const pageSize = parsePageSize(query.page_size, defaultSize);
  const rawPage = query.page;
  const page = rawPage === undefined || rawPage === '' ? 1 : Number(rawPage);
  // A page beyond safe integers would make an OFFSET PostgreSQL refuses; no such page exists anyway.
  if (!Number.isSafeInteger(page) || page < 1) throw new DetailError(404, INVALID_PAGE);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

function parsePageSize(raw: string | undefined, defaultSize: number): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isInteger(value) || value < 1) return defaultSize;
  return Math.min(value, MAX_PAGE_SIZE);
}

/** Throws the documented 404 when the requested page lies past the last one (page 1 always exists). */
export function assertPageExists(request: PageRequest, count: number): void {
  if (request.page > 1 && request.offset >= count) throw new DetailError(404, INVALID_PAGE);
}

/** What a list reads: how many rows match, and one page of them (already shaped for the response). */
export interface PageSource<T> {
  count(): Promise<number>;
  rows(offset: number, limit: number): Promise<T[]>;
}

/**
 * The one list sequence: the count and the page are read side by side (neither waits for the other),
 * a page past the end is the documented 404, and the envelope links to its neighbours.
 */
export async function paginate<T>(request: PageRequest, source: PageSource<T>, urls: Pick<RequestUrls, 'page'>): Promise<Page<T>> {
  const [count, results] = await Promise.all([source.count(), source.rows(request.offset, request.pageSize)]);
  assertPageExists(request, count);
  return toPage(urls, request, count, results);
}

/** The documented envelope, with absolute next/previous URLs that keep every other query parameter. */
export function toPage<T>(urls: Pick<RequestUrls, 'page'>, request: PageRequest, count: number, results: T[]): Page<T> {
  const lastPage = Math.max(1, Math.ceil(count / request.pageSize));
  return {
    count,
    next: request.page < lastPage ? urls.page(request.page + 1) : null,
    previous: request.page > 1 ? urls.page(Math.min(request.page - 1, lastPage)) : null,
    results,
  };
}

class PageEnvelopeDto {
  @ApiProperty({ description: 'Total results across all pages.', example: 247 })
  count!: number;

  @ApiProperty({ description: 'URL of the next page.', type: String, nullable: true })
  next!: string | null;

  @ApiProperty({ description: 'URL of the previous page.', type: String, nullable: true })
  previous!: string | null;
}

/**
 * Documents a paginated 200 response of `model` items, and the errors paging itself can cause: 400 when
 * `page` or `page_size` is sent more than once, 404 for a page that is not a positive whole number or lies
 * past the last one. An operation's own 400 description is joined to this one.
 */
export function ApiPaginatedResponse(model: Type<unknown>, description = 'One page of results.') {
  return applyDecorators(
    ApiValidationError('`page` or `page_size` sent more than once.'),
    ApiResponse({
      status: 404,
      description: `\`{"detail": "${INVALID_PAGE}"}\`: \`page\` is not a whole number of at least 1, or lies past the last page.`,
      type: ErrorDetailDto,
    }),
    ApiExtraModels(PageEnvelopeDto, model),
    ApiOkResponse({
      description,
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageEnvelopeDto) },
          {
            type: 'object',
            required: ['count', 'next', 'previous', 'results'],
            properties: { results: { type: 'array', items: { $ref: getSchemaPath(model) } } },
          },
        ],
      },
    }),
  );
}
