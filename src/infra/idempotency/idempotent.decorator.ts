import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ErrorDetailDto } from '../../common/swagger/error.dto.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN } from './idempotency.rules.js';

/**
 * The route honours `Idempotency-Key`: a retry with the same key and body within 24 hours gets the first answer
 * again (with `Idempotent-Replayed: true`) and does nothing new; the same key with another request is a 422.
 * The interceptor is the route's own, so that the other routes' requests pass through none.
 */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description:
        'Any unique string (a UUID) up to 255 printable characters. Retrying with the same key and body within 24 hours ' +
        "returns the first request's answer and does nothing again; a failed request (4xx or 5xx) frees its key.",
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source, maxLength: 255 },
    }),
    ApiResponse({ status: 409, description: 'A request with this Idempotency-Key is still running.', type: ErrorDetailDto }),
    ApiResponse({ status: 422, description: 'This Idempotency-Key was used with another request.', type: ErrorDetailDto }),
  );
