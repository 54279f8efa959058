import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { BillingEvent } from './entities/billing-event.entity.js';
import { Plan } from './entities/plan.entity.js';
import { Subscription } from './entities/subscription.entity.js';
import { TRIAL_PLAN_CODE } from './subscriptions.rules.js';

export type SubscriptionWithPlan = Subscription & { plan: Plan };

/** The column a subscription is found by when billing news arrives. */
export type SubscriptionKey =
  | { organizationId: string }
  | { organizationUid: string }
  | { stripeCustomerId: string }
  | { appleAppAccountToken: string }
  | { appleOriginalTransactionId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class SubscriptionsRepository {
  constructor(private readonly db: TransactionalConnection) {}

  listPlans(): Promise<Plan[]> {
    return this.db.getRepository(Plan).find({ order: { priceMonthlyUsd: 'ASC', id: 'ASC' } });
  }

  planByCode(code: string): Promise<Plan | null> {
    return this.db.getRepository(Plan).findOneBy({ code });
  }

  planByStripePrice(stripePriceId: string): Promise<Plan | null> {
    return this.db.getRepository(Plan).findOneBy({ stripePriceId });
  }

  planByAppleProduct(appleProductId: string): Promise<Plan | null> {
    return this.db.getRepository(Plan).findOneBy({ appleProductId });
  }

  async startTrial(organizationId: string, trialEndsAt: Date): Promise<Subscription> {
    const plan = await this.db.getRepository(Plan).findOneByOrFail({ code: TRIAL_PLAN_CODE });
    return this.db.getRepository(Subscription).save({
      uid: newUid('sub'),
      organizationId,
      planId: plan.id,
      plan,
      status: 'trialing',
      provider: 'trial',
      appleAppAccountToken: randomUUID(),
      trialEndsAt,
      currentPeriodEnd: trialEndsAt,
    });
  }

  findForOrganization(organizationId: string): Promise<Subscription | null> {
    return this.db.getRepository(Subscription).findOne({ where: { organizationId }, relations: { plan: true } });
  }

  /**
   * The organization's subscription, created (expired, on the trial plan) for an organization that never had one, with
   * its App Store account token.
   */
  async ensureForOrganization(organizationId: string): Promise<SubscriptionWithPlan & { appleAppAccountToken: string }> {
    await this.db.query(
      `INSERT INTO subscriptions (uid, organization_id, plan_id, status, provider, apple_app_account_token)
       SELECT $1, $2, id, 'expired', 'trial', $4 FROM plans WHERE code = $3
       ON CONFLICT (organization_id) DO NOTHING`,
      [newUid('sub'), organizationId, TRIAL_PLAN_CODE, randomUUID()],
    );
    await this.db.query(
      `UPDATE subscriptions SET apple_app_account_token = $2 WHERE organization_id = $1 AND apple_app_account_token IS NULL`,
      [organizationId, randomUUID()],
    );
    return (await this.findForOrganization(organizationId)) as SubscriptionWithPlan & { appleAppAccountToken: string };
  }

  /** The organization's uid and name, read through the subscription's relation (for Stripe's customer and metadata). */
  async organizationOf(organizationId: string): Promise<{ uid: string; name: string }> {
    const subscription = await this.db
      .getRepository(Subscription)
      .findOneOrFail({ where: { organizationId }, relations: { organization: true } });
    return { uid: subscription.organization!.uid, name: subscription.organization!.displayName };
  }

  /** The subscription found by `key`, locked until the transaction ends (billing news is applied one at a time). */
  async lock(key: SubscriptionKey): Promise<SubscriptionWithPlan | null> {
    if ('appleAppAccountToken' in key && !UUID.test(key.appleAppAccountToken)) return null;
    const query = this.db.getRepository(Subscription).createQueryBuilder('subscription').setLock('pessimistic_write');
    if ('organizationId' in key) query.where('subscription.organization_id = :value', { value: key.organizationId });
    else if ('organizationUid' in key) {
      query.where('subscription.organization_id = (SELECT o.id FROM organizations o WHERE o.uid = :value)', { value: key.organizationUid });
    } else if ('stripeCustomerId' in key) query.where('subscription.stripe_customer_id = :value', { value: key.stripeCustomerId });
    else if ('appleAppAccountToken' in key)
      query.where('subscription.apple_app_account_token = :value', { value: key.appleAppAccountToken });
    else query.where('subscription.apple_original_transaction_id = :value', { value: key.appleOriginalTransactionId });
    const subscription = await query.getOne();
    if (!subscription) return null;
    const plan = await this.db.getRepository(Plan).findOneByOrFail({ id: subscription.planId });
    return { ...subscription, plan } as SubscriptionWithPlan;
  }

  /** Links the Stripe customer unless one is already linked; answers the one linked. */
  async linkStripeCustomer(organizationId: string, stripeCustomerId: string): Promise<string> {
    await this.db.query(
      `UPDATE subscriptions SET stripe_customer_id = $2, updated = now() WHERE organization_id = $1 AND stripe_customer_id IS NULL`,
      [organizationId, stripeCustomerId],
    );
    const subscription = await this.db.getRepository(Subscription).findOneByOrFail({ organizationId });
    return subscription.stripeCustomerId!;
  }

  async update(subscription: Pick<Subscription, 'id' | 'organizationId'>, changes: Partial<Subscription>): Promise<void> {
    await this.db.getRepository(Subscription).update({ organizationId: subscription.organizationId, id: subscription.id }, changes);
  }

  /** Records news as applied; false when it already was (the unique key holds across concurrent deliveries). */
  async recordEvent(event: Pick<BillingEvent, 'provider' | 'externalId' | 'type' | 'organizationId'>): Promise<boolean> {
    const rows = await this.db.select<{ id: string }>(
      `INSERT INTO billing_events (provider, external_id, type, organization_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (provider, external_id) DO NOTHING RETURNING id`,
      [event.provider, event.externalId, event.type, event.organizationId],
    );
    return rows.length === 1;
  }

  findEvent(provider: BillingEvent['provider'], externalId: string): Promise<BillingEvent | null> {
    return this.db.getRepository(BillingEvent).findOneBy({ provider, externalId });
  }
}
