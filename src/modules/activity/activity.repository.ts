import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { ActivityEvent } from './entities/activity-event.entity.js';

export type NewActivityEvent = Pick<
  ActivityEvent,
  'uid' | 'organizationId' | 'userId' | 'eventType' | 'subjectType' | 'subjectUid' | 'platformSlug' | 'message' | 'metadata'
> & { occurredAt?: Date };

@Injectable()
export class ActivityRepository {
  constructor(private readonly db: TransactionalConnection) {}

  /** Inserts in the transaction in progress, so the event commits or rolls back with its action. */
  async insert(events: NewActivityEvent[]): Promise<void> {
    if (events.length === 0) return;
    const repository = this.db.getRepository(ActivityEvent);
    await repository.save(repository.create(events), { reload: false });
  }
}
