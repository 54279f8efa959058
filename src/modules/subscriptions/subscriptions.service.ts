import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PlanDto, SubscriptionDto, SubscriptionStatusDto } from './dto/subscription.dto.js';
import { mapPlan, mapSubscription, mapSubscriptionStatus } from './subscriptions.mapper.js';
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

  /** Whether paid actions are allowed now (see isSubscriptionActive). */
  async isActive(organizationId: string): Promise<boolean> {
    return isSubscriptionActive(await this.subscriptions.findForOrganization(organizationId), new Date());
  }

  /** The plan catalogue, cheapest first. */
  async plans(): Promise<PlanDto[]> {
    return (await this.subscriptions.listPlans()).map(mapPlan);
  }

  async status(organizationId: string): Promise<SubscriptionStatusDto> {
    return mapSubscriptionStatus(await this.subscriptions.ensureForOrganization(organizationId), new Date());
  }
}
