import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiResponse } from '@nestjs/swagger';
import type { AuthContext } from './auth-context.js';
import { ErrorDetailDto } from '../swagger/error.dto.js';

export const IS_PUBLIC = 'instica:isPublic';
export const REQUIRES_SUBSCRIPTION = 'instica:requiresSubscription';
/** Marker the OpenAPI writer turns into `security: []` on the operation. */
export const PUBLIC_EXTENSION = 'x-public';

/** Opens a route to unauthenticated callers; every other route requires credentials. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

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
