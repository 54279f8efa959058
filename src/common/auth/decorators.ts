import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiResponse } from '@nestjs/swagger';
import type { AuthContext } from './auth-context.js';
import { MANAGER_ROLES, ORGANIZATION_ROLES, type OrganizationRole } from './roles.js';
import { ErrorDetailDto } from '../swagger/error.dto.js';

export const IS_PUBLIC = 'instica:isPublic';
export const REQUIRES_SUBSCRIPTION = 'instica:requiresSubscription';
export const ALLOWED_ROLES = 'instica:allowedRoles';
/** The roles an operation is open to, in the OpenAPI document (every authenticated operation declares them). */
export const ROLES_EXTENSION = 'x-roles';
/** Marker the OpenAPI writer turns into `security: []` on the operation. */
export const PUBLIC_EXTENSION = 'x-public';

/** Opens a route to unauthenticated callers; every other route requires credentials. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/**
 * The roles a route (or every route of a controller) is open to. The role guard denies by default: an
 * authenticated route that declares none answers 403, so a new route is closed until it says who may call it.
 */
export const Roles = (...roles: OrganizationRole[]) =>
  applyDecorators(
    SetMetadata(ALLOWED_ROLES, roles),
    ApiExtension(ROLES_EXTENSION, roles),
    ...(roles.length < ORGANIZATION_ROLES.length
      ? [ApiResponse({ status: 403, description: `Only for the roles: ${roles.join(', ')}.`, type: ErrorDetailDto })]
      : []),
  );

/** Open to every member of the organization, whatever their role. */
export const AnyRole = () => Roles(...ORGANIZATION_ROLES);

/** Open to owners and admins only (the team, the organization's settings, billing). */
export const ManagersOnly = () => Roles(...MANAGER_ROLES);

/** Answers 402 unless the caller's organization has an active (or trialing) subscription. */
export const RequiresSubscription = () =>
  applyDecorators(
    SetMetadata(REQUIRES_SUBSCRIPTION, true),
    ApiResponse({ status: 402, description: 'No active subscription.', type: ErrorDetailDto }),
  );

/** The authenticated caller (see AuthContext). */
export const CurrentAuth = createParamDecorator((_: unknown, context: ExecutionContext): AuthContext => {
  return context.switchToHttp().getRequest<{ user: AuthContext }>().user;
});
