import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { SubscriptionDto } from './dto/subscription.dto.js';
import { mapSubscription } from './subscriptions.mapper.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';
import { isSubscriptionActive, trialEnd } from './subscriptions.rules.js';

@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new organization's trial (TRIAL_DAYS long); joins the caller's transaction. */
  async startTrial(organizationId: string): Promise<void> {
    await this.subscriptions.startTrial(organizationId, trialEnd(new Date(), this.config.trialDays));
  }

  async forOrganization(organizationId: string): Promise<SubscriptionDto | null> {
    const subscription = await this.subscriptions.findForOrganization(organizationId);
    return subscription?.plan ? mapSubscription({ ...subscription, plan: subscription.plan }, new Date()) : null;
  }

  /** Whether paid actions are allowed now (active, or trialing before the trial ends). */
  async isActive(organizationId: string): Promise<boolean> {
    return isSubscriptionActive(await this.subscriptions.findForOrganization(organizationId), new Date());
  }
}
