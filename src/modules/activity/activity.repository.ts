import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import type { ActivityEventType, ActivityPeriod } from './activity.rules.js';
import { ActivityEvent } from './entities/activity-event.entity.js';

export type NewActivityEvent = Pick<
  ActivityEvent,
  'uid' | 'organizationId' | 'userId' | 'eventType' | 'subjectType' | 'subjectUid' | 'platformSlug' | 'message' | 'metadata'
> & { occurredAt?: Date };

/** An event of the feed with the uid of the user who acted. */
export interface FeedRow {
  uid: string;
  event_type: ActivityEventType;
  subject_type: string;
  subject_uid: string;
  platform_slug: string | null;
  message: string;
  metadata: Record<string, unknown>;
  occurred_at: Date;
  user_uid: string | null;
}

/** Per event type, the events of today, the last 7 and the last 30 local days. */
export interface StatsRow {
  event_type: ActivityEventType;
  today: number;
  last_7_days: number;
  last_30_days: number;
}

/** One bucket of the series: its first day, the events counted, and the counts per type. */
export interface SeriesRow {
  date: string;
  value: number;
  events: Record<string, number> | null;
}

export interface HeatmapRow {
  day_of_week: number;
  hour: number;
  count: number;
}

/** A range of local days (`YYYY-MM-DD`, both included) in a time zone, and the event type to count (null: all). */
export interface EventRange {
  start: string;
  end: string;
  timeZone: string;
  eventType: ActivityEventType | null;
}

/**
 * The events of organization `$1` from local day `$2` to `$3` in zone `$4`, of type `$5` (null: all), through the
 * `(organization_id, occurred_at)` / `(organization_id, event_type, occurred_at)` indexes.
 */
const EVENTS_IN_RANGE = `e.organization_id = $1
   AND e.occurred_at >= ($2::date::timestamp AT TIME ZONE $4) AND e.occurred_at < (($3::date + 1)::timestamp AT TIME ZONE $4)
   AND ($5::varchar IS NULL OR e.event_type = $5)`;

const rangeParameters = (organizationId: string, range: EventRange) => [
  organizationId,
  range.start,
  range.end,
  range.timeZone,
  range.eventType,
];

@Injectable()
export class ActivityRepository {
  constructor(private readonly db: TransactionalConnection) {}

  /** Inserts in the transaction in progress, so the event commits or rolls back with its action. */
  async insert(events: NewActivityEvent[]): Promise<void> {
    if (events.length === 0) return;
    const repository = this.db.getRepository(ActivityEvent);
    await repository.save(repository.create(events), { reload: false });
  }

  async count(organizationId: string, eventType: ActivityEventType | null): Promise<number> {
    const [row] = await this.db.select<{ count: number }>(
      `SELECT count(*)::int AS count FROM activity_events e WHERE e.organization_id = $1 AND ($2::varchar IS NULL OR e.event_type = $2)`,
      [organizationId, eventType],
    );
    return row.count;
  }

  /** A page of the feed, latest first (ties by insertion order, latest first). */
  page(organizationId: string, eventType: ActivityEventType | null, offset: number, limit: number): Promise<FeedRow[]> {
    return this.db.select<FeedRow>(
      `SELECT e.uid, e.event_type, e.subject_type, e.subject_uid, e.platform_slug, e.message, e.metadata, e.occurred_at, u.uid AS user_uid
         FROM activity_events e
         LEFT JOIN users u ON u.id = e.user_id
        WHERE e.organization_id = $1 AND ($2::varchar IS NULL OR e.event_type = $2)
        ORDER BY e.occurred_at DESC, e.id DESC
        OFFSET $3 LIMIT $4`,
      [organizationId, eventType, offset, limit],
    );
  }

  /** Counts per event type since local midnight of `today`, of 6 days before and of 29 days before, in one scan of the last 30 days. */
  stats(organizationId: string, today: string, timeZone: string): Promise<StatsRow[]> {
    const since = (daysBefore: number) => `(($2::date - ${daysBefore})::timestamp AT TIME ZONE $3)`;
    return this.db.select<StatsRow>(
      `SELECT e.event_type,
              (count(*) FILTER (WHERE e.occurred_at >= ${since(0)}))::int AS today,
              (count(*) FILTER (WHERE e.occurred_at >= ${since(6)}))::int AS last_7_days,
              count(*)::int AS last_30_days
         FROM activity_events e
        WHERE e.organization_id = $1 AND e.occurred_at >= ${since(29)} AND e.occurred_at < (($2::date + 1)::timestamp AT TIME ZONE $3)
        GROUP BY e.event_type`,
      [organizationId, today, timeZone],
    );
  }

  /**
   * One row per `period` bucket from the one holding `start` to the one holding `end` (every bucket, zeros included):
   * the events of the range in it (of the asked type in `value`, of each type in `events`).
   */
  series(organizationId: string, range: EventRange, period: ActivityPeriod): Promise<SeriesRow[]> {
    return this.db.select<SeriesRow>(
      `WITH buckets AS (
              SELECT bucket::date AS bucket
                FROM generate_series(date_trunc($6, $2::date::timestamp), date_trunc($6, $3::date::timestamp), ('1 ' || $6)::interval) AS bucket),
            per_type AS (
              SELECT date_trunc($6, e.occurred_at AT TIME ZONE $4)::date AS bucket, e.event_type, count(*)::int AS events
                FROM activity_events e
               WHERE e.organization_id = $1
                 AND e.occurred_at >= ($2::date::timestamp AT TIME ZONE $4) AND e.occurred_at < (($3::date + 1)::timestamp AT TIME ZONE $4)
               GROUP BY 1, 2)
       SELECT to_char(b.bucket, 'YYYY-MM-DD') AS date,
              COALESCE(sum(t.events) FILTER (WHERE $5::varchar IS NULL OR t.event_type = $5), 0)::int AS value,
              json_object_agg(t.event_type, t.events) FILTER (WHERE t.event_type IS NOT NULL) AS events
         FROM buckets b
         LEFT JOIN per_type t ON t.bucket = b.bucket
        GROUP BY b.bucket
        ORDER BY b.bucket`,
      [...rangeParameters(organizationId, range), period],
    );
  }

  /** All 168 (ISO day of week, local hour) cells with the events of the range in each. */
  heatmap(organizationId: string, range: EventRange): Promise<HeatmapRow[]> {
    return this.db.select<HeatmapRow>(
      `WITH counts AS (
              SELECT extract(isodow FROM e.occurred_at AT TIME ZONE $4)::int AS day_of_week,
                     extract(hour FROM e.occurred_at AT TIME ZONE $4)::int AS hour, count(*)::int AS count
                FROM activity_events e
               WHERE ${EVENTS_IN_RANGE}
               GROUP BY 1, 2)
       SELECT d.day_of_week, h.hour, COALESCE(c.count, 0) AS count
         FROM generate_series(1, 7) AS d(day_of_week)
        CROSS JOIN generate_series(0, 23) AS h(hour)
         LEFT JOIN counts c ON c.day_of_week = d.day_of_week AND c.hour = h.hour
        ORDER BY d.day_of_week, h.hour`,
      rangeParameters(organizationId, range),
    );
  }
}
