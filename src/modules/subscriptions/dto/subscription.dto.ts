import { ApiProperty } from '@nestjs/swagger';
import {
  BILLING_PROVIDERS,
  type BillingProvider,
  SUBSCRIPTION_STATUSES,
  type SubscriptionStatus,
} from '../entities/subscription.entity.js';
import { PAST_DUE_GRACE_DAYS } from '../subscriptions.rules.js';

const STATUS_DESCRIPTION =
  'Subscription state: `trialing` (the free trial, until `trial_ends_at`), `active` (paid), `past_due` (a payment failed; ' +
  `paid actions stay open for ${PAST_DUE_GRACE_DAYS} days while it is retried), \`canceled\` (ended by the customer, a refund or ` +
  'a revocation) or `expired` (the trial or the paid period ended: computed as soon as `trial_ends_at`, or an App Store ' +
  "subscription's `current_period_end`, has passed).";

export class PlanLimitsDto {
  @ApiProperty({ description: 'Most photos an inventory item may have.', example: 12 })
  photos_per_item_limit!: number;

  @ApiProperty({ description: 'Most items one bulk operation may touch.', example: 100 })
  max_items_per_batch!: number;
}

export class PlanDto {
  @ApiProperty({ description: 'Public identifier.', example: 'plan_trial' })
  uid!: string;

  @ApiProperty({ description: 'Stable plan code (what `POST .../stripe/checkout/` takes).', example: 'pro' })
  code!: string;

  @ApiProperty({ description: 'Plan name.', example: 'Pro' })
  name!: string;

  @ApiProperty({ description: 'Monthly price in USD (decimal string); `0.00` for the trial.', example: '19.99' })
  price_monthly_usd!: string;

  @ApiProperty({ description: 'Most photos an inventory item may have.', example: 12 })
  photos_per_item_limit!: number;

  @ApiProperty({ description: 'Most items one bulk operation may touch.', example: 100 })
  max_items_per_batch!: number;

  @ApiProperty({ description: 'Whether the plan unlocks pro features.', example: true })
  is_pro!: boolean;

  @ApiProperty({
    description: 'The App Store product id (auto-renewable subscription) the app buys this plan with; null when it is not sold in the app.',
    type: String,
    nullable: true,
    example: 'instica.pro.monthly',
  })
  apple_product_id!: string | null;
}

export class SubscriptionDto {
  @ApiProperty({ description: 'Public identifier.', example: 'sub_8Hq2LmN4pR6tV9xZ' })
  uid!: string;

  @ApiProperty({ description: STATUS_DESCRIPTION, enum: SUBSCRIPTION_STATUSES, example: 'trialing' })
  status!: SubscriptionStatus;

  @ApiProperty({ description: 'Whether paid actions are allowed now.', example: true })
  is_active!: boolean;

  @ApiProperty({ description: 'When the trial ends (trialing only).', type: String, format: 'date-time', nullable: true })
  trial_ends_at!: string | null;

  @ApiProperty({ description: 'End of the paid or trial period.', type: String, format: 'date-time', nullable: true })
  current_period_end!: string | null;

  @ApiProperty({ description: 'The plan and its limits.', type: PlanDto })
  plan!: PlanDto;
}

export class SubscriptionStatusDto {
  @ApiProperty({ description: STATUS_DESCRIPTION, enum: SUBSCRIPTION_STATUSES, example: 'active' })
  status!: SubscriptionStatus;

  @ApiProperty({
    description:
      `Whether paid actions (those answering 402 otherwise) are allowed now: active; trialing before \`trial_ends_at\`; ` +
      `past_due until \`grace_period_ends_at\`.`,
    example: true,
  })
  is_active!: boolean;

  @ApiProperty({ description: 'The plan the organization is on.', type: PlanDto })
  plan!: PlanDto;

  @ApiProperty({
    description: 'End of the paid period (Stripe, App Store) or of the trial.',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-07-01T00:00:00Z',
  })
  current_period_end!: string | null;

  @ApiProperty({ description: 'When the trial ends (trialing only).', type: String, format: 'date-time', nullable: true, example: null })
  trial_ends_at!: string | null;

  @ApiProperty({
    description: `Past due only: until when paid actions stay open (${PAST_DUE_GRACE_DAYS} days after the payment first failed).`,
    type: String,
    format: 'date-time',
    nullable: true,
    example: null,
  })
  grace_period_ends_at!: string | null;

  @ApiProperty({ description: "The plan's limits.", type: PlanLimitsDto })
  limits!: PlanLimitsDto;

  @ApiProperty({
    description: 'Who bills the subscription: `trial` (nobody yet), `stripe` or `apple` (in-app purchase).',
    enum: BILLING_PROVIDERS,
    example: 'stripe',
  })
  provider!: BillingProvider;

  @ApiProperty({
    description:
      "The organization's UUID for App Store purchases: the app sets it as the purchase's `appAccountToken`, so that the " +
      "App Store's server notifications name this organization.",
    format: 'uuid',
    example: '7f3c1b8e-2a4d-4e6f-9b1c-3d5e7f9a1b2c',
  })
  apple_app_account_token!: string;
}
