import { ApiProperty } from '@nestjs/swagger';
import { dateTimeProperty as dateTime } from '../../../common/swagger/properties.js';
import { AUDIT_ACTIONS } from '../inventory.rules.js';

const nullableText = (description: string, example: string | null) => ({ description, type: String, nullable: true, example });

/** One entry of an item's audit trail. */
export class AuditLogDto {
  @ApiProperty({ description: 'Audit log entry identifier.', example: 'log_abc123' })
  uid!: string;

  @ApiProperty({ description: 'What was done.', enum: AUDIT_ACTIONS, example: 'status_change' })
  action!: string;

  @ApiProperty({
    description:
      'Where the action came from: `api` (an API key), `web` (the apps, with a bearer token), `system` (a job), `extension` (the browser extension).',
    enum: ['api', 'web', 'system', 'extension'],
    example: 'api',
  })
  source!: string;

  @ApiProperty(nullableText('The user who acted (null for system actions).', 'usr_xyz'))
  actor_uid!: string | null;

  @ApiProperty({ description: 'Organization identifier.', example: 'org_abc' })
  organization_uid!: string;

  @ApiProperty(nullableText('The marketplace listing concerned, if any.', null))
  listing_uid!: string | null;

  @ApiProperty({ description: 'Inventory item identifier.', example: 'inv_d4e5f6' })
  inventory_item_uid!: string;

  @ApiProperty({ description: 'The item title at the time of the action.', example: 'Abbey Road - VG+' })
  inventory_item_title!: string;

  @ApiProperty(nullableText('The marketplace concerned, if any.', null))
  platform_slug!: string | null;

  @ApiProperty(nullableText('Status before the action.', 'draft'))
  status_before!: string | null;

  @ApiProperty(nullableText('Status after the action.', 'ready-to-sell'))
  status_after!: string | null;

  @ApiProperty({ description: 'Human-readable description.', example: 'Status changed from Draft to Ready to Sell.' })
  message!: string;

  @ApiProperty({
    description: 'Additional data: for an update, `changes` maps each changed field to its `before` and `after` values.',
    type: 'object',
    additionalProperties: true,
    example: { changes: { status: { before: 'draft', after: 'ready-to-sell' } } },
  })
  metadata!: Record<string, unknown>;

  @ApiProperty(nullableText('The request correlation id (X-Request-Id).', '7f9c2b1e-3c1d-4c8e-9a57-0b1f2d3e4f50'))
  request_id!: string | null;

  @ApiProperty(nullableText('Client IP address.', '203.0.113.7'))
  ip_address!: string | null;

  @ApiProperty(nullableText('Client user agent.', 'curl/8.5.0'))
  user_agent!: string | null;

  @ApiProperty({ description: 'Severity.', enum: ['info', 'warning', 'error'], example: 'info' })
  severity!: string;

  @ApiProperty(dateTime('When the action occurred.'))
  created!: string;
}
