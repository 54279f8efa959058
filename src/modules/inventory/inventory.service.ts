import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import type { IngestedImage } from '../../common/media/image-ingest.js';
import { InventoryItemSummaryDto } from './dto/inventory-item-summary.dto.js';
import { InventoryAssetsRepository } from './inventory-assets.repository.js';
import { type Actor, InventoryAuditService } from './inventory-audit.service.js';
import { InventoryListQuery } from './inventory-list.query.js';
import {
  type ConditionCode,
  type ContainerCondition,
  type InventoryStatus,
  resolvedSku,
  statusDates,
  statusDisplay,
} from './inventory.rules.js';
import { type ItemProductFacts, mapInventoryItemSummary } from './inventory.mapper.js';
import type { CsvColumn } from './inventory-csv.rules.js';
import { InventoryCsvService } from './inventory-csv.service.js';
import type { InventoryFilters } from './inventory-list.query.js';
import { InventoryRepository } from './inventory.repository.js';

/** A product as the inventory summaries of its response need it. */
export interface ProductForInventory extends ItemProductFacts {
  id: string;
}

/** What a product response shows of its inventory. */
export interface ProductInventory {
  /** Per product id, its live items, oldest first. */
  items: Map<string, InventoryItemSummaryDto[]>;
  /** Per product id, the storage key of its first photo. */
  firstPhotoKey: Map<string, string>;
}

/** The items a listing imported from a platform becomes (one per copy it offers), in our terms. */
export interface ImportedItems {
  productId: string;
  /** How many items (the listing's quantity, capped by the caller). */
  copies: number;
  name: string | null;
  conditionItem: ConditionCode | null;
  conditionContainer: ContainerCondition | null;
  priceTotalUsd: string;
  manualSku: string | null;
  manualDescription: string | null;
  /** Pictures already checked and stored (ImageIngest): they become the first item's photos, in this order. */
  pictures: Array<IngestedImage & { fileName: string }>;
  /** The audit entry's message (`Imported from Discogs listing 123.`). */
  auditMessage: string;
  auditMetadata: Record<string, unknown>;
}

@Injectable()
export class InventoryService {
  constructor(
    private readonly inventory: InventoryRepository,
    private readonly csv: InventoryCsvService,
    private readonly assets: InventoryAssetsRepository,
    private readonly audit: InventoryAuditService,
    private readonly listQuery: InventoryListQuery,
  ) {}

  /** The inventory of a page of products, in two queries whatever their number. */
  async forProducts(organizationId: string, products: ProductForInventory[]): Promise<ProductInventory> {
    const ids = products.map((product) => product.id);
    if (ids.length === 0) return { items: new Map(), firstPhotoKey: new Map() };
    const [rows, photos] = await Promise.all([
      this.inventory.itemSummaries(organizationId, ids),
      this.inventory.firstPhotoKeys(organizationId, ids),
    ]);
    const items = new Map<string, InventoryItemSummaryDto[]>(ids.map((id) => [id, []]));
    const byId = new Map(products.map((product) => [product.id, product]));
    for (const row of rows) items.get(String(row.product_id))?.push(mapInventoryItemSummary(row, byId.get(String(row.product_id))!));
    return { items, firstPhotoKey: new Map(photos.map((photo) => [String(photo.product_id), photo.file_key])) };
  }

  /** How many rows writeCsv would write now (for progress). */
  countCsvRows(organizationId: string, filters: InventoryFilters): Promise<number> {
    return this.csv.countCsvRows(organizationId, filters);
  }

  /**
   * Writes the organization's items as the inventory CSV (header first; only `columns`, in their order, when given) to `out`, read through a cursor with
   * backpressure; calls onProgress(rowsWritten) every so often; ends `out` after the last row and resolves with the
   * number of rows; on failure destroys `out` and rejects. With the embedded database (one connection), no other
   * query runs until it ends: do not wait on one while writing.
   */
  writeCsv(
    organizationId: string,
    filters: InventoryFilters,
    out: NodeJS.WritableStream | Writable,
    onProgress?: (rowsWritten: number) => void,
    columns?: readonly CsvColumn[],
  ): Promise<number> {
    return this.csv.writeCsv(organizationId, filters, out, onProgress, columns);
  }

  /** The stored files of these products' items: to remove once the products are deleted (their rows cascade). */
  storedFileKeys(organizationId: string, productIds: string[]): Promise<string[]> {
    return this.inventory.storedFileKeys(organizationId, productIds);
  }

  // --- Imports: items made from listings found on a platform (in the caller's transaction). ---

  /** Per SKU, the uid of the organization's live item whose manual SKU it is (the oldest when several). */
  async itemUidsBySku(organizationId: string, skus: string[]): Promise<Map<string, string>> {
    if (skus.length === 0) return new Map();
    const rows = await this.inventory.uidsByManualSku(organizationId, skus);
    return new Map(rows.map((row) => [row.manual_sku, row.uid]));
  }

  /** The organization's live items among these uids: uid to internal id and product id. */
  async liveItemsByUid(organizationId: string, uids: string[]): Promise<Map<string, { id: string; productId: string }>> {
    if (uids.length === 0) return new Map();
    const rows = await this.inventory.liveByUids(organizationId, uids);
    return new Map(rows.map((row) => [row.uid, { id: String(row.id), productId: String(row.product_id) }]));
  }

  /**
   * Creates the items of imported listings, `listed` since now, each audited as created by the system; each listing's
   * pictures become its first item's photos (the first one identifying). Four statements whatever their number (the
   * items, their listed date, the photos, the audit entries); per input, in its order, its items' ids and uids, first
   * item first.
   */
  async createImportedItemsMany(
    organizationId: string,
    userId: string | null,
    inputs: ImportedItems[],
  ): Promise<Array<Array<{ id: string; uid: string }>>> {
    const now = new Date();
    const rows = inputs.flatMap((input) =>
      Array.from({ length: input.copies }, () => ({
        organizationId,
        userId,
        productId: input.productId,
        name: input.name,
        status: 'listed' as const,
        conditionItem: input.conditionItem,
        conditionContainer: input.conditionContainer,
        conditionContainerManuallySet: input.conditionContainer !== null,
        priceTotalUsd: input.priceTotalUsd,
        manualSku: input.manualSku,
        manualDescription: input.manualDescription,
        receivedAt: now,
      })),
    );
    const inserted = await this.inventory.insertMany(organizationId, rows);
    let next = 0;
    const itemsOf = inputs.map((input) => inserted.slice(next, (next += input.copies)));
    await this.inventory.markListed(
      organizationId,
      inserted.map((item) => item.id),
      now,
    );
    await this.assets.insertMany(
      inputs.flatMap((input, index) =>
        input.pictures.map((picture, order) => ({
          organizationId,
          inventoryItemId: itemsOf[index][0].id,
          type: 'photo',
          description: '',
          fileKey: picture.imageKey,
          thumbnailKey: picture.thumbnailKey,
          fileName: picture.fileName,
          fileSize: picture.size,
          isIdentifyingAsset: order === 0,
        })),
      ),
    );
    await this.audit.recordMany(
      null,
      inputs.flatMap((input, index) =>
        itemsOf[index].map((item) => ({
          item: { organizationId, id: item.id, title: input.name ?? '' },
          entry: { action: 'create' as const, message: input.auditMessage, statusAfter: 'listed', metadata: input.auditMetadata },
        })),
      ),
    );
    return itemsOf;
  }
  // --- Orders: an item sold, and a sale undone (called inside the orders module's transaction) ---

  /** The live item of this uid as a sale needs it, or null (also for another organization's or a deleted one). */
  async itemForSale(organizationId: string, uid: string): Promise<ItemForSale | null> {
    const item = await this.inventory.findOwned(organizationId, uid);
    if (!item) return null;
    const title = (await this.listQuery.titles(organizationId, [item.id])).get(item.id) ?? '';
    return { id: item.id, uid: item.uid, status: item.status, title };
  }

  /**
   * Makes the item `sold` (locked in the transaction in progress; `sold_at` recorded the first time) and writes it to
   * its audit log: by `actor`, or the system (null). Null when the item is gone; `alreadySold` when it was sold
   * before (a second sale of a one-of-a-kind item: the item stays as it is and its audit log warns of it).
   */
  async markSold(
    actor: Actor | null,
    organizationId: string,
    itemId: string,
    sale: { at: Date; message: string; metadata: Record<string, unknown> },
  ): Promise<{ uid: string; productId: string; statusBefore: InventoryStatus; alreadySold: boolean } | null> {
    const item = await this.inventory.lockLiveById(organizationId, itemId);
    if (!item) return null;
    const alreadySold = item.status === 'sold';
    if (!alreadySold) await this.inventory.update(organizationId, item.id, { status: 'sold', ...statusDates('sold', item, sale.at) });
    const title = (await this.listQuery.titles(organizationId, [item.id])).get(item.id) ?? '';
    await this.audit.record(
      actor,
      { organizationId, id: item.id, title },
      alreadySold
        ? {
            action: 'sold',
            message: `${sale.message} The item was already sold: check both orders.`,
            statusBefore: 'sold',
            statusAfter: 'sold',
            severity: 'warning',
            metadata: sale.metadata,
          }
        : { action: 'sold', message: sale.message, statusBefore: item.status, statusAfter: 'sold', metadata: sale.metadata },
    );
    return { uid: item.uid, productId: item.productId, statusBefore: item.status, alreadySold };
  }

  /**
   * A sale undone (the order was cancelled or refunded): a sold item is `ready-to-sell` again (its `sold_at` cleared),
   * written to its audit log by the system; false when the item is gone or not sold. Relisting is left to the seller.
   */
  async restoreAfterCancelledSale(organizationId: string, itemId: string, message: string, metadata: Record<string, unknown>) {
    const item = await this.inventory.lockLiveById(organizationId, itemId);
    if (!item || item.status !== 'sold') return false;
    const restored: InventoryStatus = 'ready-to-sell';
    await this.inventory.update(organizationId, item.id, { status: restored, soldAt: null });
    const title = (await this.listQuery.titles(organizationId, [item.id])).get(item.id) ?? '';
    await this.audit.record(
      null,
      { organizationId, id: item.id, title },
      {
        action: 'status_change',
        message: `${message} Status changed from ${statusDisplay('sold')} to ${statusDisplay(restored)}.`,
        statusBefore: 'sold',
        statusAfter: restored,
        metadata,
      },
    );
    return true;
  }

  /** The computed title and SKU of these items, by id (two queries whatever their number): what an order shows of its item. */
  async saleLabels(organizationId: string, itemIds: string[]): Promise<Map<string, { title: string; sku: string | null }>> {
    if (itemIds.length === 0) return new Map();
    const [titles, skus] = await Promise.all([
      this.listQuery.titles(organizationId, itemIds),
      this.inventory.skuParts(organizationId, itemIds),
    ]);
    return new Map(
      skus.map((row) => [
        String(row.id),
        {
          title: titles.get(String(row.id)) ?? '',
          sku: resolvedSku(row.manual_sku, row.product_sku, row.catalog_number).value,
        },
      ]),
    );
  }
}

/** An item as a sale needs it; `id` is the internal id. */
export interface ItemForSale {
  id: string;
  uid: string;
  status: InventoryStatus;
  title: string;
}
