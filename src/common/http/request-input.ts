import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { type ApiError, NotFound, ValidationFailed } from '../errors/error-response.js';
import { Msg } from '../errors/messages.js';
import { bodyProblemError } from './json-body.js';
import { findNullCharacterParameter, hasNullCharacter } from './null-characters.js';

const FORM_BODY = /^application\/x-www-form-urlencoded\b/i;

/**
 * The request input no route may see, as the error answering it: a null character in a query parameter
 * (400 on the parameter) or in a path parameter (404: no resource has such an id), and in a form body what
 * jsonBodyParser refuses in a JSON one (Nest's form parser, registered by the adapter, has no such check).
 */
export function unsafeInputError(request: FastifyRequest): ApiError | null {
  const parameter = findNullCharacterParameter(request.query);
  if (parameter !== null) return new ValidationFailed({ [parameter]: [Msg.nullCharacter] });
  const pathValues = Object.values((request.params ?? {}) as Record<string, unknown>);
  if (pathValues.some((value) => typeof value === 'string' && hasNullCharacter(value))) return new NotFound();
  if (FORM_BODY.test(request.headers['content-type'] ?? '')) return bodyProblemError(request.body);
  return null;
}

/** A `preValidation` hook for every route: unsafe input is answered before guards, pipes and handlers run. */
export function refuseUnsafeInput(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const error = unsafeInputError(request);
  if (error) done(error);
  else done();
}
