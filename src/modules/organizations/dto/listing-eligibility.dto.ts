import { ApiProperty } from '@nestjs/swagger';
import { ELIGIBILITY_REASON_CODES, type EligibilityReasonCode } from '../listing-eligibility.rules.js';

export class EligibilityReasonDto {
  @ApiProperty({
    description:
      'Why listing is not possible yet: `subscription_inactive` (no active subscription or trial), `no_primary_address` (the ' +
      'organization has no primary address), `no_connected_platform` (no platform can be listed on: every open one needs a ' +
      'marketplace connection and none is connected).',
    enum: ELIGIBILITY_REASON_CODES,
    example: 'no_primary_address',
  })
  code!: EligibilityReasonCode;

  @ApiProperty({ description: 'The reason, readable.', example: 'Add a primary address for your organization (where items ship from).' })
  message!: string;
}

export class ListingEligibilityDto {
  @ApiProperty({ description: 'Whether the caller can list items now (no reason holds).', example: false })
  can_list!: boolean;

  @ApiProperty({ description: 'Every reason that holds, in a fixed order; empty when `can_list` is true.', type: [EligibilityReasonDto] })
  reasons!: EligibilityReasonDto[];
}
