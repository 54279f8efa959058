import { Inject, Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DetailError, ValidationFailed } from '../../common/errors/error-response.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { StripeGateway, StripeSignatureRefused } from './adapters/stripe-gateway.js';
import type {
  BillingNewsReceivedDto,
  StripeCheckoutDto,
  StripeCheckoutSessionDto,
  StripeInvoiceDto,
  StripePaymentMethodDto,
} from './dto/stripe.dto.js';
import { mapStripeInvoice, mapStripePaymentMethod } from './subscriptions.mapper.js';
import { type SubscriptionKey, SubscriptionsRepository, type SubscriptionWithPlan } from './subscriptions.repository.js';
import {
  type BillingNews,
  isSubscriptionActive,
  mapStripeStatus,
  nextBillingState,
  type StateChange,
  usdToCents,
} from './subscriptions.rules.js';

/** What a Stripe event says: whose subscription it is about, and what it changes (null: nothing). */
interface StripeNews {
  keys: SubscriptionKey[];
  customerId: string | null;
  /** A subscription to link when none is yet (checkout.session.completed), its state left to its own events. */
  linksSubscription?: string | null;
  news: BillingNews | null;
  change: (stored: SubscriptionWithPlan) => StateChange | null;
}

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : value.id;

const fromUnix = (seconds: number): Date => new Date(seconds * 1000);

/**
 * Stripe billing: Checkout for a paid plan (one Stripe customer per organization, created on its first checkout),
 * the webhook that keeps the subscription in step with Stripe, and the organization's invoices and payment methods.
 */
@Injectable()
export class StripeBillingService {
  constructor(
    private readonly stripe: StripeGateway,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly db: TransactionalConnection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async checkout(auth: AuthContext, input: StripeCheckoutDto): Promise<StripeCheckoutSessionDto> {
    this.stripe.assertConfigured();
    const plan = await this.subscriptions.planByCode(input.plan);
    if (!plan || usdToCents(plan.priceMonthlyUsd) <= 0) {
      throw new ValidationFailed({ plan: [`"${input.plan}" is not a paid plan: see GET /api/v1/subscriptions/plans/.`] });
    }
    const subscription = await this.subscriptions.ensureForOrganization(auth.organizationId);
    if (subscription.provider !== 'trial' && isSubscriptionActive(subscription, new Date())) {
      throw new ValidationFailed({
        non_field_errors: [
          `The organization already has a paid subscription (${subscription.provider === 'apple' ? 'App Store' : 'Stripe'}): change or cancel it where it is billed.`,
        ],
      });
    }
    const customerId = subscription.stripeCustomerId ?? (await this.createCustomer(auth.organizationId));
    const organization = await this.subscriptions.organizationOf(auth.organizationId);
    const session = await this.stripe.createCheckoutSession({
      customerId,
      organizationUid: organization.uid,
      planCode: plan.code,
      price: plan.stripePriceId
        ? { id: plan.stripePriceId }
        : { name: `Instica ${plan.name}`, unitAmountCents: usdToCents(plan.priceMonthlyUsd) },
      successUrl: `${this.config.publicUrl}/billing/checkout/success/?session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${this.config.publicUrl}/billing/checkout/canceled/`,
    });
    return { url: session.url, session_id: session.id };
  }

  async invoices(auth: AuthContext): Promise<StripeInvoiceDto[]> {
    this.stripe.assertConfigured();
    const customerId = (await this.subscriptions.findForOrganization(auth.organizationId))?.stripeCustomerId;
    return customerId ? (await this.stripe.listInvoices(customerId)).map(mapStripeInvoice) : [];
  }

  async paymentMethods(auth: AuthContext): Promise<StripePaymentMethodDto[]> {
    this.stripe.assertConfigured();
    const customerId = (await this.subscriptions.findForOrganization(auth.organizationId))?.stripeCustomerId;
    return customerId ? (await this.stripe.listPaymentMethods(customerId)).map(mapStripePaymentMethod) : [];
  }

  /**
   * A webhook delivery: verified over the raw body with STRIPE_WEBHOOK_SECRET, then applied once (the event id is
   * recorded in the same transaction; a second delivery changes nothing), its subscription row locked meanwhile.
   * An event about no organization of ours is recorded and answered 200 too, so that Stripe stops retrying it.
   */
  async receiveWebhook(rawBody: Buffer | undefined, signature: string | undefined): Promise<BillingNewsReceivedDto> {
    this.stripe.assertWebhookConfigured();
    if (!signature) throw new DetailError(400, 'The Stripe-Signature header is missing.');
    if (!rawBody) throw new DetailError(400, 'The body must be the JSON event Stripe sent (Content-Type: application/json).');
    let event: Stripe.Event;
    try {
      event = this.stripe.constructEvent(rawBody, signature);
    } catch (error) {
      if (error instanceof StripeSignatureRefused) throw new DetailError(400, `The Stripe signature does not verify: ${error.message}`);
      throw error;
    }
    const said = await this.interpret(event);
    return this.db.transaction(async () => {
      let subscription: SubscriptionWithPlan | null = null;
      for (const key of said?.keys ?? []) {
        subscription = await this.subscriptions.lock(key);
        if (subscription) break;
      }
      const fresh = await this.subscriptions.recordEvent({
        provider: 'stripe',
        externalId: event.id,
        type: event.type,
        organizationId: subscription?.organizationId ?? null,
      });
      if (!fresh) return { received: true, duplicate: true };
      if (subscription && said) await this.apply(subscription, said);
      return { received: true, duplicate: false };
    });
  }

  private async apply(subscription: SubscriptionWithPlan, said: StripeNews): Promise<void> {
    const change = said.news ? said.change(subscription) : null;
    const next = said.news && change ? nextBillingState(subscription, said.news, change) : null;
    const linksCustomer = subscription.stripeCustomerId === null && said.customerId !== null;
    const linksSubscription = subscription.stripeSubscriptionId === null && said.linksSubscription ? said.linksSubscription : null;
    if (!next && !linksCustomer && !linksSubscription) return;
    await this.subscriptions.update(subscription, {
      ...(linksSubscription ? { stripeSubscriptionId: linksSubscription } : {}),
      ...(next ?? {}),
      ...(linksCustomer ? { stripeCustomerId: said.customerId } : {}),
    });
  }

  private async interpret(event: Stripe.Event): Promise<StripeNews | null> {
    const asOf = fromUnix(event.created);
    switch (event.type) {
      case 'checkout.session.completed': {
        const session = event.data.object;
        const customerId = idOf(session.customer);
        const subscriptionId = idOf(session.subscription);
        return {
          keys: [
            ...(customerId ? [{ stripeCustomerId: customerId }] : []),
            ...(session.client_reference_id ? [{ organizationUid: session.client_reference_id }] : []),
          ],
          customerId,
          linksSubscription: subscriptionId,
          news: null,
          change: () => null,
        };
      }
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted': {
        const subscription = event.data.object;
        const customerId = idOf(subscription.customer);
        const status = event.type === 'customer.subscription.deleted' ? 'canceled' : mapStripeStatus(subscription.status);
        const planId = (await this.planOf(subscription))?.id;
        const periodEnds = subscription.items.data.map((item) => item.current_period_end).filter((end) => typeof end === 'number');
        const organizationUid = subscription.metadata?.organization_uid;
        return {
          keys: [...(customerId ? [{ stripeCustomerId: customerId }] : []), ...(organizationUid ? [{ organizationUid }] : [])],
          customerId,
          news: { provider: 'stripe', subscriptionId: subscription.id, asOf },
          change: () =>
            status === null
              ? null
              : {
                  status,
                  planId,
                  ...(periodEnds.length > 0 ? { currentPeriodEnd: fromUnix(Math.max(...periodEnds)) } : {}),
                  ...(status === 'trialing' && subscription.trial_end ? { trialEndsAt: fromUnix(subscription.trial_end) } : {}),
                },
        };
      }
      case 'invoice.paid':
      case 'invoice.payment_failed': {
        const invoice = event.data.object;
        const customerId = idOf(invoice.customer);
        const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
        if (!customerId || !subscriptionId) return null;
        const lineEnds = (invoice.lines?.data ?? []).map((line) => line.period?.end).filter((end) => typeof end === 'number');
        return {
          keys: [{ stripeCustomerId: customerId }],
          customerId,
          news: { provider: 'stripe', subscriptionId, asOf, linkedOnly: true },
          change: (stored) => {
            if (event.type === 'invoice.payment_failed') return { status: 'past_due' };
            // A trial's first invoice is paid at 0: the subscription is still trialing.
            if (invoice.amount_paid === 0 && stored.status === 'trialing') return null;
            return { status: 'active', ...(lineEnds.length > 0 ? { currentPeriodEnd: fromUnix(Math.max(...lineEnds)) } : {}) };
          },
        };
      }
      default:
        return null;
    }
  }

  /** The plan a Stripe subscription sells: by its price (plans.stripe_price_id), else by the plan code our checkout put in its metadata. */
  private async planOf(subscription: Stripe.Subscription) {
    for (const item of subscription.items.data) {
      const plan = item.price?.id ? await this.subscriptions.planByStripePrice(item.price.id) : null;
      if (plan) return plan;
    }
    const code = subscription.metadata?.plan;
    return code ? this.subscriptions.planByCode(code) : null;
  }

  private async createCustomer(organizationId: string): Promise<string> {
    const organization = await this.subscriptions.organizationOf(organizationId);
    return this.subscriptions.linkStripeCustomer(organizationId, await this.stripe.createCustomer(organization));
  }
}
