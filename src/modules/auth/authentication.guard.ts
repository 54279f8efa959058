import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { IS_PUBLIC } from '../../common/auth/decorators.js';
import { RouteMetadata } from '../../common/auth/route-metadata.js';
import { DetailError, NOT_AUTHENTICATED } from '../../common/errors/error-response.js';
import { API_KEY, BEARER } from './strategies.js';

/** The global guard: every route needs an API key or bearer token unless it is marked @Public(). */
@Injectable()
export class AuthenticationGuard extends AuthGuard([API_KEY, BEARER]) {
  private readonly isPublic: RouteMetadata<boolean>;

  constructor(reflector: Reflector) {
    super();
    this.isPublic = new RouteMetadata(reflector, IS_PUBLIC);
  }

  override canActivate(context: ExecutionContext) {
    if (this.isPublic.of(context)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.headers['x-api-key'] && !request.headers.authorization) throw new DetailError(401, NOT_AUTHENTICATED);
    return super.canActivate(context);
  }

  override handleRequest<T = AuthContext>(error: unknown, user: T | false, _info: unknown, context: ExecutionContext): T {
    if (error) throw error;
    if (user) return user;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    throw new DetailError(401, request.headers['x-api-key'] ? 'Invalid API key.' : 'Invalid token.');
  }
}
