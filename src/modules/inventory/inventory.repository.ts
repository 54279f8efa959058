import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm';
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
