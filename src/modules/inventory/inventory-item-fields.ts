import { Decimal } from 'decimal.js';
import type { InventoryItemFieldsDto } from './dto/inventory-item-write.dto.js';
import type { InventoryItem } from './entities/inventory-item.entity.js';

/** Request fields stored as they are, and their entity properties. */
const COPIED_COLUMNS = {
  name: 'name',
  condition_comments: 'conditionComments',
  condition_seller_description: 'conditionSellerDescription',
  price_total_usd: 'priceTotalUsd',
  price_item_usd: 'priceItemUsd',
  price_shipping_usd: 'priceShippingUsd',
  price_expected_usd: 'priceExpectedUsd',
  price_purchased_item: 'pricePurchasedItem',
  price_for_purchases_shipping: 'priceForPurchasesShipping',
  listing_current_price: 'listingCurrentPrice',
  manual_description: 'manualDescription',
  manual_sku: 'manualSku',
  notes: 'notes',
  location: 'location',
} as const satisfies Partial<Record<keyof InventoryItemFieldsDto, keyof InventoryItem>>;

const MONEY_FIELDS: ReadonlySet<string> = new Set([
  'price_total_usd',
  'price_item_usd',
  'price_shipping_usd',
  'price_expected_usd',
  'price_purchased_item',
  'price_for_purchases_shipping',
  'listing_current_price',
] satisfies Array<keyof typeof COPIED_COLUMNS>);

/** The fields an audit entry compares, by their wire names. */
const AUDITED_COLUMNS = {
  ...COPIED_COLUMNS,
  status: 'status',
  condition_item: 'conditionItem',
  condition_container: 'conditionContainer',
  condition_container_manually_set: 'conditionContainerManuallySet',
  product_id: 'productId',
  inventory_item_type_id: 'inventoryItemTypeId',
} as const satisfies Record<string, keyof InventoryItem>;

/** The audited values of an item by wire name: what `changedFields` compares before and after a change. */
export function auditedValues(item: Partial<InventoryItem>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(AUDITED_COLUMNS).map(([field, column]) => [field, item[column] ?? null]));
}

/**
 * The columns of the fields sent that are stored as they are (a blank name clears it; a price at the scale it is
 * stored with, `34.9` as `34.90`, so that rewriting a price the same is no change); grades, status and links are
 * not among them.
 */
export function copiedColumns(input: Partial<InventoryItemFieldsDto>): Partial<InventoryItem> {
  const fields: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(COPIED_COLUMNS)) {
    const value = input[field as keyof typeof COPIED_COLUMNS];
    if (value === undefined) continue;
    fields[column] = MONEY_FIELDS.has(field) && typeof value === 'string' ? new Decimal(value.trim()).toFixed(2) : value;
  }
  if (input.name !== undefined) fields.name = input.name?.trim() ? input.name.trim() : null;
  return fields as Partial<InventoryItem>;
}
