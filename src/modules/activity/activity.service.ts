import { Injectable } from '@nestjs/common';
import { newUid } from '../../common/ids/uid.js';
import { ActivityRepository } from './activity.repository.js';
import type { ActivityEventType, ActivitySubjectType } from './activity.rules.js';

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

/**
 * The organization's activity feed. Call `record` inside the acting transaction (TransactionalConnection.transaction):
 * the event is written with the action or not at all.
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
}
