import { Injectable } from '@nestjs/common';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { Plan } from './entities/plan.entity.js';
import { Subscription } from './entities/subscription.entity.js';
import { TRIAL_PLAN_CODE } from './subscriptions.rules.js';

@Injectable()
export class SubscriptionsRepository {
  constructor(private readonly db: TransactionalConnection) {}

  async startTrial(organizationId: string, trialEndsAt: Date): Promise<Subscription> {
    const plan = await this.db.getRepository(Plan).findOneByOrFail({ code: TRIAL_PLAN_CODE });
    return this.db.getRepository(Subscription).save({
      uid: newUid('sub'),
      organizationId,
      planId: plan.id,
      plan,
      status: 'trialing',
      trialEndsAt,
      currentPeriodEnd: trialEndsAt,
    });
  }

  findForOrganization(organizationId: string): Promise<Subscription | null> {
    return this.db.getRepository(Subscription).findOne({ where: { organizationId }, relations: { plan: true } });
  }
}
