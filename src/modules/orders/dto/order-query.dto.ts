import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { ORDER_ORDERINGS, ORDER_STATUSES, type OrderOrdering } from '../orders.rules.js';

export class OrderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Case-insensitive search across the order id, tracking number, buyer name and item title. For example `doe`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: Msg.maxLength(200) })
  search?: string;

  @ApiPropertyOptional({
    description: `Only orders in this status: ${ORDER_STATUSES.join(', ')}, or a marketplace's own status as \`external_order_status\` shows it (\`CANCELED\`, \`Invoice Sent\`).`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: Msg.maxLength(100) })
  status?: string;

  @ApiPropertyOptional({
    description: 'Only orders of this platform (its slug: `ebay`, `discogs`, `etsy`, `shopify`...). An unknown slug is a 400.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40, { message: Msg.maxLength(40) })
  platform?: string;

  @ApiPropertyOptional({
    description:
      'Sort order (default `-created`): `created`, `sold_at`, `sale_price`, `net_revenue`, each descending with `-`. Ties go by creation.',
    enum: ORDER_ORDERINGS,
  })
  @IsOptional()
  @IsIn(ORDER_ORDERINGS, { message: (args: { value: unknown }) => Msg.choice(args.value) })
  ordering?: OrderOrdering;
}
