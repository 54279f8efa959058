import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { REQUIRES_SUBSCRIPTION } from '../../common/auth/decorators.js';
import { DetailError } from '../../common/errors/error-response.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';
import { isSubscriptionActive } from './subscriptions.rules.js';

/** Global guard behind authentication: routes marked @RequiresSubscription() answer 402 without one. */
@Injectable()
export class SubscriptionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly subscriptions: SubscriptionsRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = this.reflector.getAllAndOverride<boolean>(REQUIRES_SUBSCRIPTION, [context.getHandler(), context.getClass()]);
    if (!required) return true;
    const { user } = context.switchToHttp().getRequest<{ user: AuthContext }>();
    const subscription = await this.subscriptions.findForOrganization(user.organizationId);
    if (!isSubscriptionActive(subscription, new Date())) {
      throw new DetailError(402, 'An active subscription is required for this action.');
    }
    return true;
  }
}
