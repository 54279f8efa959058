import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from './error-response.js';

/** The one place an exception becomes an HTTP response; 5xx are logged with the request id. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendError(exception, request, reply, this.logger);
  }
}

export function sendError(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const response = toErrorResponse(exception, request.method);
  if (response.status >= 500) {
    logger.error({ err: exception, request_id: request.id, url: request.url }, 'Unhandled error');
  }
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    void reply.header(name, value);
  }
  void reply.status(response.status).send(response.body);
}
