import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { newUid } from '../../common/ids/uid.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { type Page, type PageRequest, paginate } from '../../common/pagination/pagination.js';
import { lastDays, localDate } from '../../common/time/local-days.js';
import type { ActivityEventDto, ActivityHeatmapDto, ActivitySeriesDto, ActivityStatsDto } from './dto/activity.dto.js';
import { mapActivityEvent, mapActivityHeatmap, mapActivitySeries, mapActivityStats } from './activity.mapper.js';
import { ActivityRepository, type EventRange } from './activity.repository.js';
import { ACTIVITY_DAYS, type ActivityEventType, type ActivityPeriod, type ActivitySubjectType } from './activity.rules.js';

/** An action to put in the activity feed. */
export interface ActivityRecord {
  organizationId: string;
  /** The acting user's internal id; null when the system acted (a sync, a job). */
  userId: string | null;
  eventType: ActivityEventType;
  subjectType: ActivitySubjectType;
  subjectUid: string;
  platformSlug?: string | null;
  message: string;
  metadata?: Record<string, unknown>;
  occurredAt?: Date;
}

/** Which events a series or heatmap counts: the last `days` local days, of one type or all. */
export interface ActivityRangeRequest {
  days?: number;
  event?: ActivityEventType;
}

/**
 * The organization's activity feed. Call `record` inside the acting transaction (TransactionalConnection.transaction):
 * the event is written with the action or not at all. The reads count in the caller's time zone.
 */
@Injectable()
export class ActivityService {
  constructor(private readonly events: ActivityRepository) {}

  async record(...records: ActivityRecord[]): Promise<void> {
    await this.events.insert(
      records.map((record) => ({
        uid: newUid('act'),
        organizationId: record.organizationId,
        userId: record.userId,
        eventType: record.eventType,
        subjectType: record.subjectType,
        subjectUid: record.subjectUid,
        platformSlug: record.platformSlug ?? null,
        message: record.message,
        metadata: record.metadata ?? {},
        ...(record.occurredAt ? { occurredAt: record.occurredAt } : {}),
      })),
    );
  }

  /** The latest events first. */
  recent(
    auth: AuthContext,
    eventType: ActivityEventType | undefined,
    page: PageRequest,
    urls: RequestUrls,
  ): Promise<Page<ActivityEventDto>> {
    const type = eventType ?? null;
    return paginate(
      page,
      {
        count: () => this.events.count(auth.organizationId, type),
        rows: async (offset, limit) => (await this.events.page(auth.organizationId, type, offset, limit)).map(mapActivityEvent),
      },
      urls,
    );
  }

  async stats(auth: AuthContext): Promise<ActivityStatsDto> {
    const timeZone = auth.timeZone;
    return mapActivityStats(await this.events.stats(auth.organizationId, localDate(new Date(), timeZone), timeZone), timeZone);
  }

  async series(auth: AuthContext, request: ActivityRangeRequest & { period?: ActivityPeriod }): Promise<ActivitySeriesDto> {
    const { range, days } = await this.range(auth, request);
    const period = request.period ?? 'day';
    return mapActivitySeries(await this.events.series(auth.organizationId, range, period), range, days, period);
  }

  async heatmap(auth: AuthContext, request: ActivityRangeRequest): Promise<ActivityHeatmapDto> {
    const { range, days } = await this.range(auth, request);
    return mapActivityHeatmap(await this.events.heatmap(auth.organizationId, range), range, days);
  }

  private async range(auth: AuthContext, request: ActivityRangeRequest): Promise<{ range: EventRange; days: number }> {
    const days = request.days ?? ACTIVITY_DAYS.default;
    const timeZone = auth.timeZone;
    return { range: { ...lastDays(days, new Date(), timeZone), timeZone, eventType: request.event ?? null }, days };
  }
}
