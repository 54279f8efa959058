import type { DigitalAssetDto } from './dto/digital-asset.dto.js';
import type { DigitalDownloadLogDto, DigitalPurchaseDto } from './dto/digital-purchase.dto.js';
import type { DownloadableAssetDto } from './dto/download-page.dto.js';
import type { AssetRow } from './digital-assets.repository.js';
import type { PurchaseRow } from './digital-purchases.repository.js';
import { type AssetUsage, purchaseStatus, remainingDownloads } from './digital.rules.js';
import type { DigitalDownload } from './entities/digital-download.entity.js';

export function mapAsset(asset: AssetRow): DigitalAssetDto {
  return {
    uid: asset.uid,
    product_uid: asset.product_uid,
    display_name: asset.display_name,
    description: asset.description,
    file_name: asset.file_name,
    content_type: asset.content_type,
    size_bytes: Number(asset.size_bytes),
    sha256: asset.sha256,
    is_primary: asset.is_primary,
    created: asset.created.toISOString(),
    updated: asset.updated.toISOString(),
  };
}

export function mapPurchase(purchase: PurchaseRow, now: Date): DigitalPurchaseDto {
  return {
    uid: purchase.uid,
    product: purchase.product_uid ? { uid: purchase.product_uid, title: purchase.product_title } : null,
    product_title: purchase.product_title,
    buyer_email: purchase.buyer_email,
    buyer_name: purchase.buyer_name,
    order_uid: purchase.order_uid,
    status: purchaseStatus({ expiresAt: purchase.expires_at, revokedAt: purchase.revoked_at }, now),
    expires_at: purchase.expires_at.toISOString(),
    download_limit: purchase.download_limit,
    download_count: purchase.download_count,
    emails_sent: purchase.emails_sent,
    last_emailed_at: purchase.last_emailed_at?.toISOString() ?? null,
    revoked_at: purchase.revoked_at?.toISOString() ?? null,
    created: purchase.created.toISOString(),
  };
}

export function mapDownloadLog(download: DigitalDownload): DigitalDownloadLogDto {
  return {
    uid: download.uid,
    asset_uid: download.assetUid,
    file_name: download.fileName,
    started_at: download.created.toISOString(),
    finished_at: download.finishedAt?.toISOString() ?? null,
    ip_address: download.ipAddress,
    user_agent: download.userAgent,
    range_start: Number(download.rangeStart),
    bytes_expected: Number(download.bytesExpected),
    bytes_sent: Number(download.bytesSent),
    is_resume: download.isResume,
    completed: download.completed,
  };
}

export function mapDownloadableAsset(
  asset: AssetRow,
  usage: AssetUsage | undefined,
  limit: number,
  downloadUrl: string,
): DownloadableAssetDto {
  return {
    uid: asset.uid,
    display_name: asset.display_name,
    description: asset.description,
    file_name: asset.file_name,
    content_type: asset.content_type,
    size_bytes: Number(asset.size_bytes),
    downloads_remaining: remainingDownloads(limit, usage?.downloads ?? 0),
    download_url: downloadUrl,
  };
}
