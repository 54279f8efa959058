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

/** What each event type means, as the feed's `event_type_display` and the OpenAPI descriptions say it. */
export const ACTIVITY_EVENT_LABELS: Record<ActivityEventType, string> = {
  item_created: 'Item created',
  listing_created: 'Listing created',
  listing_failed: 'Listing failed',
  item_delisted: 'Item delisted',
  item_sold: 'Item sold',
  price_changed: 'Price changed',
  import_completed: 'Import completed',
  export_completed: 'Export completed',
  order_shipped: 'Order shipped',
  order_cancelled: 'Order cancelled',
  digital_fulfilled: 'Digital order fulfilled',
};

/** The bucket sizes of the activity series: a local day, an ISO week (from Monday), a calendar month. */
export const ACTIVITY_PERIODS = ['day', 'week', 'month'] as const;
export type ActivityPeriod = (typeof ACTIVITY_PERIODS)[number];

/** The days the activity series and heatmap may cover, and the default (`days`). */
export const ACTIVITY_DAYS = { min: 1, max: 365, default: 30 } as const;

/** ISO days of the week (1 = Monday ... 7 = Sunday), as the heatmap names them. */
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Per event type its count, every type present (0 when none): what the mapper shows of one bucket's counts. */
export function countsByType(counts: Partial<Record<string, number>> | null): Record<ActivityEventType, number> {
  return Object.fromEntries(ACTIVITY_EVENT_TYPES.map((type) => [type, Number(counts?.[type] ?? 0)])) as Record<ActivityEventType, number>;
}

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
