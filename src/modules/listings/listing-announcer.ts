import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import type { ClientRequest } from '../../common/http/client-request.js';
import { DomainEvents } from '../../infra/events/domain-events.js';
import { ActivityService, listingActivity } from '../activity/index.js';
import type { PlatformFacts } from '../platforms/index.js';
import { type ListingStatus, listingStatusDisplay } from './listings.rules.js';

/** Announced on every change of a listing's status; the inventory module writes the item's audit entry. */
export class ListingStatusChanged {
  static readonly NAME = 'listing.status_changed';
  readonly name = ListingStatusChanged.NAME;
  constructor(
    readonly organizationId: string,
    readonly itemId: string,
    readonly platformSlug: string,
    readonly listingUid: string,
    readonly statusBefore: string | null,
    readonly statusAfter: ListingStatus,
    readonly message: string,
    /** The caller who started the action; null for the engine's job. */
    readonly actor: { auth: AuthContext; client: ClientRequest } | null,
    /** `extension` when the browser extension reported the change; null: the actor's credentials tell. */
    readonly source: 'extension' | null = null,
  ) {}
}

/** One listing's move from one status to another, as the listing services report it. */
export interface ListingMove {
  organizationId: string;
  itemId: string;
  platform: PlatformFacts;
  listingUid: string;
  before: string | null;
  after: ListingStatus;
  detail: string;
  actor: ListingStatusChanged['actor'];
  source?: 'extension' | null;
}

/**
 * Tells the rest of the application about a listing's status change: the activity feed's entry, in the transaction in
 * progress (so call it inside the one that moved the listing), and the domain event the audit log follows.
 */
@Injectable()
export class ListingAnnouncer {
  constructor(
    private readonly activity: ActivityService,
    private readonly events: DomainEvents,
  ) {}

  async announce(move: ListingMove): Promise<void> {
    const { platform } = move;
    const change = `${platform.displayName}: ${move.before === null ? 'new' : listingStatusDisplay(move.before)} → ${listingStatusDisplay(move.after)}`;
    const message = `${change}. ${move.detail}`;
    const eventType = listingActivity(move.after);
    if (eventType !== null) {
      await this.activity.record({
        organizationId: move.organizationId,
        userId: move.actor?.auth.userId ?? null,
        eventType,
        subjectType: 'listing',
        subjectUid: move.listingUid,
        platformSlug: platform.slug,
        message,
        metadata: { status_before: move.before, status_after: move.after },
      });
    }
    await this.events.publish(
      new ListingStatusChanged(
        move.organizationId,
        move.itemId,
        platform.slug,
        move.listingUid,
        move.before,
        move.after,
        message,
        move.actor,
        move.source ?? null,
      ),
    );
  }
}
