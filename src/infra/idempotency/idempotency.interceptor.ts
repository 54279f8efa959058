import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable, of, throwError } from 'rxjs';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DetailError, ValidationFailed } from '../../common/errors/error-response.js';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_TTL_MS, requestFingerprint } from './idempotency.rules.js';
import { IdempotencyStore } from './idempotency.store.js';

const KEY_MESSAGE = 'Enter a key of 1 to 255 printable characters without spaces, such as a UUID.';

/** The interceptor of the routes marked @Idempotent(); acts on the calls that send an Idempotency-Key. */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: AuthContext }>();
    const reply = http.getResponse<FastifyReply>();
    const key = request.headers[IDEMPOTENCY_HEADER.toLowerCase()];
    if (key === undefined || !request.user) return next.handle();
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) throw new ValidationFailed({ [IDEMPOTENCY_HEADER]: [KEY_MESSAGE] });

    const path = request.url.split('?')[0];
    const fingerprint = requestFingerprint(request.method, path, request.body);
    const claim = await this.store.claim(request.user.organizationId, key, fingerprint, new Date(Date.now() + IDEMPOTENCY_TTL_MS));
    if (claim.kind === 'mismatch') throw new DetailError(422, 'This Idempotency-Key was used with another request.');
    if (claim.kind === 'in_progress') throw new DetailError(409, 'A request with this Idempotency-Key is still running.');
    if (claim.kind === 'replay') {
      void reply.status(claim.status).header('Idempotent-Replayed', 'true');
      return of(claim.body);
    }
    return next.handle().pipe(
      // Nest has set the route's status before the handler ran; a handler may have changed it since.
      mergeMap((body: unknown) => from(this.store.complete(claim.id, reply.statusCode, body).then(() => body))),
      catchError((error: unknown) => from(this.store.release(claim.id)).pipe(mergeMap(() => throwError(() => error)))),
    );
  }
}
