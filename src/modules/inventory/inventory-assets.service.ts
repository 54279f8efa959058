import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { type FieldErrors, foundOrFail, ValidationFailed } from '../../common/errors/error-response.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { ImageIngest, type IngestedImage } from '../../common/media/image-ingest.js';
import type { FormFile } from '../../common/media/multipart.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { FileStorage } from '../../infra/storage/file-storage.js';
import { SubscriptionsService } from '../subscriptions/index.js';
import { AssetBatchDto, AssetUploadErrorDto } from './dto/asset-batch.dto.js';
import { InventoryAssetDto } from './dto/inventory-asset.dto.js';
import type { InventoryItem } from './entities/inventory-item.entity.js';
import { InventoryAssetsRepository } from './inventory-assets.repository.js';
import { type Actor, InventoryAuditService } from './inventory-audit.service.js';
import { InventoryItemsService } from './inventory-items.service.js';
import type { AssetRow } from './inventory-list.query.js';
import { mapAsset } from './inventory.mapper.js';
import { type AssetType, assetAuditMessage, DEFAULT_PHOTOS_PER_ITEM_LIMIT, photoLimitProblem, photosThatFit } from './inventory.rules.js';

/** What the text fields of an upload say about each of its files. */
export interface AssetUpload {
  type: AssetType;
  description: string;
  /** The (first) stored file becomes the item's identifying asset; the others lose the flag. */
  isIdentifying: boolean;
}

/** A file of the request checked and stored, waiting for its row. */
interface Ingested {
  index: number;
  file: FormFile;
  stored: IngestedImage;
}

const FILE_NAME_MAX_LENGTH = 255;

/**
 * An item's assets (photos): uploads checked by content and stored with a thumbnail, within the plan's photos per
 * item, and deletion. Files are stored before the transaction (sharp's work never holds the item's lock, nor the
 * embedded database's one connection); the limit is checked before storing anything and again under the item's lock,
 * and files whose rows are not committed are removed.
 */
@Injectable()
export class InventoryAssetsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly assets: InventoryAssetsRepository,
    private readonly items: InventoryItemsService,
    private readonly audit: InventoryAuditService,
    private readonly images: ImageIngest,
    private readonly storage: FileStorage,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  /** The caller's live item, or the documented 404: checked before an upload is read. */
  async assertItem(auth: AuthContext, uid: string): Promise<void> {
    await this.items.owned(auth, uid);
  }

  /** Single-file mode: the file is stored, or the request is refused with a 400 on the file's field and nothing is stored. */
  async uploadOne(actor: Actor, uid: string, file: FormFile, upload: AssetUpload, urls: RequestUrls): Promise<InventoryAssetDto> {
    const { auth } = actor;
    if (file.problem) throw new ValidationFailed({ [file.field]: [file.problem] });
    const item = await this.items.owned(auth, uid);
    const limit = await this.photoLimit(auth.organizationId);
    const overLimit = photoLimitProblem(limit, await this.assets.count(auth.organizationId, item.id), 1);
    if (overLimit) throw new ValidationFailed({ [file.field]: [overLimit] });
    const stored = await this.images.ingest(file.data, storagePrefix(item), file.field);
    let row: AssetRow;
    try {
      row = await this.db.transaction(async () => {
        const locked = await this.items.owned(auth, uid, { lock: true });
        const problem = photoLimitProblem(limit, await this.assets.count(auth.organizationId, locked.id), 1);
        if (problem) throw new ValidationFailed({ [file.field]: [problem] });
        const [inserted] = await this.insert(actor, locked, [{ index: 0, file, stored }], upload);
        return inserted;
      });
    } catch (error) {
      await this.removeFiles([stored]);
      throw error;
    }
    return mapAsset(row, this.mediaUrl(urls));
  }

  /**
   * Multi-file mode: each file is stored or listed in `errors` on its own (not an accepted image, too large, empty,
   * over the plan's limit: the files past it, in the order sent).
   */
  async uploadMany(actor: Actor, uid: string, files: FormFile[], upload: AssetUpload, urls: RequestUrls): Promise<AssetBatchDto> {
    const { auth } = actor;
    const item = await this.items.owned(auth, uid);
    const limit = await this.photoLimit(auth.organizationId);
    const existing = await this.assets.count(auth.organizationId, item.id);
    const errors: AssetUploadErrorDto[] = [];
    const failed = (index: number, file: FormFile, fieldErrors: FieldErrors) =>
      errors.push({ index, file_name: file.fileName, errors: fieldErrors as Record<string, string[]> });
    const ingested: Ingested[] = [];
    try {
      for (const [index, file] of files.entries()) {
        const problem = file.problem ?? photoLimitProblem(limit, existing + ingested.length, 1);
        if (problem) {
          failed(index, file, { [file.field]: [problem] });
          continue;
        }
        try {
          ingested.push({ index, file, stored: await this.images.ingest(file.data, storagePrefix(item), file.field) });
        } catch (error) {
          if (!(error instanceof ValidationFailed)) throw error;
          failed(index, file, error.getResponse() as FieldErrors);
        }
      }
    } catch (error) {
      await this.removeFiles(ingested.map((entry) => entry.stored));
      throw error;
    }
    let committed: { rows: AssetRow[]; overLimit: Ingested[] } = { rows: [], overLimit: [] };
    if (ingested.length > 0) {
      try {
        committed = await this.db.transaction(async () => {
          const locked = await this.items.owned(auth, uid, { lock: true });
          const count = await this.assets.count(auth.organizationId, locked.id);
          // Another upload may have added photos since the count above: the files past the limit now fail.
          const fit = photosThatFit(limit, count, ingested.length);
          const overLimit = ingested.slice(fit);
          const message = photoLimitProblem(limit, count + fit, 1);
          for (const entry of overLimit) failed(entry.index, entry.file, { [entry.file.field]: [message ?? ''] });
          return { rows: await this.insert(actor, locked, ingested.slice(0, fit), upload), overLimit };
        });
      } catch (error) {
        await this.removeFiles(ingested.map((entry) => entry.stored));
        throw error;
      }
      await this.removeFiles(committed.overLimit.map((entry) => entry.stored));
    }
    const mediaUrl = this.mediaUrl(urls);
    errors.sort((a, b) => a.index - b.index);
    return {
      created: committed.rows.map((row) => mapAsset(row, mediaUrl)),
      errors,
      created_count: committed.rows.length,
      failed_count: errors.length,
      associated_inventory_items_count: committed.rows.length > 0 ? 1 : 0,
    };
  }

  /** Deletes the asset; its stored files are removed once that is committed. Another item's asset is a 404. */
  async delete(actor: Actor, uid: string, assetUid: string): Promise<void> {
    const { auth } = actor;
    await this.db.transaction(async () => {
      const item = await this.items.owned(auth, uid, { lock: true });
      const asset = foundOrFail(await this.assets.findOwned(auth.organizationId, item.id, assetUid));
      await this.assets.delete(auth.organizationId, asset.id);
      await this.audit.record(
        actor,
        { organizationId: auth.organizationId, id: item.id, title: await this.items.titleOf(auth, uid) },
        {
          action: 'asset_delete',
          message: assetAuditMessage('deleted', asset.type, asset.file_name),
          statusBefore: item.status,
          statusAfter: item.status,
          metadata: { asset_uid: asset.uid, file_name: asset.file_name, type: asset.type },
        },
      );
      await this.db.afterCommit(() => this.storage.removeAll([asset.file_key, asset.thumbnail_key]));
    });
  }

  /** The rows of the stored files, each audited; in the caller's transaction, with the item locked. */
  private async insert(actor: Actor, item: InventoryItem, entries: Ingested[], upload: AssetUpload): Promise<AssetRow[]> {
    const { auth } = actor;
    if (entries.length === 0) return [];
    if (upload.isIdentifying) await this.assets.clearIdentifying(auth.organizationId, item.id);
    const title = await this.items.titleOf(auth, item.uid);
    const rows: AssetRow[] = [];
    for (const [position, { file, stored }] of entries.entries()) {
      const identifying = upload.isIdentifying && position === 0;
      const row = await this.assets.insert({
        organizationId: auth.organizationId,
        inventoryItemId: item.id,
        type: upload.type,
        description: upload.description,
        fileKey: stored.imageKey,
        thumbnailKey: stored.thumbnailKey,
        fileName: fileNameOf(file, stored),
        fileSize: stored.size,
        isIdentifyingAsset: identifying,
      });
      await this.audit.record(
        actor,
        { organizationId: auth.organizationId, id: item.id, title },
        {
          action: 'asset_upload',
          message: assetAuditMessage('uploaded', row.type, row.file_name, identifying),
          statusBefore: item.status,
          statusAfter: item.status,
          metadata: { asset_uid: row.uid, file_name: row.file_name, type: row.type, is_identifying_asset: identifying },
        },
      );
      rows.push(row);
    }
    return rows;
  }

  /** The plan's photos per item; without a subscription, the default (the trial plan's). */
  private async photoLimit(organizationId: string): Promise<number> {
    const subscription = await this.subscriptions.forOrganization(organizationId);
    return subscription?.plan.photos_per_item_limit ?? DEFAULT_PHOTOS_PER_ITEM_LIMIT;
  }

  private mediaUrl(urls: RequestUrls): (key: string) => string {
    return (key) => urls.absolute(this.storage.urlPath(key));
  }

  private removeFiles(stored: IngestedImage[]): Promise<void> {
    return this.storage.removeAll(stored.flatMap((image) => [image.imageKey, image.thumbnailKey]));
  }
}

/** Where an item's files are stored: `inventory/<item uid>/<random>/image.<ext>` (ImageIngest adds the rest). */
function storagePrefix(item: InventoryItem): string {
  return `inventory/${item.uid}`;
}

/** The client's file name (display only), or the stored file's when it gave none. */
function fileNameOf(file: FormFile, stored: IngestedImage): string {
  const name = file.fileName.trim() || (stored.imageKey.split('/').at(-1) ?? '');
  return name.slice(0, FILE_NAME_MAX_LENGTH);
}
