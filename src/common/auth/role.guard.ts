import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DetailError } from '../errors/error-response.js';
import type { AuthContext } from './auth-context.js';
import { ALLOWED_ROLES, IS_PUBLIC } from './decorators.js';
import { FORBIDDEN_FOR_ROLE, type OrganizationRole } from './roles.js';

/** Global guard behind authentication: a route is open only to the roles it declares with @Roles() (none: 403). */
@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<OrganizationRole[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    const { user } = context.switchToHttp().getRequest<{ user: AuthContext }>();
    if (!allowed.includes(user.role)) throw new DetailError(403, FORBIDDEN_FOR_ROLE);
    return true;
  }
}
