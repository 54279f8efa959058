/**
 * What the activity feed records: one event per action a seller (or the system on their behalf) takes. The analytics
 * activity series and heatmap count these; the recent feed shows their messages.
 */
export const ACTIVITY_EVENT_TYPES = [
  'item_created',
  'listing_created',
  'listing_failed',
  'item_delisted',
  'item_sold',
  'price_changed',
  'import_completed',
  'export_completed',
  'order_shipped',
  'order_cancelled',
  'digital_fulfilled',
] as const;

export type ActivityEventType = (typeof ACTIVITY_EVENT_TYPES)[number];

/** What an event is about, so that the feed can link to it. */
export const ACTIVITY_SUBJECT_TYPES = ['inventory_item', 'listing', 'import_job', 'export_job', 'order', 'digital_purchase'] as const;

export type ActivitySubjectType = (typeof ACTIVITY_SUBJECT_TYPES)[number];

/** The activity event a listing's move into `status` is, or null when that move is not one the feed shows. */
export function listingActivity(status: string): ActivityEventType | null {
  switch (status) {
    case 'listed':
      return 'listing_created';
    case 'listing_failed':
      return 'listing_failed';
    case 'delisted':
      return 'item_delisted';
    default:
      return null;
  }
}
