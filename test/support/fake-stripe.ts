import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake received: method, path, query, the form body as Stripe's flat bracket keys, and the headers that matter. */
export interface StripeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
  idempotencyKey: string | undefined;
}

export interface FakeStripe {
  /** STRIPE_API_URL for the app under test. */
  url: string;
  requests: StripeRequest[];
  /** Adds an invoice to a customer's list (newest first, as Stripe lists them). */
  addInvoice: (customerId: string, fields?: Record<string, unknown>) => Record<string, unknown>;
  /** Adds a card payment method attached to a customer. */
  addCard: (
    customerId: string,
    card?: { brand?: string; last4?: string; exp_month?: number; exp_year?: number },
  ) => Record<string, unknown>;
  close: () => Promise<void>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
const now = () => Math.floor(Date.now() / 1000);

/**
 * Stripe's REST API as its reference documents it, for what billing calls through the `stripe` SDK: form-encoded POST
 * bodies (`metadata[key]`, `line_items[0][price]`), `Authorization: Bearer <secret key>`, idempotency keys replayed,
 * errors as `{error: {type, message, ...}}` with Stripe's status codes, lists as `{object: 'list', data, has_more, url}`.
 * Paths: `POST /v1/customers`, `POST /v1/checkout/sessions`, `GET /v1/invoices?customer=`,
 * `GET /v1/customers/{id}/payment_methods`.
 */
export async function startFakeStripe(secretKey: string): Promise<FakeStripe> {
  const requests: StripeRequest[] = [];
  const customers = new Map<string, Record<string, unknown>>();
  const invoices = new Map<string, Array<Record<string, unknown>>>();
  const cards = new Map<string, Array<Record<string, unknown>>>();
  const replays = new Map<string, { status: number; body: unknown }>();

  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': id('req') });
    response.end(JSON.stringify(body));
  };
  const error = (response: ServerResponse, status: number, type: string, message: string, extra: Record<string, string> = {}) =>
    send(response, status, { error: { type, message, ...extra } });
  const list = (url: string, data: unknown[], limit: number) => ({
    object: 'list',
    data: data.slice(0, limit),
    has_more: data.length > limit,
    url,
  });

  const readForm = async (request: IncomingMessage): Promise<Record<string, string>> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
  };

  /** The form's `prefix[key]` entries as an object (Stripe's metadata hash). */
  const hash = (form: Record<string, string>, prefix: string) =>
    Object.fromEntries(
      Object.entries(form)
        .filter(([key]) => key.startsWith(`${prefix}[`))
        .map(([key, value]) => [key.slice(prefix.length + 1, -1), value]),
    );

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const form = request.method === 'POST' ? await readForm(request) : {};
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    requests.push({ method: request.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), form, idempotencyKey });

    if (request.headers.authorization !== `Bearer ${secretKey}`) {
      return error(
        response,
        401,
        'invalid_request_error',
        `Invalid API Key provided: ${String(request.headers.authorization).slice(7, 15)}****`,
      );
    }
    const replayKey = idempotencyKey ? `${request.method} ${url.pathname} ${idempotencyKey}` : null;
    const replay = replayKey ? replays.get(replayKey) : undefined;
    if (replay) return send(response, replay.status, replay.body);
    const reply = (status: number, body: unknown) => {
      if (replayKey) replays.set(replayKey, { status, body });
      send(response, status, body);
    };

    const limit = Math.min(Number(url.searchParams.get('limit') ?? 10), 100);
    if (request.method === 'POST' && url.pathname === '/v1/customers') {
      const customer = {
        id: id('cus'),
        object: 'customer',
        created: now(),
        name: form.name ?? null,
        email: form.email ?? null,
        metadata: hash(form, 'metadata'),
        livemode: false,
      };
      customers.set(customer.id, customer);
      return reply(200, customer);
    }
    if (request.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      if (form.mode !== 'subscription' && form.mode !== 'payment' && form.mode !== 'setup') {
        return error(response, 400, 'invalid_request_error', 'Missing required param: mode.', { param: 'mode' });
      }
      if (form.customer && !customers.has(form.customer)) {
        return error(response, 400, 'invalid_request_error', `No such customer: '${form.customer}'`, {
          code: 'resource_missing',
          param: 'customer',
        });
      }
      if (!form['line_items[0][price]'] && !form['line_items[0][price_data][unit_amount]']) {
        return error(response, 400, 'invalid_request_error', 'You must provide at least one line item.', { param: 'line_items' });
      }
      const sessionId = `cs_test_${randomBytes(16).toString('hex')}`;
      return reply(200, {
        id: sessionId,
        object: 'checkout.session',
        created: now(),
        mode: form.mode,
        status: 'open',
        customer: form.customer ?? null,
        client_reference_id: form.client_reference_id ?? null,
        success_url: form.success_url,
        cancel_url: form.cancel_url,
        metadata: hash(form, 'metadata'),
        url: `https://checkout.stripe.com/c/pay/${sessionId}`,
        livemode: false,
      });
    }
    if (request.method === 'GET' && url.pathname === '/v1/invoices') {
      const customer = url.searchParams.get('customer');
      const data = customer ? (invoices.get(customer) ?? []) : [...invoices.values()].flat();
      return reply(200, list('/v1/invoices', data, limit));
    }
    const paymentMethods = /^\/v1\/customers\/([^/]+)\/payment_methods$/.exec(url.pathname);
    if (request.method === 'GET' && paymentMethods) {
      if (!customers.has(paymentMethods[1])) {
        return error(response, 404, 'invalid_request_error', `No such customer: '${paymentMethods[1]}'`, {
          code: 'resource_missing',
          param: 'customer',
        });
      }
      return reply(200, list(url.pathname, cards.get(paymentMethods[1]) ?? [], limit));
    }
    return error(response, 404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${url.pathname}).`);
  };

  const server: Server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    addInvoice: (customerId, fields = {}) => {
      const created = now();
      const invoice = {
        id: id('in'),
        object: 'invoice',
        customer: customerId,
        number: `${randomBytes(4).toString('hex').toUpperCase()}-0001`,
        status: 'paid',
        currency: 'usd',
        total: 1999,
        amount_due: 1999,
        amount_paid: 1999,
        created,
        period_start: created,
        period_end: created,
        lines: {
          object: 'list',
          data: [{ id: id('il'), object: 'line_item', amount: 1999, period: { start: created, end: created + 30 * 86400 } }],
          has_more: false,
          url: '/v1/invoices/lines',
        },
        hosted_invoice_url: 'https://invoice.stripe.com/i/acct_test/test_invoice',
        invoice_pdf: 'https://pay.stripe.com/invoice/acct_test/test_invoice/pdf',
        livemode: false,
        ...fields,
      };
      invoices.set(customerId, [invoice, ...(invoices.get(customerId) ?? [])]);
      return invoice;
    },
    addCard: (customerId, card = {}) => {
      const method = {
        id: id('pm'),
        object: 'payment_method',
        type: 'card',
        customer: customerId,
        created: now(),
        card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030, country: 'US', funding: 'credit', ...card },
        livemode: false,
      };
      cards.set(customerId, [method, ...(cards.get(customerId) ?? [])]);
      return method;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A webhook event as Stripe delivers it (API version and object shape of the SDK's pinned version). */
export function stripeEvent(type: string, object: Record<string, unknown>, created = now()): Record<string, unknown> {
  return {
    id: id('evt'),
    object: 'event',
    api_version: '2026-10-28.endive',
    created,
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: id('req'), idempotency_key: null },
    data: { object },
  };
}

/** A Stripe subscription object for webhook events: one item on `priceId`, the period on the item (as Stripe has it now). */
export function stripeSubscription(fields: {
  id?: string;
  customer: string;
  status: string;
  priceId?: string;
  periodEnd: number;
  trialEnd?: number | null;
  metadata?: Record<string, string>;
}): Record<string, unknown> {
  const subscriptionId = fields.id ?? id('sub');
  return {
    id: subscriptionId,
    object: 'subscription',
    customer: fields.customer,
    status: fields.status,
    created: fields.periodEnd - 30 * 86400,
    cancel_at_period_end: false,
    trial_end: fields.trialEnd ?? null,
    metadata: fields.metadata ?? {},
    items: {
      object: 'list',
      data: [
        {
          id: id('si'),
          object: 'subscription_item',
          subscription: subscriptionId,
          current_period_start: fields.periodEnd - 30 * 86400,
          current_period_end: fields.periodEnd,
          price: {
            id: fields.priceId ?? id('price'),
            object: 'price',
            currency: 'usd',
            unit_amount: 1999,
            recurring: { interval: 'month' },
          },
          quantity: 1,
        },
      ],
      has_more: false,
      url: `/v1/subscription_items?subscription=${subscriptionId}`,
    },
  };
}

/** A Stripe invoice object of a subscription, for invoice.* webhook events. */
export function stripeSubscriptionInvoice(fields: {
  customer: string;
  subscription: string;
  amountPaid: number;
  periodEnd: number;
}): Record<string, unknown> {
  return {
    id: id('in'),
    object: 'invoice',
    customer: fields.customer,
    status: fields.amountPaid > 0 ? 'paid' : 'open',
    currency: 'usd',
    total: 1999,
    amount_due: 1999,
    amount_paid: fields.amountPaid,
    created: fields.periodEnd - 30 * 86400,
    parent: {
      type: 'subscription_details',
      subscription_details: { subscription: fields.subscription, metadata: {} },
      quote_details: null,
    },
    lines: {
      object: 'list',
      data: [{ id: id('il'), object: 'line_item', amount: 1999, period: { start: fields.periodEnd - 30 * 86400, end: fields.periodEnd } }],
      has_more: false,
      url: '/v1/invoices/lines',
    },
  };
}
