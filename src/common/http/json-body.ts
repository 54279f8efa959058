import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DetailError, ValidationFailed } from '../errors/error-response.js';

/** Deeper bodies are refused before validation: class-transformer recurses and would overflow the stack. */
export const MAX_JSON_DEPTH = 32;

/**
 * Finds what in a parsed body must be refused before it reaches validators: nesting deeper than
 * MAX_JSON_DEPTH, and strings with an unpaired UTF-16 surrogate (some validators throw on them).
 * Returns the top-level field at fault, or null when the body is acceptable.
 */
export function findBodyProblem(body: unknown): { field: string | null; problem: 'depth' | 'unicode' } | null {
  const stack: Array<{ value: unknown; depth: number; field: string | null }> = [{ value: body, depth: 0, field: null }];
  while (stack.length > 0) {
    const { value, depth, field } = stack.pop()!;
    if (typeof value === 'string') {
      if (!value.isWellFormed()) return { field, problem: 'unicode' };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return { field, problem: 'depth' };
    for (const [key, child] of Object.entries(value)) {
      if (!key.isWellFormed()) return { field: field ?? 'non_field_errors', problem: 'unicode' };
      stack.push({ value: child, depth: depth + 1, field: field ?? (Array.isArray(value) ? null : key) });
    }
  }
  return null;
}

/** The JSON body parser: Fastify's own (prototype-poisoning safe), then findBodyProblem. */
export function jsonBodyParser(fastify: FastifyInstance) {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, rawBody: Buffer, done: (error: Error | null, body?: unknown) => void): void => {
    parse(request, rawBody.toString('utf8'), (error: Error | null, body?: unknown) => {
      if (error) return done(error);
      const problem = findBodyProblem(body);
      if (!problem) return done(null, body);
      if (problem.problem === 'depth') {
        return done(new DetailError(400, `JSON parse error - nesting deeper than ${MAX_JSON_DEPTH} levels.`));
      }
      return done(new ValidationFailed({ [problem.field ?? 'non_field_errors']: ['Invalid unicode: unpaired surrogate.'] }));
    });
  };
}
