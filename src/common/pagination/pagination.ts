import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { DetailError } from '../errors/error-response.js';
import { requestOrigin } from '../http/origin.js';
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
  if (!Number.isInteger(page) || page < 1) throw new DetailError(404, INVALID_PAGE);
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

/** The documented envelope, with absolute next/previous URLs that keep every other query parameter. */
export function toPage<T>(httpRequest: FastifyRequest, request: PageRequest, count: number, results: T[]): Page<T> {
  const lastPage = Math.max(1, Math.ceil(count / request.pageSize));
  return {
    count,
    next: request.page < lastPage ? pageUrl(httpRequest, request.page + 1) : null,
    previous: request.page > 1 ? pageUrl(httpRequest, Math.min(request.page - 1, lastPage)) : null,
    results,
  };
}

function pageUrl(httpRequest: FastifyRequest, page: number): string {
  const url = new URL(httpRequest.url, requestOrigin(httpRequest));
  url.searchParams.set('page', String(page));
  url.searchParams.sort();
  return url.toString();
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
