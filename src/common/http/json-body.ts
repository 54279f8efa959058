import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type ApiError, DetailError, ValidationFailed } from '../errors/error-response.js';
import { Msg } from '../errors/messages.js';
import { hasNullCharacter } from './null-characters.js';

/** Deeper bodies are refused before validation: class-transformer recurses and would overflow the stack. */
export const MAX_JSON_DEPTH = 32;

export type BodyProblem = 'depth' | 'unicode' | 'null';

/** A string some validators throw on (unpaired UTF-16 surrogate) or PostgreSQL refuses (null character). */
function stringProblem(text: string): 'unicode' | 'null' | null {
  if (!text.isWellFormed()) return 'unicode';
  if (hasNullCharacter(text)) return 'null';
  return null;
}

/**
 * Finds what in a parsed body must be refused before it reaches validators: nesting deeper than
 * MAX_JSON_DEPTH, and strings (values or keys) with an unpaired UTF-16 surrogate or a null character.
 * Returns the top-level field at fault (`non_field_errors` for a top-level key), or null when the body is acceptable.
 */
export function findBodyProblem(body: unknown): { field: string | null; problem: BodyProblem } | null {
  const stack: Array<{ value: unknown; depth: number; field: string | null }> = [{ value: body, depth: 0, field: null }];
  while (stack.length > 0) {
    const { value, depth, field } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = stringProblem(value);
      if (problem) return { field, problem };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return { field, problem: 'depth' };
    for (const [key, child] of Object.entries(value)) {
      const keyProblem = stringProblem(key);
      if (keyProblem) return { field: field ?? 'non_field_errors', problem: keyProblem };
      stack.push({ value: child, depth: depth + 1, field: field ?? (Array.isArray(value) ? null : key) });
    }
  }
  return null;
}

const FIELD_MESSAGES: Record<Exclude<BodyProblem, 'depth'>, string> = {
  unicode: 'Invalid unicode: unpaired surrogate.',
  null: Msg.nullCharacter,
};

/** The 400 answering what findBodyProblem found, or null when it found nothing. */
export function bodyProblemError(body: unknown): ApiError | null {
  const found = findBodyProblem(body);
  if (!found) return null;
  if (found.problem === 'depth') return new DetailError(400, `JSON parse error - nesting deeper than ${MAX_JSON_DEPTH} levels.`);
  return new ValidationFailed({ [found.field ?? 'non_field_errors']: [FIELD_MESSAGES[found.problem]] });
}

/**
 * Route config (`@RouteConfig(KEEP_RAW_BODY)` from `@nestjs/platform-fastify`) of a route that needs the JSON body
 * exactly as sent (a signed webhook): the parser also leaves the bytes on `request.rawBody`, for that route only.
 */
export const KEEP_RAW_BODY = { rawBody: true } as const;

/** The JSON body parser: Fastify's own (prototype-poisoning safe), then findBodyProblem. */
export function jsonBodyParser(fastify: FastifyInstance) {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, rawBody: Buffer, done: (error: Error | null, body?: unknown) => void): void => {
    if ((request.routeOptions.config as { rawBody?: boolean } | undefined)?.rawBody === true) {
      (request as FastifyRequest & { rawBody?: Buffer }).rawBody = rawBody;
    }
    parse(request, rawBody.toString('utf8'), (error: Error | null, body?: unknown) => {
      if (error) return done(error);
      const problem = bodyProblemError(body);
      return problem ? done(problem) : done(null, body);
    });
  };
}
