import { Injectable } from '@nestjs/common';
import { newUid } from '../../common/ids/uid.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import type { AssetRow } from './inventory-list.query.js';

/** An asset as a new row takes it. */
export interface NewAsset {
  organizationId: string;
  inventoryItemId: string;
  type: string;
  description: string;
  fileKey: string;
  thumbnailKey: string;
  fileName: string;
  fileSize: number;
  isIdentifyingAsset: boolean;
}

/** An asset found for a change: its row and the keys of its stored files. */
export interface OwnedAsset extends AssetRow {
  id: string;
}

const ASSET_COLUMNS = `inventory_item_id, uid, type, description, file_key, thumbnail_key, file_name, file_size, is_identifying_asset, created, updated`;

/** Writes of an item's assets (lists read them through InventoryListQuery); every method is scoped by the organization. */
@Injectable()
export class InventoryAssetsRepository {
  constructor(private readonly db: TransactionalConnection) {}

  /** How many assets the item has (what the plan's photos_per_item_limit counts). */
  async count(organizationId: string, itemId: string): Promise<number> {
    const [row] = await this.db.select<{ n: number }>(
      `SELECT count(*)::int AS n FROM inventory_assets WHERE organization_id = $1 AND inventory_item_id = $2`,
      [organizationId, itemId],
    );
    return row.n;
  }

  /** The asset of this item with this uid, or null (another item's or organization's asset is not found). */
  async findOwned(organizationId: string, itemId: string, uid: string): Promise<OwnedAsset | null> {
    const [row] = await this.db.select<OwnedAsset>(
      `SELECT id, ${ASSET_COLUMNS} FROM inventory_assets WHERE organization_id = $1 AND inventory_item_id = $2 AND uid = $3`,
      [organizationId, itemId, uid],
    );
    return row ?? null;
  }

  async insert(asset: NewAsset): Promise<AssetRow> {
    const [row] = await this.db.query<AssetRow[]>(
      `INSERT INTO inventory_assets (uid, organization_id, inventory_item_id, type, description, file_key, thumbnail_key, file_name,
                                     file_size, is_identifying_asset)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING ${ASSET_COLUMNS}`,
      [
        newUid('ast'),
        asset.organizationId,
        asset.inventoryItemId,
        asset.type,
        asset.description,
        asset.fileKey,
        asset.thumbnailKey,
        asset.fileName,
        asset.fileSize,
        asset.isIdentifyingAsset,
      ],
    );
    return row;
  }

  /** Many new assets in one statement whatever their number. */
  async insertMany(assets: NewAsset[]): Promise<void> {
    if (assets.length === 0) return;
    const column = <K extends keyof NewAsset>(key: K) => assets.map((asset) => asset[key]);
    await this.db.query(
      `INSERT INTO inventory_assets (uid, organization_id, inventory_item_id, type, description, file_key, thumbnail_key, file_name,
                                     file_size, is_identifying_asset)
       SELECT * FROM unnest($1::varchar[], $2::bigint[], $3::bigint[], $4::varchar[], $5::text[], $6::varchar[], $7::varchar[],
                            $8::varchar[], $9::bigint[], $10::boolean[])`,
      [
        assets.map(() => newUid('ast')),
        column('organizationId'),
        column('inventoryItemId'),
        column('type'),
        column('description'),
        column('fileKey'),
        column('thumbnailKey'),
        column('fileName'),
        column('fileSize'),
        column('isIdentifyingAsset'),
      ],
    );
  }

  /** Clears the identifying flag on the item's assets (before another one takes it). */
  async clearIdentifying(organizationId: string, itemId: string): Promise<void> {
    await this.db.query(
      `UPDATE inventory_assets SET is_identifying_asset = false, updated = now()
        WHERE organization_id = $1 AND inventory_item_id = $2 AND is_identifying_asset`,
      [organizationId, itemId],
    );
  }

  async delete(organizationId: string, id: string): Promise<void> {
    await this.db.query(`DELETE FROM inventory_assets WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
  }
}
