import { ApiProperty } from '@nestjs/swagger';
import { PlatformSummaryDto } from '../../platforms/index.js';
import { BLOCKING_CODE_VALUES, type BlockingCode } from '../listings.rules.js';

/** Whether an item can be listed on one platform now, and if not, why. */
export class PlatformListabilityDto {
  @ApiProperty({ type: PlatformSummaryDto, description: 'The platform.' })
  platform!: PlatformSummaryDto;

  @ApiProperty({ description: 'Whether the item can be listed on this platform now.', example: true })
  can_be_listed!: boolean;

  @ApiProperty({
    description: `Why it cannot, or null when it can: the first that holds, in this order: ${BLOCKING_CODE_VALUES.join(', ')}.`,
    type: String,
    nullable: true,
    enum: BLOCKING_CODE_VALUES,
    example: null,
  })
  blocking_code!: BlockingCode | null;

  @ApiProperty({
    description: 'Human-readable reason for blocking_code, or null when the item can be listed.',
    type: String,
    nullable: true,
    example: null,
  })
  blocking_reason!: string | null;
}
