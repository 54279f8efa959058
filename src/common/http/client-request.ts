import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Where a request came from, as audit trails record it. */
export interface ClientRequest {
  requestId: string;
  ipAddress: string | null;
  userAgent: string | null;
}

const MAX_USER_AGENT = 1000;

export function clientRequest(request: FastifyRequest): ClientRequest {
  const userAgent = request.headers['user-agent'];
  return {
    requestId: String(request.id),
    ipAddress: request.ip || null,
    userAgent: typeof userAgent === 'string' && userAgent ? userAgent.slice(0, MAX_USER_AGENT) : null,
  };
}

/** The ClientRequest of the current request, as a controller parameter. */
export const Client = createParamDecorator((_: unknown, context: ExecutionContext): ClientRequest => {
  return clientRequest(context.switchToHttp().getRequest<FastifyRequest>());
});
