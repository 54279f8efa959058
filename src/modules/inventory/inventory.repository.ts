import { Injectable } from '@nestjs/common';
import { In, IsNull, Not, type QueryDeepPartialEntity } from 'typeorm';
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

/** Which items a bulk operation reads: the live ones, the soft-deleted ones, or both. */
export type ItemScope = 'live' | 'deleted' | 'any';

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
  ['sold_at', 'soldAt', 'timestamptz'],
] as const satisfies ReadonlyArray<readonly [string, keyof InventoryItem, string]>;

/** A new item of a batch: its columns, product and owner. */
export type NewItem = Partial<InventoryItem> & { organizationId: string; productId: string; userId: string | null };

/** Per column, the values of every row, as one array parameter each (`unnest` zips them into rows). */
function columnArrays(rows: Array<Partial<InventoryItem>>): unknown[][] {
  return BATCH_COLUMNS.map(([, property]) => rows.map((row) => row[property] ?? null));
}

const UNNEST_ARGUMENTS = (first: number) => BATCH_COLUMNS.map(([, , type], index) => `$${first + index}::${type}[]`).join(', ');
const COLUMN_NAMES = BATCH_COLUMNS.map(([column]) => column).join(', ');

/** The properties a batched write sets (what a CSV import row can change), for updateEach. */
export const BATCH_PROPERTIES: Array<keyof InventoryItem> = BATCH_COLUMNS.map(([, property]) => property);

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

  async update(organizationId: string, id: string, fields: Partial<InventoryItem>): Promise<void> {
    await this.items.update({ organizationId, id }, { ...fields, updated: new Date() } as QueryDeepPartialEntity<InventoryItem>);
  }

  /** Soft delete: the row stays (restorable) and leaves every list and count. */
  async softDelete(organizationId: string, id: string): Promise<void> {
    await this.items.update({ organizationId, id }, { deletedAt: new Date(), updated: new Date() });
  }

  /**
   * The organization's items of these uids in `scope`, locked until the transaction ends (one `SELECT ... FOR UPDATE`
   * whatever their number, in id order so that concurrent batches lock their common rows in the same order).
   */
  lockMany(organizationId: string, uids: string[], scope: ItemScope): Promise<InventoryItem[]> {
    return this.items.find({
      where: { organizationId, uid: In(uids), ...(scope === 'deleted' ? { deletedAt: Not(IsNull()) } : {}) },
      withDeleted: scope !== 'live',
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * Writes `properties` of each row (a locked item with its changes applied) in one statement: an UPDATE from the rows
   * unnested, one array per column, so that 100 items are one round trip and one run of the statement triggers.
   */
  async updateEach(organizationId: string, properties: Array<keyof InventoryItem>, rows: InventoryItem[]): Promise<void> {
    if (rows.length === 0 || properties.length === 0) return;
    const { metadata } = this.items;
    const driver = this.db.manager.connection.driver;
    const columns = properties.map((property) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`InventoryItem has no column ${property}`);
      return { name: column.databaseName, type: driver.normalizeType(column), values: rows.map((row) => row[property] ?? null) };
    });
    const arrays = columns.map((column, index) => `$${index + 3}::${column.type}[]`).join(', ');
    const names = columns.map((column) => `"${column.name}"`);
    await this.db.query(
      `UPDATE inventory_items i SET ${names.map((name) => `${name} = v.${name}`).join(', ')}, updated = now()
         FROM unnest($2::bigint[], ${arrays}) AS v (id, ${names.join(', ')})
        WHERE i.organization_id = $1 AND i.id = v.id`,
      [organizationId, rows.map((row) => row.id), ...columns.map((column) => column.values)],
    );
  }

  /** Removes the rows for good; their photos, listings and audit entries go with them (foreign keys ON DELETE CASCADE). */
  async deleteMany(organizationId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(`DELETE FROM inventory_items WHERE organization_id = $1 AND id = ANY($2)`, [organizationId, ids]);
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
  storedFileKeys(organizationId: string, productIds: string[]): Promise<string[]> {
    return this.assetFileKeys(organizationId, 'i.product_id', productIds);
  }

  /** Every stored file (photo and thumbnail) of these items. */
  storedFileKeysOfItems(organizationId: string, itemIds: string[]): Promise<string[]> {
    return this.assetFileKeys(organizationId, 'i.id', itemIds);
  }

  private async assetFileKeys(organizationId: string, itemColumn: 'i.id' | 'i.product_id', ids: string[]): Promise<string[]> {
    const rows = await this.db.select<{ key: string }>(
      `SELECT key FROM inventory_assets a JOIN inventory_items i ON i.id = a.inventory_item_id,
              LATERAL (VALUES (a.file_key), (a.thumbnail_key)) AS keys (key)
        WHERE a.organization_id = $1 AND ${itemColumn} = ANY($2) AND key IS NOT NULL`,
      [organizationId, ids],
    );
    return rows.map((row) => row.key);
  }

  // --- Imports ---

  /** The organization's live items whose manual SKU is one of these (the oldest first). */
  uidsByManualSku(organizationId: string, skus: string[]): Promise<Array<{ manual_sku: string; uid: string }>> {
    return this.db.select(
      `SELECT DISTINCT ON (manual_sku) manual_sku, uid FROM inventory_items
        WHERE organization_id = $1 AND manual_sku = ANY($2::varchar[]) AND deleted_at IS NULL
        ORDER BY manual_sku, id`,
      [organizationId, skus],
    );
  }

  liveByUids(organizationId: string, uids: string[]): Promise<Array<{ id: string; uid: string; product_id: string }>> {
    return this.db.select(
      `SELECT id, uid, product_id FROM inventory_items WHERE organization_id = $1 AND uid = ANY($2::varchar[]) AND deleted_at IS NULL`,
      [organizationId, uids],
    );
  }

  /** Stamps when these items were listed (the batched insert does not write listed_at). */
  async markListed(organizationId: string, ids: string[], at: Date): Promise<void> {
    await this.db.query(`UPDATE inventory_items SET listed_at = $3 WHERE organization_id = $1 AND id = ANY($2::bigint[])`, [
      organizationId,
      ids,
      at,
    ]);
  }
  // --- Orders: the item of a sale ---

  /** A live item of the organization by internal id, locked until the transaction ends. */
  lockLiveById(organizationId: string, id: string): Promise<InventoryItem | null> {
    return this.items.findOne({ where: { organizationId, id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The SKU parts of these items (soft-deleted ones included): their manual SKU, their product's SKU and catalog number. */
  skuParts(
    organizationId: string,
    ids: string[],
  ): Promise<Array<{ id: string; manual_sku: string | null; product_sku: string | null; catalog_number: string | null }>> {
    return this.db.select(
      `SELECT i.id, i.manual_sku, p.sku AS product_sku, p.catalog_number
         FROM inventory_items i JOIN products p ON p.id = i.product_id
        WHERE i.organization_id = $1 AND i.id = ANY($2)`,
      [organizationId, ids],
    );
  }
}
