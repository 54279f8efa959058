import parseRange from 'range-parser';

/** Most characters of an asset's display name and description. */
export const DISPLAY_NAME_MAX_LENGTH = 255;
export const DESCRIPTION_MAX_LENGTH = 2000;

/** The type served when the bytes match no known format (a text file, a format file-type does not know). */
export const UNKNOWN_CONTENT_TYPE = 'application/octet-stream';

/** How many times the download email of one purchase may be sent again in an hour. */
export const RESENDS_PER_HOUR = 5;

export const DigitalMsg = {
  noAsset: 'This product has no digital asset to send: upload one first.',
  primaryCannotBeUnset: 'A product with assets needs a primary one: make another asset primary instead.',
  uploadCutShort: 'The upload ended before the file did.',
  expired: 'This download link has expired. Ask the seller for a new one.',
  revoked: 'This download link was revoked by the seller.',
  replaced: 'This download link was replaced by a newer one: use the link in the latest email.',
  productGone: 'This product is no longer available for download.',
  exhausted: (limit: number) => `This file has been downloaded the most times this link allows (${limit}). Ask the seller for more.`,
  allExhausted: (limit: number) =>
    `Every file of this link has been downloaded the most times it allows (${limit}). Ask the seller for more.`,
  fileGone: 'The file is no longer stored.',
  alreadyRevoked: 'This purchase is already revoked.',
};

/** Whether a purchase's link can still be used, and if not why (each a 410). */
export type LinkState = 'active' | 'expired' | 'revoked' | 'replaced';

export function linkState(purchase: { expiresAt: Date; revokedAt: Date | null }, link: { replacedAt: Date | null }, now: Date): LinkState {
  if (purchase.revokedAt) return 'revoked';
  if (link.replacedAt) return 'replaced';
  if (purchase.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** A purchase as the seller sees it: `active`, `expired` or `revoked` (a revocation wins over an expiry). */
export type PurchaseStatus = 'active' | 'expired' | 'revoked';
export const PURCHASE_STATUSES: readonly PurchaseStatus[] = ['active', 'expired', 'revoked'];

export function purchaseStatus(purchase: { expiresAt: Date; revokedAt: Date | null }, now: Date): PurchaseStatus {
  if (purchase.revokedAt) return 'revoked';
  return purchase.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

const DAY_MS = 86_400_000;

export function purchaseExpiry(now: Date, ttlDays: number): Date {
  return new Date(now.getTime() + ttlDays * DAY_MS);
}

/** The public download page of a token. */
export function downloadPageUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/api/v1/digital/download/${token}/`;
}

/** What a product's first asset is: primary (whatever was asked), or a later one when asked to be. */
export function isPrimaryOnCreate(existingAssets: number, requested: boolean | undefined): boolean {
  return existingAssets === 0 || requested === true;
}

/** How the buyer has used one asset of a purchase so far. */
export interface AssetUsage {
  /** New downloads started (resumed ranges not counted). */
  downloads: number;
  /** Bytes sent for it over every request, resumes included. */
  bytesSent: number;
}

export type DownloadKind = 'new' | 'resume' | 'exhausted';

/**
 * What a request for an asset is. A range that starts past the first byte of an asset already downloaded continues
 * that download and is not counted; anything else starts a new one, refused once `limit` have started. So that
 * ranges cannot stand in for new downloads without end, resumes stop once the bytes sent reach `limit` whole files.
 */
export function downloadKind(rangeStart: number, usage: AssetUsage, limit: number, size: number): DownloadKind {
  if (rangeStart > 0 && usage.downloads > 0) return usage.bytesSent < limit * size ? 'resume' : 'exhausted';
  return usage.downloads < limit ? 'new' : 'exhausted';
}

export function remainingDownloads(limit: number, downloads: number): number {
  return Math.max(0, limit - downloads);
}

/** The part of a file a request asks for: all of it, one range, or a range that lies outside it (416). */
export type RequestedRange = { kind: 'whole' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * The Range of a request for a file of `size` bytes (RFC 9110, through range-parser). A malformed Range, one of
 * another unit, several ranges, or an `If-Range` that is not the file's ETag asks for the whole file; a range past
 * the end is unsatisfiable.
 */
export function requestedRange(size: number, range: string | undefined, ifRange: string | undefined, etag: string): RequestedRange {
  if (!range || (ifRange !== undefined && ifRange !== etag)) return { kind: 'whole' };
  const parsed = parseRange(size, range, { combine: true });
  if (parsed === -1) return { kind: 'unsatisfiable' };
  if (parsed === -2 || parsed.type !== 'bytes' || parsed.length !== 1) return { kind: 'whole' };
  const [{ start, end }] = parsed;
  return { kind: 'partial', start, end };
}

/** The strong ETag of an asset: its SHA-256, which changes with its bytes and only then. */
export function assetEtag(sha256: string): string {
  return `"${sha256}"`;
}

/**
 * `attachment` with the file name (RFC 6266): an ASCII fallback in `filename` (other characters, quotes and
 * backslashes as `_`) and the exact name in `filename*` (RFC 8187, UTF-8, percent-encoded).
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A file name as it can be stored and shown: the client's base name (no directories), control characters dropped. */
export function cleanFileName(name: string, fallback = 'download'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are what it removes
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 255);
  return cleaned || fallback;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/** `1.5 GB`, `12.3 MB`, `900 bytes` (binary units, one decimal). */
export function humanSize(bytes: number): string {
  const units = ['KB', 'MB', 'GB', 'TB'];
  if (bytes < 1024) return `${bytes} bytes`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Math.floor(value * 10) / 10} ${units[unit]}`;
}
