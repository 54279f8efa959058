import type { DomainEvent } from '../../infra/events/domain-events.js';

/** One item whose listing price changed: what it went out at before, and what it is now. */
export interface ItemPriceChange {
  itemId: string;
  /** The item's listing price before the change (total price, else current marketplace price); null when none was set. */
  previousPriceUsd: string | null;
  priceUsd: string | null;
}

/**
 * Announced (after commit) when a single or bulk update changes the price an item's listings go out at; the listings
 * module pushes the new price to the item's live listings.
 */
export class InventoryPricesChanged implements DomainEvent {
  static readonly NAME = 'inventory.prices_changed';
  readonly name = InventoryPricesChanged.NAME;
  constructor(
    readonly organizationId: string,
    readonly changes: ItemPriceChange[],
  ) {}
}

/** The items whose listing price (as `effective` reads it, the listing engine's rule) moved, with the price before and after. */
export function priceChanges(
  items: Array<{ itemId: string; before: ItemPrices; after: ItemPrices }>,
  effective: (prices: ItemPrices) => string | null,
): ItemPriceChange[] {
  return items
    .map(({ itemId, before, after }) => ({ itemId, previousPriceUsd: effective(before), priceUsd: effective(after) }))
    .filter((change) => !samePrice(change.previousPriceUsd, change.priceUsd));
}

export interface ItemPrices {
  priceTotalUsd: string | null;
  listingCurrentPrice: string | null;
}

function samePrice(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return Number(a) === Number(b);
}
