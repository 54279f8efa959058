import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Msg } from '../../../common/errors/messages.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { dateTimeProperty } from '../../../common/swagger/properties.js';
import {
  ACTIVITY_DAYS,
  ACTIVITY_EVENT_LABELS,
  ACTIVITY_EVENT_TYPES,
  ACTIVITY_PERIODS,
  ACTIVITY_SUBJECT_TYPES,
  type ActivityEventType,
  type ActivityPeriod,
  WEEKDAYS,
} from '../activity.rules.js';

const EVENT_TYPES_TEXT = ACTIVITY_EVENT_TYPES.map((type) => `\`${type}\` (${ACTIVITY_EVENT_LABELS[type].toLowerCase()})`).join(', ');
const TIME_ZONE =
  "Days are the caller's local days: the `timezone` of `GET /api/v1/user/me/preferences/` (UTC unless set), so an event at 23:30 " +
  'in New York counts on that New York day.';

/** Per event type, a count: every type is present, 0 when none. */
export class ActivityCountsDto {
  @ApiProperty({ description: 'Items created (`POST /api/v1/inventory/`, CSV import).', type: 'integer', example: 4 })
  item_created!: number;

  @ApiProperty({ description: 'Listings that went live on a platform.', type: 'integer', example: 3 })
  listing_created!: number;

  @ApiProperty({ description: 'Listings a platform refused, or that could not be made.', type: 'integer', example: 0 })
  listing_failed!: number;

  @ApiProperty({ description: 'Listings taken down.', type: 'integer', example: 1 })
  item_delisted!: number;

  @ApiProperty({ description: 'Items sold (an order came in).', type: 'integer', example: 2 })
  item_sold!: number;

  @ApiProperty({ description: "Changes of an item's asking price (`price_total_usd`), single or bulk.", type: 'integer', example: 5 })
  price_changed!: number;

  @ApiProperty({ description: 'Marketplace imports that finished.', type: 'integer', example: 0 })
  import_completed!: number;

  @ApiProperty({ description: 'Export jobs whose file was written.', type: 'integer', example: 1 })
  export_completed!: number;

  @ApiProperty({ description: 'Orders marked shipped.', type: 'integer', example: 2 })
  order_shipped!: number;

  @ApiProperty({ description: 'Digital orders fulfilled.', type: 'integer', example: 0 })
  digital_fulfilled!: number;
}

export class ActivityPeriodCountsDto extends ActivityCountsDto {
  @ApiProperty({ description: 'Every event of the period, whatever its type (the sum of the counts).', type: 'integer', example: 18 })
  total!: number;
}

export class ActivityStatsDto {
  @ApiProperty({ description: `Events since the start of today (local midnight). ${TIME_ZONE}`, type: ActivityPeriodCountsDto })
  today!: ActivityPeriodCountsDto;

  @ApiProperty({
    description: 'Events of the last 7 local days, today included (from local midnight 6 days ago).',
    type: ActivityPeriodCountsDto,
  })
  last_7_days!: ActivityPeriodCountsDto;

  @ApiProperty({ description: 'Events of the last 30 local days, today included.', type: ActivityPeriodCountsDto })
  last_30_days!: ActivityPeriodCountsDto;

  @ApiProperty({ description: 'The time zone the days were counted in.', example: 'Europe/London' })
  timezone!: string;
}

export class ActivitySubjectDto {
  @ApiProperty({ description: 'What kind of thing the event is about.', enum: ACTIVITY_SUBJECT_TYPES, example: 'listing' })
  type!: string;

  @ApiProperty({ description: 'Its uid (kept after it is deleted: the feed is history).', example: 'lst_abc123' })
  uid!: string;
}

export class ActivityEventDto {
  @ApiProperty({ description: 'Event identifier.', example: 'act_9f8e7d' })
  uid!: string;

  @ApiProperty({ description: `What happened: ${EVENT_TYPES_TEXT}.`, enum: ACTIVITY_EVENT_TYPES, example: 'listing_created' })
  event_type!: ActivityEventType;

  @ApiProperty({ description: 'The event type in words.', example: 'Listing created' })
  event_type_display!: string;

  @ApiProperty({
    description: 'A sentence saying what happened, as a person reads it in the feed.',
    example: 'eBay: new → Listed. Listed at $34.99.',
  })
  message!: string;

  @ApiProperty({ description: 'What the event concerns.', type: ActivitySubjectDto })
  subject!: ActivitySubjectDto;

  @ApiProperty({ description: 'The platform it happened on, when it happened on one.', type: String, nullable: true, example: 'ebay' })
  platform!: string | null;

  @ApiProperty({
    description: 'The user who acted; null when the system did (a job, a sync) or the user is gone.',
    type: String,
    nullable: true,
    example: 'usr_a1b2c3',
  })
  user_uid!: string | null;

  @ApiProperty({
    description: 'Details of the event (the statuses before and after, the prices, the row count).',
    type: 'object',
    additionalProperties: true,
  })
  metadata!: Record<string, unknown>;

  @ApiProperty(dateTimeProperty('When it happened.'))
  occurred_at!: string;
}

export class ActivityFeedQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: `Only events of this type: ${ACTIVITY_EVENT_TYPES.join(', ')}.`, enum: ACTIVITY_EVENT_TYPES })
  @IsOptional()
  @IsIn(ACTIVITY_EVENT_TYPES, { message: (args: { value: unknown }) => Msg.choice(args.value) })
  event_type?: ActivityEventType;
}

export class ActivityRangeQueryDto {
  @ApiPropertyOptional({
    description: `Range in local days, today included (${ACTIVITY_DAYS.min}–${ACTIVITY_DAYS.max}; default ${ACTIVITY_DAYS.default}).`,
    type: 'integer',
    minimum: ACTIVITY_DAYS.min,
    maximum: ACTIVITY_DAYS.max,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(ACTIVITY_DAYS.min, { message: `Ensure this value is greater than or equal to ${ACTIVITY_DAYS.min}.` })
  @Max(ACTIVITY_DAYS.max, { message: `Ensure this value is less than or equal to ${ACTIVITY_DAYS.max}.` })
  days?: number;

  @ApiPropertyOptional({
    description: `Only events of this type: ${ACTIVITY_EVENT_TYPES.join(', ')} (default: every type).`,
    enum: ACTIVITY_EVENT_TYPES,
  })
  @IsOptional()
  @IsIn(ACTIVITY_EVENT_TYPES, { message: (args: { value: unknown }) => Msg.choice(args.value) })
  event?: ActivityEventType;
}

export class ActivitySeriesQueryDto extends ActivityRangeQueryDto {
  @ApiPropertyOptional({
    description: 'Bucket size: `day` (default), `week` (ISO weeks, from Monday) or `month` (calendar months).',
    enum: ACTIVITY_PERIODS,
  })
  @IsOptional()
  @IsIn(ACTIVITY_PERIODS, { message: (args: { value: unknown }) => Msg.choice(args.value) })
  period?: ActivityPeriod;
}

export class ActivitySeriesPointDto {
  @ApiProperty({
    description:
      'The first local day of the bucket (`YYYY-MM-DD`; a Monday for weeks, the 1st for months). The first bucket counts from `range_start` only.',
    example: '2025-02-03',
  })
  date!: string;

  @ApiProperty({ description: 'Events in the bucket (of the `event` type when one was asked for).', type: 'integer', example: 12 })
  value!: number;

  @ApiProperty({ description: "The bucket's events per type (all types, whatever `event` says).", type: ActivityCountsDto })
  events!: ActivityCountsDto;
}

export class ActivitySeriesDto {
  @ApiProperty({
    description: 'One bucket per period of the range, oldest first, every bucket present (0 when empty).',
    type: [ActivitySeriesPointDto],
  })
  data!: ActivitySeriesPointDto[];

  @ApiProperty({ description: 'Events over the whole range (the sum of the `value`s).', type: 'integer', example: 48 })
  total!: number;

  @ApiProperty({ description: 'The bucket size asked for.', enum: ACTIVITY_PERIODS, example: 'week' })
  period!: ActivityPeriod;

  @ApiProperty({
    description: 'What `date` is given in: always `day` (each bucket is named by its first day).',
    enum: ['day'],
    example: 'day',
  })
  granularity!: 'day';

  @ApiProperty({ description: 'The range in days.', type: 'integer', example: 30 })
  days!: number;

  @ApiProperty({
    description: 'The event type counted in `value`, or null for every type.',
    enum: ACTIVITY_EVENT_TYPES,
    nullable: true,
    type: String,
  })
  event!: ActivityEventType | null;

  @ApiProperty({ description: `First local day of the range. ${TIME_ZONE}`, example: '2025-01-31' })
  range_start!: string;

  @ApiProperty({ description: 'Last local day of the range: today.', example: '2025-03-01' })
  range_end!: string;

  @ApiProperty({ description: 'The time zone the days were counted in.', example: 'UTC' })
  timezone!: string;
}

export class ActivityHeatmapCellDto {
  @ApiProperty({
    description: 'ISO day of the week: 1 = Monday ... 7 = Sunday (local).',
    type: 'integer',
    minimum: 1,
    maximum: 7,
    example: 1,
  })
  day_of_week!: number;

  @ApiProperty({ description: "The day's name.", enum: WEEKDAYS, example: 'Monday' })
  day!: string;

  @ApiProperty({
    description: 'Local hour of the day, 0–23 (the hour from hh:00 to hh:59).',
    type: 'integer',
    minimum: 0,
    maximum: 23,
    example: 14,
  })
  hour!: number;

  @ApiProperty({ description: 'Events of the range on that day of the week in that hour.', type: 'integer', example: 3 })
  count!: number;
}

export class ActivityHeatmapDto {
  @ApiProperty({ description: 'All 168 cells (7 days × 24 hours), Monday 0:00 first, empty ones with 0.', type: [ActivityHeatmapCellDto] })
  data!: ActivityHeatmapCellDto[];

  @ApiProperty({ description: 'The largest cell count (0 without events): the top of a colour scale.', type: 'integer', example: 9 })
  max_count!: number;

  @ApiProperty({ description: 'Events of the range (the sum of the cells).', type: 'integer', example: 120 })
  total!: number;

  @ApiProperty({ description: 'The range in days.', type: 'integer', example: 30 })
  days!: number;

  @ApiProperty({ description: 'The event type counted, or null for every type.', enum: ACTIVITY_EVENT_TYPES, nullable: true, type: String })
  event!: ActivityEventType | null;

  @ApiProperty({ description: `First local day of the range. ${TIME_ZONE}`, example: '2025-01-31' })
  range_start!: string;

  @ApiProperty({ description: 'Last local day of the range: today.', example: '2025-03-01' })
  range_end!: string;

  @ApiProperty({ description: 'The time zone days and hours are read in.', example: 'UTC' })
  timezone!: string;
}
