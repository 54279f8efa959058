import { Injectable } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import { createHash } from 'node:crypto';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { foundOrFail, ValidationFailed } from '../../common/errors/error-response.js';
import type { RequestUrls } from '../../common/http/request-urls.js';
import { newUid } from '../../common/ids/uid.js';
import { type UploadedFileInfo, UploadMsg, UploadTooLarge } from '../../common/media/multipart.js';
import { type Page, type PageRequest, paginate } from '../../common/pagination/pagination.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { PrivateFileStorage } from '../../infra/storage/private-file-storage.js';
import type { DigitalAssetDto, DigitalAssetUploadFieldsDto, UpdateDigitalAssetDto } from './dto/digital-asset.dto.js';
import { DigitalAssetsRepository } from './digital-assets.repository.js';
import { type DigitalProduct, DigitalProductQuery } from './digital-product.query.js';
import { mapAsset } from './digital.mapper.js';
import { cleanFileName, DigitalMsg, isPrimaryOnCreate, UNKNOWN_CONTENT_TYPE } from './digital.rules.js';

/** A file streamed into private storage, before (or without) its asset row. */
export interface StoredUpload {
  uid: string;
  fileKey: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** How many leading bytes content detection sees (file-type needs at most a few KB for the formats sellers sell). */
const DETECTION_BYTES = 64 * 1024;

/** Passes an upload through unchanged while it hashes it, counts it and keeps its first bytes for content detection. */
class UploadMeter extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  private readonly head: Buffer[] = [];
  private headSize = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    if (this.headSize < DETECTION_BYTES) {
      const part = Buffer.from(chunk.subarray(0, DETECTION_BYTES - this.headSize));
      this.head.push(part);
      this.headSize += part.length;
    }
    done(null, chunk);
  }

  get firstBytes(): Buffer {
    return Buffer.concat(this.head);
  }
}

/** The digital assets of products: uploaded into private storage as they stream, one of them primary per product. */
@Injectable()
export class DigitalAssetsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly assets: DigitalAssetsRepository,
    private readonly products: DigitalProductQuery,
    private readonly storage: PrivateFileStorage,
  ) {}

  /** The caller's product, or the documented 404 (another organization's too). */
  async product(auth: AuthContext, productUid: string): Promise<DigitalProduct> {
    return foundOrFail(await this.products.byUid(auth.organizationId, productUid));
  }

  async list(auth: AuthContext, productUid: string, page: PageRequest, urls: RequestUrls): Promise<Page<DigitalAssetDto>> {
    const product = await this.product(auth, productUid);
    return paginate(
      page,
      {
        count: () => this.assets.countForProduct(auth.organizationId, product.id),
        rows: async (offset, limit) => (await this.assets.pageForProduct(auth.organizationId, product.id, offset, limit)).map(mapAsset),
      },
      urls,
    );
  }

  async get(auth: AuthContext, uid: string): Promise<DigitalAssetDto> {
    return mapAsset(foundOrFail(await this.assets.findOwned(auth.organizationId, uid)));
  }

  /**
   * Streams an uploaded file into private storage, hashing and measuring it on the way, then detects its type from its
   * first bytes. A file over the limit, cut short or empty is a 400 on `file` and leaves nothing stored.
   */
  async store(file: Readable, info: UploadedFileInfo): Promise<StoredUpload> {
    const uid = newUid('dast');
    const fileKey = `digital/${uid}`;
    const upload: { error: Error | null } = { error: null };
    file.once('error', (error: Error) => (upload.error = error));
    const meter = new UploadMeter();
    // pipeline() returns the meter and destroys it with the upload's error, which then fails putStream.
    const metered = pipeline(file, meter, () => undefined);
    try {
      await this.storage.putStream(fileKey, metered);
    } catch (error) {
      if (upload.error instanceof UploadTooLarge) throw new ValidationFailed({ file: [upload.error.message] });
      if (upload.error) throw new ValidationFailed({ file: [DigitalMsg.uploadCutShort] });
      throw error;
    }
    if (meter.size === 0) {
      await this.storage.delete(fileKey);
      throw new ValidationFailed({ file: [UploadMsg.empty] });
    }
    const detected = await fileTypeFromBuffer(meter.firstBytes);
    return {
      uid,
      fileKey,
      fileName: cleanFileName(info.fileName),
      contentType: detected?.mime ?? UNKNOWN_CONTENT_TYPE,
      sizeBytes: meter.size,
      sha256: meter.hash.digest('hex'),
    };
  }

  /** Removes a stored upload that will not become an asset. */
  async discard(upload: StoredUpload): Promise<void> {
    await this.storage.delete(upload.fileKey);
  }

  /** The asset of a stored upload; its product's first asset is primary. A failure removes the stored file. */
  async create(
    auth: AuthContext,
    product: DigitalProduct,
    upload: StoredUpload,
    fields: DigitalAssetUploadFieldsDto,
  ): Promise<DigitalAssetDto> {
    try {
      await this.db.transaction(async () => {
        foundOrFail(await this.products.lock(auth.organizationId, product.id));
        const existing = await this.assets.countForProduct(auth.organizationId, product.id);
        const id = await this.assets.insert({
          uid: upload.uid,
          organizationId: auth.organizationId,
          productId: product.id,
          userId: auth.userId,
          fileKey: upload.fileKey,
          fileName: upload.fileName,
          displayName: fields.display_name?.trim() || upload.fileName,
          description: fields.description ?? '',
          contentType: upload.contentType,
          sizeBytes: String(upload.sizeBytes),
          sha256: upload.sha256,
        });
        if (isPrimaryOnCreate(existing, fields.is_primary)) await this.assets.makePrimary(auth.organizationId, product.id, id);
      });
    } catch (error) {
      await this.discard(upload);
      throw error;
    }
    return this.get(auth, upload.uid);
  }

  async update(auth: AuthContext, uid: string, input: UpdateDigitalAssetDto): Promise<DigitalAssetDto> {
    await this.db.transaction(async () => {
      const found = foundOrFail(await this.assets.findOwned(auth.organizationId, uid));
      foundOrFail(await this.products.lock(auth.organizationId, found.product_id));
      const asset = foundOrFail(await this.assets.findOwned(auth.organizationId, uid));
      if (input.is_primary === false && asset.is_primary) throw new ValidationFailed({ is_primary: [DigitalMsg.primaryCannotBeUnset] });
      if (input.display_name !== undefined || input.description !== undefined) {
        await this.assets.update(auth.organizationId, asset.id, { displayName: input.display_name, description: input.description });
      }
      if (input.is_primary === true && !asset.is_primary) await this.assets.makePrimary(auth.organizationId, asset.product_id, asset.id);
    });
    return this.get(auth, uid);
  }

  /** Deleting the primary makes the oldest remaining asset primary; the file is removed once that is committed. */
  async delete(auth: AuthContext, uid: string): Promise<void> {
    await this.db.transaction(async () => {
      const found = foundOrFail(await this.assets.findOwned(auth.organizationId, uid));
      foundOrFail(await this.products.lock(auth.organizationId, found.product_id));
      const asset = foundOrFail(await this.assets.findOwned(auth.organizationId, uid));
      await this.assets.delete(auth.organizationId, asset.id);
      if (asset.is_primary) {
        const successor = await this.assets.oldest(auth.organizationId, asset.product_id);
        if (successor) await this.assets.makePrimary(auth.organizationId, asset.product_id, successor);
      }
      await this.db.afterCommit(() => this.storage.delete(asset.file_key));
    });
  }

  /**
   * Call inside the transaction that deletes these products (their asset rows cascade): their stored files are
   * removed once it commits.
   */
  async removeFilesWithProducts(organizationId: string, productIds: string[]): Promise<void> {
    const keys = await this.assets.fileKeys(organizationId, productIds);
    if (keys.length === 0) return;
    await this.db.afterCommit(async () => {
      for (const key of keys) await this.storage.delete(key);
    });
  }
}
