import type { FieldErrors } from '../../common/errors/error-response.js';
import type { CreateInventoryItemDto, InventoryItemFieldsDto } from './dto/inventory-item-write.dto.js';
import type { InventoryItem } from './entities/inventory-item.entity.js';
import { changedFields, type FieldChanges, type InventoryStatus, statusChangeProblem, statusDates } from './inventory.rules.js';

/**
 * How a write (create, update, CSV import row) turns validated item fields into stored columns: one set of rules
 * for the single-item endpoints and the batched CSV import.
 */

/** Request fields stored as they are, and their entity properties. */
export const COPIED_COLUMNS = {
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

export const NO_PRODUCT = 'Give product_uid or product_title, or a name to create the product from.';

export function auditedValues(item: Partial<InventoryItem>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(AUDITED_COLUMNS).map(([field, column]) => [field, item[column] ?? null]));
}

/** The copied fields that were given, as columns; a blank name clears it (the title then comes from the product). */
export function copiedColumns(input: InventoryItemFieldsDto): Partial<InventoryItem> {
  const fields: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(COPIED_COLUMNS)) {
    const value = input[field as keyof typeof COPIED_COLUMNS];
    if (value !== undefined) fields[column] = value;
  }
  if (input.name !== undefined) fields.name = input.name?.trim() ? input.name.trim() : null;
  return fields as Partial<InventoryItem>;
}

/**
 * The grades to store: the container mirrors the item grade unless it was set by hand (the flag, or a container
 * grade sent explicitly, which sets the flag); clearing the flag makes it mirror again.
 */
export function conditionColumns(input: InventoryItemFieldsDto, current: InventoryItem | null): Partial<InventoryItem> {
  const fields: Partial<InventoryItem> = {};
  if (input.condition_item !== undefined) fields.conditionItem = input.condition_item;
  let manuallySet = input.condition_container_manually_set ?? current?.conditionContainerManuallySet ?? false;
  if (input.condition_container !== undefined) {
    fields.conditionContainer = input.condition_container;
    manuallySet = input.condition_container_manually_set ?? true;
  } else if (!manuallySet) {
    const itemGrade = fields.conditionItem !== undefined ? fields.conditionItem : (current?.conditionItem ?? null);
    if (current === null || itemGrade !== current.conditionContainer) fields.conditionContainer = itemGrade;
  }
  if (current === null || manuallySet !== current.conditionContainerManuallySet) fields.conditionContainerManuallySet = manuallySet;
  return fields;
}

/** References a write names by uid, resolved to internal ids; absent when the input did not name one. */
export interface ResolvedReferences {
  /** null clears the type. */
  inventoryItemTypeId?: string | null;
  productId?: string;
}

/** The columns of a new item (its product and owner apart), or why its status is refused. */
export function newItemColumns(
  input: InventoryItemFieldsDto,
  references: ResolvedReferences,
  now: Date,
): { columns: Partial<InventoryItem> } | { errors: FieldErrors } {
  const status = input.status ?? 'draft';
  const problem = statusChangeProblem(null, status);
  if (problem) return { errors: { status: [problem] } };
  return {
    columns: {
      ...copiedColumns(input),
      ...conditionColumns(input, null),
      status,
      ...statusDates(status, { purchasedAt: null, receivedAt: null }, now),
      ...(references.inventoryItemTypeId !== undefined ? { inventoryItemTypeId: references.inventoryItemTypeId } : {}),
    },
  };
}

/**
 * What an update changes: the columns to write and, by wire name, each audited value before and after (no
 * change at all means nothing to write and no audit entry), or why the status change is refused.
 */
export function itemUpdate(
  item: InventoryItem,
  input: InventoryItemFieldsDto,
  references: ResolvedReferences,
  now: Date,
): { columns: Partial<InventoryItem>; changes: FieldChanges } | { errors: FieldErrors } {
  const columns: Partial<InventoryItem> = { ...copiedColumns(input), ...conditionColumns(input, item) };
  if (references.inventoryItemTypeId !== undefined) columns.inventoryItemTypeId = references.inventoryItemTypeId;
  if (references.productId !== undefined) columns.productId = references.productId;
  if (input.status !== undefined && input.status !== item.status) {
    const problem = statusChangeProblem(item.status, input.status);
    if (problem) return { errors: { status: [problem] } };
    Object.assign(columns, { status: input.status }, statusDates(input.status, item, now));
  }
  return { columns, changes: changedFields(auditedValues(item), auditedValues({ ...item, ...columns })) };
}

/** The status an update leaves the item in. */
export function statusAfter(item: InventoryItem, columns: Partial<InventoryItem>): InventoryStatus {
  return columns.status ?? item.status;
}

/** The title of the product a new item creates when it names none: its product_title, else its name; null when neither. */
export function newProductTitle(input: Pick<CreateInventoryItemDto, 'product_title' | 'name'>): string | null {
  return input.product_title ?? (input.name?.trim() || null);
}
