import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { InventoryItemSummaryDto } from './dto/inventory-item-summary.dto.js';
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

@Injectable()
export class InventoryService {
  constructor(
    private readonly inventory: InventoryRepository,
    private readonly csv: InventoryCsvService,
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
}
