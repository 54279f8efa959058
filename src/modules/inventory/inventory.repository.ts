import { Injectable } from '@nestjs/common';
import { In, type QueryDeepPartialEntity } from 'typeorm';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { InventoryItem } from './entities/inventory-item.entity.js';
import type { InventoryStatus } from './inventory.rules.js';

/** The columns of an item that a product response summarises. */
export interface ItemSummaryRow {
  product_id: string;
  uid: string;
  name: string | null;
  status: InventoryStatus;
  condition_item: string | null;
  condition_container: string | null;
  condition_comments: string | null;
  price_total_usd: string | null;
  listing_current_price: string | null;
  price_expected_usd: string | null;
  manual_sku: string | null;
  created: Date;
  updated: Date;
}

/** The columns a batched write sets, with their entity properties and the types of their parameter arrays. */
const BATCH_COLUMNS = [
  ['product_id', 'productId', 'bigint'],
  ['inventory_item_type_id', 'inventoryItemTypeId', 'bigint'],
  ['name', 'name', 'text'],
  ['status', 'status', 'text'],
  ['condition_item', 'conditionItem', 'text'],
  ['condition_container', 'conditionContainer', 'text'],
  ['condition_container_manually_set', 'conditionContainerManuallySet', 'boolean'],
  ['condition_comments', 'conditionComments', 'text'],
  ['condition_seller_description', 'conditionSellerDescription', 'text'],
  ['price_total_usd', 'priceTotalUsd', 'numeric'],
  ['price_item_usd', 'priceItemUsd', 'numeric'],
  ['price_shipping_usd', 'priceShippingUsd', 'numeric'],
  ['price_expected_usd', 'priceExpectedUsd', 'numeric'],
  ['price_purchased_item', 'pricePurchasedItem', 'numeric'],
  ['price_for_purchases_shipping', 'priceForPurchasesShipping', 'numeric'],
  ['listing_current_price', 'listingCurrentPrice', 'numeric'],
  ['manual_description', 'manualDescription', 'text'],
  ['manual_sku', 'manualSku', 'text'],
  ['notes', 'notes', 'text'],
  ['location', 'location', 'text'],
  ['purchased_at', 'purchasedAt', 'timestamptz'],
  ['received_at', 'receivedAt', 'timestamptz'],
] as const satisfies ReadonlyArray<readonly [string, keyof InventoryItem, string]>;

/** A new item of a batch: its columns, product and owner. */
export type NewItem = Partial<InventoryItem> & { organizationId: string; productId: string; userId: string | null };

/** Per column, the values of every row, as one array parameter each (`unnest` zips them into rows). */
function columnArrays(rows: Array<Partial<InventoryItem>>): unknown[][] {
  return BATCH_COLUMNS.map(([, property]) => rows.map((row) => row[property] ?? null));
}

const UNNEST_ARGUMENTS = (first: number) => BATCH_COLUMNS.map(([, , type], index) => `$${first + index}::${type}[]`).join(', ');
const COLUMN_NAMES = BATCH_COLUMNS.map(([column]) => column).join(', ');

/** Item writes and the summaries products show; every method is scoped by the organization. Lists read through InventoryListQuery. */
@Injectable()
export class InventoryRepository {
  constructor(private readonly db: TransactionalConnection) {}

  private get items() {
    return this.db.getRepository(InventoryItem);
  }

  /** A live item of the organization; `lock` (inside a transaction) holds its row until the transaction ends. */
  findOwned(organizationId: string, uid: string, options: { lock?: boolean } = {}): Promise<InventoryItem | null> {
    return this.items.findOne({
      where: { organizationId, uid },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async insert(fields: Partial<InventoryItem> & { organizationId: string; productId: string }): Promise<{ id: string; uid: string }> {
    const uid = newUid('inv');
    const result = await this.items.insert({ ...fields, uid } as QueryDeepPartialEntity<InventoryItem>);
    return { id: String(result.identifiers[0].id), uid };
  }

  /** The organization's live items with these uids (unknown ones left out), locked until the transaction ends: one query. */
  findOwnedByUids(organizationId: string, uids: string[]): Promise<InventoryItem[]> {
    if (uids.length === 0) return Promise.resolve([]);
    return this.items.find({ where: { organizationId, uid: In(uids) }, lock: { mode: 'pessimistic_write' } });
  }

  /** Many new items in one INSERT (its per-statement triggers run once); their ids and uids in the order of `rows`. */
  async insertMany(organizationId: string, rows: NewItem[]): Promise<Array<{ id: string; uid: string }>> {
    if (rows.length === 0) return [];
    const uids = rows.map(() => newUid('inv'));
    const inserted = await this.db.query<Array<{ id: string; uid: string }>>(
      `INSERT INTO inventory_items (organization_id, uid, user_id, ${COLUMN_NAMES})
       SELECT $1::bigint, * FROM unnest($2::varchar[], $3::bigint[], ${UNNEST_ARGUMENTS(4)})
       RETURNING id, uid`,
      [organizationId, uids, rows.map((row) => row.userId), ...columnArrays(rows)],
    );
    const ids = new Map(inserted.map((row) => [row.uid, String(row.id)]));
    return uids.map((uid) => ({ id: ids.get(uid)!, uid }));
  }

  /** Many items rewritten with their whole new state (`items` as read under lock, with their changes applied) in one UPDATE. */
  async updateMany(organizationId: string, items: Array<Partial<InventoryItem> & { id: string }>): Promise<void> {
    if (items.length === 0) return;
    const assignments = BATCH_COLUMNS.map(([column]) => `${column} = v.${column}`).join(', ');
    await this.db.query(
      `UPDATE inventory_items AS i SET ${assignments}, updated = $2::timestamptz
         FROM unnest($3::bigint[], ${UNNEST_ARGUMENTS(4)}) AS v(id, ${COLUMN_NAMES})
        WHERE i.organization_id = $1::bigint AND i.id = v.id`,
      [organizationId, new Date(), items.map((item) => item.id), ...columnArrays(items)],
    );
  }

  async update(organizationId: string, id: string, fields: Partial<InventoryItem>): Promise<void> {
    await this.items.update({ organizationId, id }, { ...fields, updated: new Date() } as QueryDeepPartialEntity<InventoryItem>);
  }

  /** Soft delete: the row stays (restorable) and leaves every list and count. */
  async softDelete(organizationId: string, id: string): Promise<void> {
    await this.items.update({ organizationId, id }, { deletedAt: new Date(), updated: new Date() });
  }

  /** The live (not soft-deleted) items of these products, oldest first. */
  itemSummaries(organizationId: string, productIds: string[]): Promise<ItemSummaryRow[]> {
    return this.db.select(
      `SELECT product_id, uid, name, status, condition_item, condition_container, condition_comments, price_total_usd,
              listing_current_price, price_expected_usd, manual_sku, created, updated
         FROM inventory_items
        WHERE organization_id = $1 AND product_id = ANY($2) AND deleted_at IS NULL
        ORDER BY created, id`,
      [organizationId, productIds],
    );
  }

  /** Per product, the file of its first photo: an identifying one first, then the oldest. */
  firstPhotoKeys(organizationId: string, productIds: string[]): Promise<Array<{ product_id: string; file_key: string }>> {
    return this.db.select(
      `SELECT DISTINCT ON (i.product_id) i.product_id, a.file_key
         FROM inventory_assets a JOIN inventory_items i ON i.id = a.inventory_item_id
        WHERE a.organization_id = $1 AND i.product_id = ANY($2) AND i.deleted_at IS NULL
        ORDER BY i.product_id, a.is_identifying_asset DESC, a.created, a.id`,
      [organizationId, productIds],
    );
  }

  /** Every stored file of the items of these products, soft-deleted ones included. */
  async storedFileKeys(organizationId: string, productIds: string[]): Promise<string[]> {
    const rows = await this.db.select<{ key: string }>(
      `SELECT key FROM inventory_assets a JOIN inventory_items i ON i.id = a.inventory_item_id,
              LATERAL (VALUES (a.file_key), (a.thumbnail_key)) AS keys (key)
        WHERE a.organization_id = $1 AND i.product_id = ANY($2) AND key IS NOT NULL`,
      [organizationId, productIds],
    );
    return rows.map((row) => row.key);
  }
}
