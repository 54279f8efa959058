import type { FastifyRequest } from 'fastify';

/** `scheme://host[:port]` the caller reached us at (X-Forwarded-* only with TRUST_PROXY), for absolute URLs. */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
