import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { sha256Hex } from '../../common/auth/secrets.js';
import { DetailError, foundOrFail } from '../../common/errors/error-response.js';
import type { ClientRequest } from '../../common/http/client-request.js';
import { newUid } from '../../common/ids/uid.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { ThrottleStore } from '../../infra/throttle/throttle-store.js';
import { PrivateFileStorage } from '../../infra/storage/private-file-storage.js';
import type { DownloadPageDto } from './dto/download-page.dto.js';
import { type AssetRow, DigitalAssetsRepository } from './digital-assets.repository.js';
import { type DownloadLogRef, DigitalPurchasesRepository, type LinkRow } from './digital-purchases.repository.js';
import { mapDownloadableAsset } from './digital.mapper.js';
import { assetEtag, DigitalMsg, downloadKind, linkState, remainingDownloads, requestedRange } from './digital.rules.js';

const MINUTE_MS = 60_000;

/** What the file route sends: the status, the headers that go with it and, unless none is due, the bytes. */
export type DownloadResponse =
  | { kind: 'unsatisfiable'; size: number }
  | { kind: 'head'; asset: AssetRow; etag: string }
  | {
      kind: 'file';
      asset: AssetRow;
      etag: string;
      /** The bytes of the range sent: 206 with Content-Range; null: the whole file, 200. */
      range: { start: number; end: number } | null;
      stream: Readable;
      /** The download log entry to complete once the response ends. */
      download: DownloadLogRef;
    };

/** The public side of a purchase: its download page and files, reached with the emailed token alone. */
@Injectable()
export class DigitalDownloadsService {
  private readonly logger = new Logger(DigitalDownloadsService.name);

  constructor(
    private readonly db: TransactionalConnection,
    private readonly purchases: DigitalPurchasesRepository,
    private readonly assets: DigitalAssetsRepository,
    private readonly storage: PrivateFileStorage,
    private readonly throttle: ThrottleStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The product, its files with the downloads left of each, and the expiry. 410 once no file can be downloaded again. */
  async page(token: string, client: ClientRequest, fileUrl: (assetUid: string) => string): Promise<DownloadPageDto> {
    const link = await this.usableLink(token, client);
    const [assets, usage] = await Promise.all([
      this.assets.allForProduct(link.organization_id, link.product_id!),
      this.purchases.usage(link.organization_id, link.purchase_id),
    ]);
    const remaining = assets.map((asset) => remainingDownloads(link.download_limit, usage.get(asset.id)?.downloads ?? 0));
    if (assets.length > 0 && remaining.every((left) => left === 0))
      throw new DetailError(410, DigitalMsg.allExhausted(link.download_limit));
    return {
      product: { uid: link.product_uid!, title: link.product_title },
      buyer_name: link.buyer_name,
      expires_at: link.expires_at.toISOString(),
      download_limit: link.download_limit,
      assets: assets.map((asset) => mapDownloadableAsset(asset, usage.get(asset.id), link.download_limit, fileUrl(asset.uid))),
    };
  }

  /**
   * Starts sending an asset: the whole file, or the one range asked for (a range from the first byte, or of an
   * asset never downloaded, is a new download; any other continues one and is not counted). The count is checked and
   * the download logged under the purchase's row lock, so two requests never both take the last download.
   */
  async download(
    token: string,
    assetUid: string,
    request: { range?: string; ifRange?: string; headOnly: boolean },
    client: ClientRequest,
  ): Promise<DownloadResponse> {
    const link = await this.usableLink(token, client);
    const asset = foundOrFail(await this.assets.findOwned(link.organization_id, assetUid));
    if (asset.product_id !== link.product_id) throw new DetailError(404, 'Not found.');
    const size = Number(asset.size_bytes);
    const etag = assetEtag(asset.sha256);
    const wanted = requestedRange(size, request.range, request.ifRange, etag);
    if (wanted.kind === 'unsatisfiable') return { kind: 'unsatisfiable', size };
    if (request.headOnly) return { kind: 'head', asset, etag };
    const range = wanted.kind === 'partial' ? { start: wanted.start, end: wanted.end } : null;
    const file = await this.storage.open(asset.file_key, range ?? undefined);
    if (!file) throw new DetailError(410, DigitalMsg.fileGone);
    try {
      const downloadId = await this.db.transaction(async () => {
        await this.purchases.lock(link.organization_id, link.purchase_id);
        const usage = (await this.purchases.usage(link.organization_id, link.purchase_id)).get(asset.id) ?? { downloads: 0, bytesSent: 0 };
        const kind = downloadKind(range?.start ?? 0, usage, link.download_limit, size);
        if (kind === 'exhausted') throw new DetailError(410, DigitalMsg.exhausted(link.download_limit));
        return this.purchases.insertDownload({
          uid: newUid('dlog'),
          organizationId: link.organization_id,
          purchaseId: link.purchase_id,
          assetId: asset.id,
          assetUid: asset.uid,
          fileName: asset.file_name,
          isResume: kind === 'resume',
          rangeStart: String(range?.start ?? 0),
          bytesExpected: String(range ? range.end - range.start + 1 : size),
          ipAddress: client.ipAddress,
          userAgent: client.userAgent,
        });
      });
      return { kind: 'file', asset, etag, range, stream: file.stream, download: { organizationId: link.organization_id, id: downloadId } };
    } catch (error) {
      file.stream.destroy();
      throw error;
    }
  }

  /** Records how a download ended; never thrown (the response is already gone). */
  async finish(download: DownloadLogRef, bytesSent: number, completed: boolean): Promise<void> {
    await this.purchases.finishDownload(download, bytesSent, completed, new Date()).catch((error: Error) => {
      this.logger.warn(`Recording the end of download ${download.id} failed: ${error.message}`);
    });
  }

  /**
   * The link of a token: counted against the per-IP limit first (so that guessing costs requests), then found by the
   * SHA-256 of the token through a unique index, never by comparing tokens. Unknown: 404; expired, revoked, replaced
   * or of a deleted product: 410.
   */
  private async usableLink(token: string, client: ClientRequest): Promise<LinkRow> {
    await this.throttle.enforce(
      `digital-download:${client.ipAddress ?? 'unknown'}`,
      this.config.digitalDownloadRequestsPerMinute,
      MINUTE_MS,
    );
    const link = foundOrFail(await this.purchases.linkByTokenHash(sha256Hex(token)));
    const state = linkState({ expiresAt: link.expires_at, revokedAt: link.revoked_at }, { replacedAt: link.replaced_at }, new Date());
    if (state !== 'active') throw new DetailError(410, DigitalMsg[state]);
    if (!link.product_id) throw new DetailError(410, DigitalMsg.productGone);
    return link;
  }
}
