import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { REQUIRES_SUBSCRIPTION } from '../../common/auth/decorators.js';
import { RouteMetadata } from '../../common/auth/route-metadata.js';
import { DetailError } from '../../common/errors/error-response.js';
import { SubscriptionsService } from './subscriptions.service.js';

/** Global guard behind authentication: routes marked @RequiresSubscription() answer 402 without one. */
@Injectable()
export class SubscriptionGuard implements CanActivate {
  private readonly requiresSubscription: RouteMetadata<boolean>;

  constructor(
    reflector: Reflector,
    private readonly subscriptions: SubscriptionsService,
  ) {
    this.requiresSubscription = new RouteMetadata(reflector, REQUIRES_SUBSCRIPTION);
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    return this.requiresSubscription.of(context) ? this.assertActive(context) : true;
  }

  private async assertActive(context: ExecutionContext): Promise<boolean> {
    const { user } = context.switchToHttp().getRequest<{ user: AuthContext }>();
    if (!(await this.subscriptions.isActive(user.organizationId))) {
      throw new DetailError(402, 'An active subscription is required for this action.');
    }
    return true;
  }
}
