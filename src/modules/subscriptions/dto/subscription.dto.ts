import { ApiProperty } from '@nestjs/swagger';
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '../entities/subscription.entity.js';

export class PlanDto {
  @ApiProperty({ description: 'Public identifier.', example: 'plan_trial' })
  uid!: string;

  @ApiProperty({ description: 'Stable plan code.', example: 'pro' })
  code!: string;

  @ApiProperty({ description: 'Plan name.', example: 'Pro' })
  name!: string;

  @ApiProperty({ description: 'Monthly price in USD (decimal string).', example: '19.99' })
  price_monthly_usd!: string;

  @ApiProperty({ description: 'Most photos an inventory item may have.', example: 12 })
  photos_per_item_limit!: number;

  @ApiProperty({ description: 'Most items one bulk operation may touch.', example: 100 })
  max_items_per_batch!: number;

  @ApiProperty({ description: 'Whether the plan unlocks pro features.', example: true })
  is_pro!: boolean;
}

export class SubscriptionDto {
  @ApiProperty({ description: 'Public identifier.', example: 'sub_8Hq2LmN4pR6tV9xZ' })
  uid!: string;

  @ApiProperty({ description: 'Subscription state.', enum: SUBSCRIPTION_STATUSES, example: 'trialing' })
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
