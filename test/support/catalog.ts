import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app.js';

export interface ItemFields {
  status?: string;
  price?: string | null;
  condition?: string | null;
  container?: string | null;
  name?: string | null;
  manualSku?: string | null;
  deleted?: boolean;
}

/**
 * Inventory items arranged with SQL: the inventory API comes with a later issue, and the product
 * responses summarise items. Returns the item's uid.
 */
export async function insertItem(t: TestApp, productUid: string, fields: ItemFields = {}): Promise<string> {
  const uid = `inv_${randomBytes(8).toString('hex')}`;
  await t.sql(
    `INSERT INTO inventory_items (uid, organization_id, product_id, status, price_total_usd, condition_item, condition_container,
                                  name, manual_sku, deleted_at)
     SELECT $1, organization_id, id, $3, $4, $5, $6, $7, $8, CASE WHEN $9 THEN now() END FROM products WHERE uid = $2`,
    [
      uid,
      productUid,
      fields.status ?? 'draft',
      fields.price ?? null,
      fields.condition ?? null,
      fields.container ?? null,
      fields.name ?? null,
      fields.manualSku ?? null,
      fields.deleted ?? false,
    ],
  );
  return uid;
}

/** A photo row on an item (the upload endpoint comes with the inventory issue). */
export async function insertAsset(t: TestApp, itemUid: string, fileKey: string, identifying = false): Promise<void> {
  await t.sql(
    `INSERT INTO inventory_assets (uid, organization_id, inventory_item_id, file_key, is_identifying_asset)
     SELECT $1, organization_id, id, $3, $4 FROM inventory_items WHERE uid = $2`,
    [`ast_${randomBytes(8).toString('hex')}`, itemUid, fileKey, identifying],
  );
}
