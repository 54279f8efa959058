import type { FieldErrors } from '../../common/errors/error-response.js';
import type { CreateInventoryItemDto, InventoryItemFieldsDto } from './dto/inventory-item-write.dto.js';
import type { InventoryItem } from './entities/inventory-item.entity.js';
import { auditedValues, copiedColumns } from './inventory-item-fields.js';
import {
  changedFields,
  conditionFields,
  type FieldChanges,
  type InventoryStatus,
  statusChangeProblem,
  statusDates,
} from './inventory.rules.js';

/**
 * How a write (create, update, CSV import row) turns validated item fields into stored columns: one set of rules
 * for the single-item endpoints and the batched CSV import.
 */

export const NO_PRODUCT = 'Give product_uid or product_title, or a name to create the product from.';

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
      ...conditionFields(input, null),
      status,
      ...statusDates(status, { purchasedAt: null, receivedAt: null, soldAt: null }, now),
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
  const columns: Partial<InventoryItem> = { ...copiedColumns(input), ...conditionFields(input, item) };
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
