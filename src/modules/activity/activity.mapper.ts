import type {
  ActivityEventDto,
  ActivityHeatmapDto,
  ActivityPeriodCountsDto,
  ActivitySeriesDto,
  ActivityStatsDto,
} from './dto/activity.dto.js';
import type { EventRange, FeedRow, HeatmapRow, SeriesRow, StatsRow } from './activity.repository.js';
import { ACTIVITY_EVENT_LABELS, type ActivityPeriod, countsByType, WEEKDAYS } from './activity.rules.js';

export function mapActivityEvent(row: FeedRow): ActivityEventDto {
  return {
    uid: row.uid,
    event_type: row.event_type,
    event_type_display: ACTIVITY_EVENT_LABELS[row.event_type] ?? row.event_type,
    message: row.message,
    subject: { type: row.subject_type, uid: row.subject_uid },
    platform: row.platform_slug,
    user_uid: row.user_uid,
    metadata: row.metadata,
    occurred_at: row.occurred_at.toISOString(),
  };
}

/** The stats rows (one per event type that had events in the last 30 days) as three periods of counts with totals. */
export function mapActivityStats(rows: StatsRow[], timeZone: string): ActivityStatsDto {
  const period = (column: 'today' | 'last_7_days' | 'last_30_days'): ActivityPeriodCountsDto => {
    const counts = countsByType(Object.fromEntries(rows.map((row) => [row.event_type, row[column]])));
    return { ...counts, total: Object.values(counts).reduce((sum, count) => sum + count, 0) };
  };
  return { today: period('today'), last_7_days: period('last_7_days'), last_30_days: period('last_30_days'), timezone: timeZone };
}

export function mapActivitySeries(rows: SeriesRow[], range: EventRange, days: number, period: ActivityPeriod): ActivitySeriesDto {
  const data = rows.map((row) => ({ date: row.date, value: row.value, events: countsByType(row.events) }));
  return {
    data,
    total: data.reduce((sum, point) => sum + point.value, 0),
    period,
    granularity: 'day',
    days,
    event: range.eventType,
    range_start: range.start,
    range_end: range.end,
    timezone: range.timeZone,
  };
}

export function mapActivityHeatmap(rows: HeatmapRow[], range: EventRange, days: number): ActivityHeatmapDto {
  return {
    data: rows.map((row) => ({ day_of_week: row.day_of_week, day: WEEKDAYS[row.day_of_week - 1], hour: row.hour, count: row.count })),
    max_count: Math.max(0, ...rows.map((row) => row.count)),
    total: rows.reduce((sum, row) => sum + row.count, 0),
    days,
    event: range.eventType,
    range_start: range.start,
    range_end: range.end,
    timezone: range.timeZone,
  };
}
