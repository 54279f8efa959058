import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';

/** A picture of the item as stored: where its bytes are and what they are. */
export interface ListingItemPicture {
  fileKey: string;
  fileName: string;
  contentType: string;
}

/** What listing an item needs of it, read across the inventory and products tables (this module imports neither). */
export interface ListingItem {
  id: string;
  uid: string;
  status: string;
  deletedAt: Date | null;
  priceTotalUsd: string | null;
  listingCurrentPrice: string | null;
  conditionItem: string | null;
  conditionContainer: string | null;
  name: string | null;
  description: string | null;
  productTitle: string;
  productType: string;
  format: string | null;
  artist: string | null;
  label: string | null;
  catalogNumber: string | null;
  barcode: string | null;
  releaseYear: string | null;
  pictures: ListingItemPicture[];
}

interface ItemRow {
  id: string;
  uid: string;
  status: string;
  deleted_at: Date | null;
  price_total_usd: string | null;
  listing_current_price: string | null;
  condition_item: string | null;
  condition_container: string | null;
  name: string | null;
  description: string | null;
  product_title: string;
  product_type: string;
  format: string | null;
  artist: string | null;
  label: string | null;
  catalog_number: string | null;
  barcode: string | null;
  release_year: string | null;
}

/** Content types of the image files the asset upload stores, by extension. */
const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
};

export function pictureContentType(fileKey: string): string {
  const extension = fileKey.slice(fileKey.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/** The listing engine's read model of an inventory item (one query for the item, one for its pictures). */
@Injectable()
export class ListingItemQuery {
  constructor(private readonly db: TransactionalConnection) {}

  /** The item by uid or by internal id, deleted ones included (the caller decides), scoped by the organization. */
  async find(organizationId: string, key: { uid: string } | { id: string }): Promise<ListingItem | null> {
    const [column, value] = 'uid' in key ? ['i.uid', key.uid] : ['i.id', key.id];
    const [row] = await this.db.select<ItemRow>(
      `SELECT i.id, i.uid, i.status, i.deleted_at, i.price_total_usd, i.listing_current_price, i.condition_item, i.condition_container,
              i.name, COALESCE(NULLIF(btrim(i.manual_description), ''), p.marketplace_description) AS description,
              p.title AS product_title, p.type AS product_type, p.formats[1] AS format, a.name AS artist, l.name AS label,
              p.catalog_number, p.upc AS barcode, p.year AS release_year
         FROM inventory_items i
         JOIN products p ON p.id = i.product_id
         LEFT JOIN artists a ON a.id = p.artist_id
         LEFT JOIN music_labels l ON l.id = p.music_label_id
        WHERE i.organization_id = $1 AND ${column} = $2`,
      [organizationId, value],
    );
    if (!row) return null;
    const pictures = await this.db.select<{ file_key: string; file_name: string }>(
      `SELECT file_key, file_name FROM inventory_assets
        WHERE organization_id = $1 AND inventory_item_id = $2
        ORDER BY is_identifying_asset DESC, created, id`,
      [organizationId, row.id],
    );
    return {
      id: String(row.id),
      uid: row.uid,
      status: row.status,
      deletedAt: row.deleted_at,
      priceTotalUsd: row.price_total_usd,
      listingCurrentPrice: row.listing_current_price,
      conditionItem: row.condition_item,
      conditionContainer: row.condition_container,
      name: row.name,
      description: row.description,
      productTitle: row.product_title,
      productType: row.product_type,
      format: row.format,
      artist: row.artist,
      label: row.label,
      catalogNumber: row.catalog_number,
      barcode: row.barcode,
      releaseYear: row.release_year,
      pictures: pictures.map((picture) => ({
        fileKey: picture.file_key,
        fileName: picture.file_name,
        contentType: pictureContentType(picture.file_key),
      })),
    };
  }
}
