import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../../../infra/database/tenant-owned.entity.js';
import { User } from '../../users/entities/user.entity.js';
import type { ActivityEventType, ActivitySubjectType } from '../activity.rules.js';

/** One action in an organization's activity feed, written in the same transaction as the action it records. */
@Entity('activity_events')
@Index(['organizationId', 'occurredAt'])
@Index(['organizationId', 'eventType', 'occurredAt'])
export class ActivityEvent extends TenantOwnedEntity {
  /** The user who acted; null for the system (a sync, a job) or once that user is gone. */
  @Column({ type: 'bigint', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 40 })
  eventType!: ActivityEventType;

  @Column({ type: 'varchar', length: 40 })
  subjectType!: ActivitySubjectType;

  /** The public uid of what the event is about (kept after that is deleted: the feed is history). */
  @Column({ type: 'varchar', length: 32 })
  subjectUid!: string;

  /** The platform the action happened on, when it happened on one. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  platformSlug!: string | null;

  /** A sentence a person reads in the feed. */
  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'jsonb', default: {} })
  metadata!: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;
}
