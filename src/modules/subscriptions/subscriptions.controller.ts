import { Body, Controller, Get, Headers, HttpCode, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AnyRole, CurrentAuth, ManagersOnly, Public } from '../../common/auth/decorators.js';
import { KEEP_RAW_BODY } from '../../common/http/json-body.js';
import { ApiAuthErrors, ApiCommonErrors, ApiValidationError } from '../../common/swagger/api-errors.decorator.js';
import { ErrorDetailDto } from '../../common/swagger/error.dto.js';
import { APPLE_NOT_CONFIGURED, AppleBillingService } from './apple-billing.service.js';
import { STRIPE_NOT_CONFIGURED, STRIPE_WEBHOOK_NOT_CONFIGURED } from './adapters/stripe-gateway.js';
import { AppleNotificationDto, AppleVerifyDto } from './dto/apple.dto.js';
import {
  BillingNewsReceivedDto,
  STRIPE_LIST_NOTE,
  StripeCheckoutDto,
  StripeCheckoutSessionDto,
  StripeInvoiceDto,
  StripePaymentMethodDto,
} from './dto/stripe.dto.js';
import { PlanDto, SubscriptionStatusDto } from './dto/subscription.dto.js';
import { StripeBillingService } from './stripe-billing.service.js';
import { SubscriptionsService } from './subscriptions.service.js';

const stripeUnavailable = (detail: string) =>
  ApiResponse({ status: 503, description: `Stripe is not configured on this server: \`{"detail": "${detail}"}\`.`, type: ErrorDetailDto });
const STRIPE_FAILED = ApiResponse({
  status: 502,
  description: 'Stripe refused or failed the request (the cause is in the server log).',
  type: ErrorDetailDto,
});
const APPLE_UNAVAILABLE = ApiResponse({
  status: 503,
  description: `In-app purchases are not configured on this server: \`{"detail": "${APPLE_NOT_CONFIGURED}"}\`.`,
  type: ErrorDetailDto,
});

@ApiTags('Subscriptions')
@Controller('api/v1/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly stripe: StripeBillingService,
    private readonly apple: AppleBillingService,
  ) {}

  @Get('plans/')
  @Public()
  @ApiOperation({
    summary: 'Plan catalogue',
    description: 'Every plan with its monthly price and limits, cheapest first (the trial included). No credentials needed.',
  })
  @ApiOkResponse({ type: [PlanDto], description: 'The plans.' })
  @ApiCommonErrors()
  plans(): Promise<PlanDto[]> {
    return this.subscriptions.plans();
  }

  @Get('status/')
  @AnyRole()
  @ApiOperation({
    summary: "The organization's subscription",
    description:
      'Status (computed on read: a trial is `expired` once `trial_ends_at` has passed), whether paid actions are open, the ' +
      'plan and its limits, and the UUID the app sets as `appAccountToken` on App Store purchases.',
  })
  @ApiOkResponse({ type: SubscriptionStatusDto, description: 'The subscription.' })
  @ApiAuthErrors()
  status(@CurrentAuth() auth: AuthContext): Promise<SubscriptionStatusDto> {
    return this.subscriptions.status(auth.organizationId);
  }

  @Post('stripe/checkout/')
  @ManagersOnly()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Subscribe with Stripe Checkout',
    description:
      "Creates a Stripe Checkout Session (mode `subscription`) for a paid plan, for the organization's Stripe customer (created " +
      'on its first checkout, then reused), with `client_reference_id` = the organization uid. Send the browser to `url`; ' +
      'Stripe returns it to `<PUBLIC_URL>/billing/checkout/success/?session_id=...` or `<PUBLIC_URL>/billing/checkout/canceled/`. ' +
      'The subscription changes once Stripe tells the webhook.',
  })
  @ApiOkResponse({ type: StripeCheckoutSessionDto, description: 'The Checkout Session.' })
  @ApiValidationError('`plan` is not a paid plan, or the organization already has a paid subscription (`non_field_errors`).')
  @STRIPE_FAILED
  @stripeUnavailable(STRIPE_NOT_CONFIGURED)
  @ApiAuthErrors()
  checkout(@CurrentAuth() auth: AuthContext, @Body() body: StripeCheckoutDto): Promise<StripeCheckoutSessionDto> {
    return this.stripe.checkout(auth, body);
  }

  @Post('stripe/webhook/')
  @Public()
  @HttpCode(200)
  @RouteConfig(KEEP_RAW_BODY)
  @ApiOperation({
    summary: 'Stripe webhook',
    description:
      'Where Stripe sends events (configure the endpoint `<PUBLIC_URL>/api/v1/subscriptions/stripe/webhook/` in Stripe). The ' +
      '`Stripe-Signature` is verified over the body as sent, with `STRIPE_WEBHOOK_SECRET`. Applied: `checkout.session.completed` ' +
      '(links the customer and subscription), `customer.subscription.created` / `updated` / `deleted` (status, plan, period), ' +
      '`invoice.paid` (active) and `invoice.payment_failed` (past due); others are acknowledged. Each event applies once ' +
      '(a second delivery answers `duplicate: true` and changes nothing), and an event older than the one the state comes ' +
      'from changes nothing.',
  })
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: "Stripe's signature of the body (`t=...,v1=...`)." })
  @ApiBody({ description: 'A Stripe event object, as Stripe sends it.', schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({ type: BillingNewsReceivedDto, description: 'Verified and taken.' })
  @ApiResponse({ status: 400, description: 'No or a bad `Stripe-Signature`, or a body that is not JSON.', type: ErrorDetailDto })
  @stripeUnavailable(STRIPE_WEBHOOK_NOT_CONFIGURED)
  @ApiCommonErrors()
  webhook(
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<BillingNewsReceivedDto> {
    return this.stripe.receiveWebhook(request.rawBody, signature);
  }

  @Get('stripe/invoices/')
  @ManagersOnly()
  @ApiOperation({ summary: "The organization's Stripe invoices", description: `${STRIPE_LIST_NOTE} Amounts are decimal strings.` })
  @ApiOkResponse({ type: [StripeInvoiceDto], description: 'The invoices.' })
  @STRIPE_FAILED
  @stripeUnavailable(STRIPE_NOT_CONFIGURED)
  @ApiAuthErrors()
  invoices(@CurrentAuth() auth: AuthContext): Promise<StripeInvoiceDto[]> {
    return this.stripe.invoices(auth);
  }

  @Get('stripe/payment-methods/')
  @ManagersOnly()
  @ApiOperation({ summary: "The organization's saved payment methods", description: STRIPE_LIST_NOTE })
  @ApiOkResponse({ type: [StripePaymentMethodDto], description: 'The payment methods.' })
  @STRIPE_FAILED
  @stripeUnavailable(STRIPE_NOT_CONFIGURED)
  @ApiAuthErrors()
  paymentMethods(@CurrentAuth() auth: AuthContext): Promise<StripePaymentMethodDto[]> {
    return this.stripe.paymentMethods(auth);
  }

  @Post('apple/verify/')
  @ManagersOnly()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Apply an App Store purchase',
    description:
      "For the app, after a StoreKit 2 purchase: the transaction's JWS is verified up to the Apple root (`APPLE_ROOT_CERT_PATH`), " +
      "then its plan (`productId`) and paid period (`expiresDate`) become the organization's subscription. Applying the same " +
      'transaction again changes nothing. Refused (400): a JWS not signed by the App Store, an unknown product, an expired, ' +
      'refunded or revoked purchase, or one made for another organization (its `appAccountToken`).',
  })
  @ApiOkResponse({ type: SubscriptionStatusDto, description: 'The subscription after the purchase.' })
  @ApiValidationError('The transaction is refused (`signed_transaction` says why).')
  @APPLE_UNAVAILABLE
  @ApiAuthErrors()
  verifyApple(@CurrentAuth() auth: AuthContext, @Body() body: AppleVerifyDto): Promise<SubscriptionStatusDto> {
    return this.apple.verify(auth, body);
  }

  @Post('apple/notifications/')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'App Store Server Notifications V2',
    description:
      "Where the App Store posts `{signedPayload}` (set `<PUBLIC_URL>/api/v1/subscriptions/apple/notifications/` as the app's " +
      'V2 server URL). Verified up to the Apple root; the transaction names the organization by its `appAccountToken` (see ' +
      '`GET .../status/`) or an original transaction already applied. `SUBSCRIBED`, `DID_RENEW`, `OFFER_REDEEMED`, ' +
      '`DID_CHANGE_RENEWAL_PREF`, `RENEWAL_EXTENDED`, `REFUND_REVERSED`: active until `expiresDate`; `DID_FAIL_TO_RENEW`: past ' +
      'due; `EXPIRED`, `GRACE_PERIOD_EXPIRED`: expired; `REFUND`, `REVOKE`: canceled; others are acknowledged. Each ' +
      '`notificationUUID` applies once.',
  })
  @ApiOkResponse({ type: BillingNewsReceivedDto, description: 'Verified and taken.' })
  @ApiValidationError('Not signed by the App Store, or not a V2 notification (`signedPayload` says why).')
  @APPLE_UNAVAILABLE
  @ApiCommonErrors()
  appleNotification(@Body() body: AppleNotificationDto): Promise<BillingNewsReceivedDto> {
    return this.apple.receiveNotification(body);
  }
}
