import { Inject, Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { DetailError } from '../../../common/errors/error-response.js';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';

/** The most invoices and payment methods one list reads (Stripe's page size limit). */
export const STRIPE_LIST_LIMIT = 100;

export const STRIPE_NOT_CONFIGURED = 'Stripe billing is not configured: set STRIPE_SECRET_KEY.';
export const STRIPE_WEBHOOK_NOT_CONFIGURED = 'Stripe billing is not configured: set STRIPE_WEBHOOK_SECRET.';

/** A webhook whose Stripe-Signature does not verify with STRIPE_WEBHOOK_SECRET. */
export class StripeSignatureRefused extends Error {}

/** The SDK's connection settings for STRIPE_API_URL: its scheme, host and port (the SDK takes no base path). */
export function stripeConnection(apiUrl: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}

export interface CheckoutRequest {
  customerId: string;
  organizationUid: string;
  planCode: string;
  /** The plan's Stripe Price, or what to send inline when it has none. */
  price: { id: string } | { name: string; unitAmountCents: number };
  successUrl: string;
  cancelUrl: string;
}

/**
 * Stripe through its SDK, at STRIPE_API_URL. Every call answers 503 while STRIPE_SECRET_KEY is unset; a Stripe
 * failure (refused, unreachable) is a 502 whose cause is logged, not shown.
 */
@Injectable()
export class StripeGateway {
  private readonly logger = new Logger(StripeGateway.name);
  private readonly client: Stripe | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.client = config.stripeSecretKey
      ? new Stripe(config.stripeSecretKey, { ...stripeConnection(config.stripeApiUrl), maxNetworkRetries: 2, telemetry: false })
      : null;
  }

  /** Answers 503 now, before anything else is done, when Stripe is not configured. */
  assertConfigured(): void {
    this.api();
  }

  /** Answers 503 when the webhook cannot be verified (STRIPE_WEBHOOK_SECRET unset). */
  assertWebhookConfigured(): void {
    if (!this.config.stripeWebhookSecret) throw new DetailError(503, STRIPE_WEBHOOK_NOT_CONFIGURED);
  }

  /** A customer for the organization; the idempotency key makes two concurrent first checkouts create one. */
  async createCustomer(organization: { uid: string; name: string }): Promise<string> {
    const customer = await this.call(() =>
      this.api().customers.create(
        { name: organization.name, metadata: { organization_uid: organization.uid } },
        { idempotencyKey: `instica-customer-${organization.uid}` },
      ),
    );
    return customer.id;
  }

  async createCheckoutSession(request: CheckoutRequest): Promise<{ id: string; url: string }> {
    const metadata = { organization_uid: request.organizationUid, plan: request.planCode };
    const lineItem: Stripe.Checkout.SessionCreateParams.LineItem =
      'id' in request.price
        ? { price: request.price.id, quantity: 1 }
        : {
            quantity: 1,
            price_data: {
              currency: 'usd',
              unit_amount: request.price.unitAmountCents,
              recurring: { interval: 'month' },
              product_data: { name: request.price.name },
            },
          };
    const session = await this.call(() =>
      this.api().checkout.sessions.create({
        mode: 'subscription',
        customer: request.customerId,
        client_reference_id: request.organizationUid,
        line_items: [lineItem],
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
        metadata,
        subscription_data: { metadata },
      }),
    );
    if (!session.url) throw new DetailError(502, 'Stripe did not return a Checkout URL.');
    return { id: session.id, url: session.url };
  }

  async listInvoices(customerId: string): Promise<Stripe.Invoice[]> {
    return (await this.call(() => this.api().invoices.list({ customer: customerId, limit: STRIPE_LIST_LIMIT }))).data;
  }

  async listPaymentMethods(customerId: string): Promise<Stripe.PaymentMethod[]> {
    return (await this.call(() => this.api().customers.listPaymentMethods(customerId, { limit: STRIPE_LIST_LIMIT }))).data;
  }

  /** The event, once its Stripe-Signature verifies over the body exactly as received (503 without the webhook secret). */
  constructEvent(rawBody: Buffer, signature: string): Stripe.Event {
    this.assertWebhookConfigured();
    try {
      return Stripe.webhooks.constructEvent(rawBody, signature, this.config.stripeWebhookSecret!);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) throw new StripeSignatureRefused(error.message);
      throw error;
    }
  }

  private api(): Stripe {
    if (!this.client) throw new DetailError(503, STRIPE_NOT_CONFIGURED);
    return this.client;
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof Stripe.errors.StripeError) {
        this.logger.warn(`Stripe refused or failed a request: ${error.type} ${error.statusCode ?? ''} ${error.message}`);
        throw new DetailError(502, 'Stripe could not complete the request; try again later.');
      }
      throw error;
    }
  }
}
