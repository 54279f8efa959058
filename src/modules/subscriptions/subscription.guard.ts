import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { REQUIRES_SUBSCRIPTION } from '../../common/auth/decorators.js';
import { DetailError } from '../../common/errors/error-response.js';
import { SubscriptionsService } from './subscriptions.service.js';

/** Global guard behind authentication: routes marked @RequiresSubscription() answer 402 without one. */
@Injectable()
export class SubscriptionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = this.reflector.getAllAndOverride<boolean>(REQUIRES_SUBSCRIPTION, [context.getHandler(), context.getClass()]);
    if (!required) return true;
    const { user } = context.switchToHttp().getRequest<{ user: AuthContext }>();
    if (!(await this.subscriptions.isActive(user.organizationId))) {
      throw new DetailError(402, 'An active subscription is required for this action.');
    }
    return true;
  }
}
