import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  type Type,
  UseInterceptors,
  mixin,
} from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ValidationFailed } from '../errors/error-response.js';

/** The query parameters a DTO declares (validated properties, inherited ones included). */
export function declaredParameters(dto: Type<object>): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))];
}

/** The error of a query naming parameters outside `allowed`, or null. */
export function unknownParametersError(query: Record<string, unknown>, allowed: readonly string[]): ValidationFailed | null {
  const unknown = Object.keys(query).filter((name) => !allowed.includes(name));
  if (unknown.length === 0) return null;
  const known = allowed.length > 0 ? `the parameters are: ${allowed.join(', ')}` : 'this operation takes no query parameters';
  return new ValidationFailed(Object.fromEntries(unknown.map((name) => [name, [`Unknown parameter: ${known}.`]])));
}

/**
 * Refuses (400, per parameter) a query parameter that `dto` does not declare, where a misspelt filter (`day=7` for
 * `days=7`) would otherwise be ignored and answer figures the caller did not ask for. Elsewhere unknown parameters
 * are stripped, as the global pipe does.
 */
export function OnlyDeclaredQuery(dto?: Type<object>) {
  const allowed = dto ? declaredParameters(dto) : [];
  @Injectable()
  class DeclaredQueryInterceptor implements NestInterceptor {
    intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
      const query = (context.switchToHttp().getRequest<FastifyRequest>().query ?? {}) as Record<string, unknown>;
      const error = unknownParametersError(query, allowed);
      if (error) throw error;
      return next.handle();
    }
  }
  return UseInterceptors(mixin(DeclaredQueryInterceptor));
}
