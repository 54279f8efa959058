import { HttpException, HttpStatus } from '@nestjs/common';

/** Field errors in the documented shape: `{"field": ["message"], "non_field_errors": [...]}`. */
export interface FieldErrors {
  [field: string]: string[] | FieldErrors;
}

export interface ErrorResponse {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export const NOT_AUTHENTICATED = 'Authentication credentials were not provided.';
export const SERVER_ERROR = 'A server error occurred.';
export const NOT_FOUND = 'Not found.';

const DEFAULT_DETAIL: Record<number, string> = {
  400: 'Bad request.',
  401: NOT_AUTHENTICATED,
  402: 'An active subscription is required for this action.',
  403: 'You do not have permission to perform this action.',
  404: NOT_FOUND,
  406: 'Could not satisfy the request Accept header.',
  409: 'Conflict.',
  413: 'Request body is too large.',
  429: 'Request was throttled.',
  500: SERVER_ERROR,
};

/** An error whose body is already in the documented shape and is sent as it is. */
export class ApiError extends HttpException {
  constructor(
    body: Record<string, unknown>,
    status: number,
    readonly headers?: Record<string, string>,
  ) {
    super(body, status);
  }
}

/** A 400 with per-field messages, as the overview documents. */
export class ValidationFailed extends ApiError {
  constructor(errors: FieldErrors) {
    super(errors, HttpStatus.BAD_REQUEST);
  }
}

/** An error whose body is `{"detail": "..."}`. */
export class DetailError extends ApiError {
  constructor(status: number, detail: string, headers?: Record<string, string>) {
    super({ detail }, status, headers);
    this.message = detail;
  }
}

/** The documented 404: the resource does not exist, or another organization owns it (never a 403). */
export class NotFound extends DetailError {
  constructor() {
    super(404, NOT_FOUND);
  }
}

/** The value, or the documented 404 when there is none: the one way a lookup answers "not found". */
export function foundOrFail<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new NotFound();
  return value;
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Turns anything thrown while serving a request into the documented error shape. */
export function toErrorResponse(error: unknown, method = 'GET'): ErrorResponse {
  if (error instanceof ApiError) {
    return { status: error.getStatus(), body: error.getResponse() as Record<string, unknown>, headers: error.headers };
  }
  if (error instanceof HttpException) {
    // Nest wraps Fastify's own errors (body parsing, media type, size) with the original as the cause.
    const cause = error.cause as FastifyLikeError | undefined;
    if (typeof cause?.code === 'string' && cause.code.startsWith('FST_')) return fromFastify(cause, method);
    return fromStatus(error.getStatus(), method, error.message);
  }
  const fastifyError = error as FastifyLikeError;
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) return fromFastify(fastifyError, method);
  return { status: 500, body: { detail: SERVER_ERROR } };
}

/**
 * Errors Fastify's router raises before any route runs (Fastify's `frameworkErrors`), in the documented shapes: a path
 * parameter longer than any identifier names nothing (404); a path that is not valid percent-encoding is a 400.
 */
export function toFrameworkErrorResponse(error: FastifyLikeError, method: string): ErrorResponse {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return { status: 404, body: { detail: NOT_FOUND } };
  if (error.code === 'FST_ERR_BAD_URL')
    return { status: 400, body: { detail: 'Malformed URL: a path segment is not valid percent-encoding.' } };
  return toErrorResponse(error, method);
}

function fromFastify(error: FastifyLikeError, method: string): ErrorResponse {
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return { status: 400, body: { detail: `JSON parse error - ${error.message}` } };
  }
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return { status: 400, body: { detail: 'JSON parse error - the body is empty.' } };
  }
  return fromStatus(error.statusCode ?? 500, method, error.message ?? '');
}

function fromStatus(status: number, method: string, message: string): ErrorResponse {
  if (status === 405) return { status, body: { detail: `Method "${method}" not allowed.` } };
  if (status === 415) return { status, body: { detail: `Unsupported media type in request: ${message}` } };
  if (status >= 500) return { status: 500, body: { detail: SERVER_ERROR } };
  return { status, body: { detail: DEFAULT_DETAIL[status] ?? message } };
}
