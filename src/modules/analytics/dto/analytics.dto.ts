import { ApiProperty } from '@nestjs/swagger';
import { FUNNEL_STAGES } from '../../inventory/index.js';

const LIVE = "the organization's items that are not deleted";

export class FunnelStageDto {
  @ApiProperty({ description: 'The stage.', enum: FUNNEL_STAGES, example: 'listed' })
  stage!: string;

  @ApiProperty({ description: 'Items at that stage now.', type: 'integer', example: 120 })
  count!: number;
}

export class FunnelDto {
  @ApiProperty({
    description: 'Items being prepared: status `draft`, `purchased` or `received`, with no live listing.',
    type: 'integer',
    example: 45,
  })
  draft!: number;

  @ApiProperty({ description: 'Items with status `ready-to-sell` and no live listing.', type: 'integer', example: 60 })
  ready_to_sell!: number;

  @ApiProperty({
    description:
      'Items not sold whose status is `listed` or that have a listing live (`listed`) on at least one platform (counted once however many).',
    type: 'integer',
    example: 120,
  })
  listed!: number;

  @ApiProperty({ description: 'Items with status `sold`.', type: 'integer', example: 65 })
  sold!: number;

  @ApiProperty({
    description: `The sum of the four stages: every one of ${LIVE} except \`cancelled\` ones, which are outside the funnel.`,
    type: 'integer',
    example: 290,
  })
  total!: number;

  @ApiProperty({
    description: 'The same counts as a list in funnel order (draft → ready_to_sell → listed → sold), for a chart.',
    type: [FunnelStageDto],
  })
  stages!: FunnelStageDto[];
}

export class StatusMetricsDto {
  @ApiProperty({ description: 'Items in this status.', type: 'integer', example: 120 })
  count!: number;

  @ApiProperty({ description: 'Their value (see `total_value`), a number with two decimals.', type: 'number', example: 5400.0 })
  value!: number;
}

const STATUS_KEYS = ['draft', 'purchased', 'received', 'ready-to-sell', 'listed', 'sold', 'cancelled'] as const;

export class InventoryByStatusDto {
  @ApiProperty({ type: StatusMetricsDto }) draft!: StatusMetricsDto;
  @ApiProperty({ type: StatusMetricsDto }) purchased!: StatusMetricsDto;
  @ApiProperty({ type: StatusMetricsDto }) received!: StatusMetricsDto;
  @ApiProperty({ type: StatusMetricsDto, name: 'ready-to-sell' }) 'ready-to-sell'!: StatusMetricsDto;
  @ApiProperty({ type: StatusMetricsDto }) listed!: StatusMetricsDto;
  @ApiProperty({ type: StatusMetricsDto }) sold!: StatusMetricsDto;
  @ApiProperty({ type: StatusMetricsDto }) cancelled!: StatusMetricsDto;
}

export class InventoryMetricsDto {
  @ApiProperty({ description: `Every one of ${LIVE}, whatever their status.`, type: 'integer', example: 245 })
  total_items!: number;

  @ApiProperty({
    description:
      'What the items are worth, a number with two decimals (decimal arithmetic in the database): per item, once sold what it fetched ' +
      '(the `sale_price` of its order, the newest not cancelled; without one `listing_current_price`, else `price_total_usd`), once cancelled ' +
      'nothing, otherwise what it should ' +
      'fetch (`price_expected_usd`, else `price_total_usd`); a missing price counts as 0.',
    type: 'number',
    example: 8500.0,
  })
  total_value!: number;

  @ApiProperty({ description: '`total_value` / `total_items`, rounded to cents; 0 without items.', type: 'number', example: 34.69 })
  average_item_value!: number;

  @ApiProperty({
    description: `Per item status (${STATUS_KEYS.join(', ')}; every status present, zeros included): its items and their value. The counts add up to \`total_items\`, the values to \`total_value\`.`,
    type: InventoryByStatusDto,
  })
  by_status!: InventoryByStatusDto;
}
