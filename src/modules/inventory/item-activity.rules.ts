import type { ActivityRecord } from '../activity/index.js';
import { statusDisplay } from './inventory.rules.js';

/** Who acted on the items of which organization. */
export interface ItemActor {
  organizationId: string;
  userId: string | null;
}

/** An item's asking price (`price_total_usd`) before and after a change; null when it had or has none. */
export interface ItemPriceMove {
  uid: string;
  title: string;
  before: string | null;
  after: string | null;
}

const dollars = (price: string) => `$${Number(price).toFixed(2)}`;

/** The feed's entry for a new item. */
export function itemCreatedActivity(
  actor: ItemActor,
  item: { uid: string; title: string; status: string },
  metadata: Record<string, unknown> = {},
): ActivityRecord {
  return {
    organizationId: actor.organizationId,
    userId: actor.userId,
    eventType: 'item_created',
    subjectType: 'inventory_item',
    subjectUid: item.uid,
    message: `Created "${item.title}" (${statusDisplay(item.status)}).`,
    metadata: { status: item.status, ...metadata },
  };
}

/** The feed's entries for the items whose asking price changed (an equal amount written differently is no change). */
export function priceChangedActivities(actor: ItemActor, moves: ItemPriceMove[], metadata: Record<string, unknown> = {}): ActivityRecord[] {
  return moves
    .filter(({ before, after }) => (before === null || after === null ? before !== after : Number(before) !== Number(after)))
    .map(({ uid, title, before, after }) => ({
      organizationId: actor.organizationId,
      userId: actor.userId,
      eventType: 'price_changed',
      subjectType: 'inventory_item',
      subjectUid: uid,
      message:
        after === null
          ? `Price of "${title}" removed (was ${dollars(before!)}).`
          : before === null
            ? `Price of "${title}" set to ${dollars(after)}.`
            : `Price of "${title}" changed from ${dollars(before)} to ${dollars(after)}.`,
      metadata: { price_before: before, price_after: after, ...metadata },
    }));
}
