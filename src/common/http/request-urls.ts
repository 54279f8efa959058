import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * Absolute URLs as the caller reached us (X-Forwarded-* only with TRUST_PROXY): computed once per
 * request by the controller and handed to services and mappers, which never see the request.
 */
export interface RequestUrls {
  /** `path` (starting with `/`) on the caller's origin. */
  absolute(path: string): string;
  /** This request's URL with `page` set, other query parameters kept (sorted, for stable links). */
  page(page: number): string;
}

export function requestUrls(request: FastifyRequest): RequestUrls {
  const origin = `${request.protocol}://${request.host}`;
  return {
    absolute: (path) => `${origin}${path}`,
    page: (page) => {
      const url = new URL(request.url, origin);
      url.searchParams.set('page', String(page));
      url.searchParams.sort();
      return url.toString();
    },
  };
}

/** The RequestUrls of the current request, as a controller parameter. */
export const Urls = createParamDecorator((_: unknown, context: ExecutionContext): RequestUrls => {
  return requestUrls(context.switchToHttp().getRequest<FastifyRequest>());
});
