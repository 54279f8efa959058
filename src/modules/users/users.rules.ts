/**
 * A chosen username: 3 to 150 letters, digits and `. _ + -`. It never holds an `@`, so it can never be an email
 * address someone registers later (registration makes the email the username).
 */
export const USERNAME_PATTERN = /^[A-Za-z0-9._+-]{3,150}$/;

export function isValidUsername(username: string, ownEmail: string): boolean {
  return USERNAME_PATTERN.test(username) || username === ownEmail;
}

/** The username after an email change: a username that was the old email follows the new one; a chosen one stays. */
export function usernameAfterEmailChange(username: string, oldEmail: string, newEmail: string): string {
  return username === oldEmail ? newEmail : username;
}

export const NOTIFICATION_CHOICES = [
  'sale_email',
  'sale_push',
  'order_shipped_email',
  'listing_error_email',
  'listing_error_push',
  'import_finished_email',
  'weekly_summary_email',
  'product_news_email',
] as const;
export type NotificationChoice = (typeof NOTIFICATION_CHOICES)[number];
export type NotificationPreferences = Record<NotificationChoice, boolean>;

/** Everything about the seller's own business is on by default; news from us is opt-in. */
export const DEFAULT_NOTIFICATIONS: NotificationPreferences = {
  sale_email: true,
  sale_push: true,
  order_shipped_email: true,
  listing_error_email: true,
  listing_error_push: true,
  import_finished_email: true,
  weekly_summary_email: true,
  product_news_email: false,
};

export interface ListingDefaults {
  /** Platform slugs preselected when listing an item. */
  platforms: string[];
  /** End the other listings of an item once it sells on one platform. */
  delist_on_sale: boolean;
  /** Accept buyers' offers where the platform supports them. */
  accept_offers: boolean;
  /** Business days between a sale and its shipment, as promised to buyers. */
  handling_days: number;
}

export const DEFAULT_LISTING_DEFAULTS: ListingDefaults = {
  platforms: [],
  delist_on_sale: true,
  accept_offers: false,
  handling_days: 1,
};

export const MAX_HANDLING_DAYS = 30;

/**
 * Stored choices over the defaults: only known keys of the right type count, so a choice added later starts at its
 * default and a stored value of a removed one is ignored.
 */
export function withDefaults<T extends object>(defaults: T, stored: Record<string, unknown> | null): T {
  const result = { ...defaults } as Record<string, unknown>;
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = stored?.[key];
    if (value !== undefined && (Array.isArray(fallback) ? Array.isArray(value) : typeof value === typeof fallback)) result[key] = value;
  }
  return result as T;
}

/** The runtime's canonical name of an IANA time zone (`US/Eastern` -> `America/New_York`, `utc` -> `UTC`), or null. */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** An ISO 4217 code this runtime knows. */
export function isKnownCurrency(code: string): boolean {
  return Intl.supportedValuesOf('currency').includes(code);
}
