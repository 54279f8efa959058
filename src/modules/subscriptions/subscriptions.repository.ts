import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { newUid } from '../../common/ids/uid.js';
import { Plan } from './entities/plan.entity.js';
import { Subscription } from './entities/subscription.entity.js';
import { TRIAL_PLAN_CODE } from './subscriptions.rules.js';

@Injectable()
export class SubscriptionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async startTrial(manager: EntityManager, organizationId: string, trialEndsAt: Date): Promise<Subscription> {
    const plan = await manager.getRepository(Plan).findOneByOrFail({ code: TRIAL_PLAN_CODE });
    return manager.getRepository(Subscription).save({
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
    return this.dataSource.getRepository(Subscription).findOne({ where: { organizationId }, relations: { plan: true } });
  }
}
