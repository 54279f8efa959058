import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DetailError } from '../errors/error-response.js';
import type { AuthContext } from './auth-context.js';
import { ALLOWED_ROLES, IS_PUBLIC } from './decorators.js';
import { RouteMetadata } from './route-metadata.js';
import { FORBIDDEN_FOR_ROLE, type OrganizationRole } from './roles.js';

/** Global guard behind authentication: a route is open only to the roles it declares with @Roles() (none: 403). */
@Injectable()
export class RoleGuard implements CanActivate {
  private readonly isPublic: RouteMetadata<boolean>;
  private readonly allowedRoles: RouteMetadata<OrganizationRole[]>;

  constructor(reflector: Reflector) {
    this.isPublic = new RouteMetadata(reflector, IS_PUBLIC);
    this.allowedRoles = new RouteMetadata(reflector, ALLOWED_ROLES);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.isPublic.of(context)) return true;
    const allowed = this.allowedRoles.of(context) ?? [];
    const { user } = context.switchToHttp().getRequest<{ user: AuthContext }>();
    if (!allowed.includes(user.role)) throw new DetailError(403, FORBIDDEN_FOR_ROLE);
    return true;
  }
}
