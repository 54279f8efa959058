import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import type { IngestedImage } from '../../common/media/image-ingest.js';
import { InventoryItemSummaryDto } from './dto/inventory-item-summary.dto.js';
import { InventoryAssetsRepository } from './inventory-assets.repository.js';
import { InventoryAuditService } from './inventory-audit.service.js';
import type { ConditionCode, ContainerCondition } from './inventory.rules.js';
import { type ItemProductFacts, mapInventoryItemSummary } from './inventory.mapper.js';
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
   * Writes the organization's items as the inventory CSV (header first) to `out`, read through a cursor with
   * backpressure; calls onProgress(rowsWritten) every so often; ends `out` after the last row and resolves with the
   * number of rows; on failure destroys `out` and rejects. With the embedded database (one connection), no other
   * query runs until it ends: do not wait on one while writing.
   */
  writeCsv(
    organizationId: string,
    filters: InventoryFilters,
    out: NodeJS.WritableStream | Writable,
    onProgress?: (rowsWritten: number) => void,
  ): Promise<number> {
    return this.csv.writeCsv(organizationId, filters, out, onProgress);
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
   * Creates the items of an imported listing, `listed` since now, each audited as created by the system; the
   * pictures become the first item's photos (the first one identifying). Their ids and uids, first item first.
   */
  async createImportedItems(
    organizationId: string,
    userId: string | null,
    input: ImportedItems,
  ): Promise<Array<{ id: string; uid: string }>> {
    const now = new Date();
    const row = {
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
    };
    const items = await this.inventory.insertMany(
      organizationId,
      Array.from({ length: input.copies }, () => row),
    );
    await this.inventory.markListed(
      organizationId,
      items.map((item) => item.id),
      now,
    );
    for (const [index, picture] of input.pictures.entries()) {
      await this.assets.insert({
        organizationId,
        inventoryItemId: items[0].id,
        type: 'photo',
        description: '',
        fileKey: picture.imageKey,
        thumbnailKey: picture.thumbnailKey,
        fileName: picture.fileName,
        fileSize: picture.size,
        isIdentifyingAsset: index === 0,
      });
    }
    await this.audit.recordMany(
      null,
      items.map((item) => ({
        item: { organizationId, id: item.id, title: input.name ?? '' },
        entry: { action: 'create' as const, message: input.auditMessage, statusAfter: 'listed', metadata: input.auditMetadata },
      })),
    );
    return items;
  }
}
