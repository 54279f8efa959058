import {
  cleanFileName,
  contentDisposition,
  downloadKind,
  humanSize,
  isPrimaryOnCreate,
  linkState,
  purchaseExpiry,
  purchaseStatus,
  remainingDownloads,
  requestedRange,
} from './digital.rules.js';

const now = new Date('2026-03-01T12:00:00Z');
const later = new Date('2026-03-31T12:00:00Z');

describe('linkState / purchaseStatus', () => {
  it('revoked wins over replaced and expired; replaced over expired', () => {
    expect(linkState({ expiresAt: now, revokedAt: now }, { replacedAt: now }, now)).toBe('revoked');
    expect(linkState({ expiresAt: now, revokedAt: null }, { replacedAt: now }, now)).toBe('replaced');
    expect(linkState({ expiresAt: now, revokedAt: null }, { replacedAt: null }, now)).toBe('expired');
    expect(linkState({ expiresAt: later, revokedAt: null }, { replacedAt: null }, now)).toBe('active');
  });

  it('shows the purchase as the seller sees it', () => {
    expect(purchaseStatus({ expiresAt: later, revokedAt: null }, now)).toBe('active');
    expect(purchaseStatus({ expiresAt: now, revokedAt: null }, now)).toBe('expired');
    expect(purchaseStatus({ expiresAt: now, revokedAt: now }, now)).toBe('revoked');
  });

  it('expires after the TTL in days', () => {
    expect(purchaseExpiry(now, 30).toISOString()).toBe('2026-03-31T12:00:00.000Z');
  });
});

describe('downloadKind', () => {
  const size = 1000;
  it('counts a whole file or a range from the first byte as a new download, up to the limit', () => {
    expect(downloadKind(0, { downloads: 0, bytesSent: 0 }, 5, size)).toBe('new');
    expect(downloadKind(0, { downloads: 4, bytesSent: 4000 }, 5, size)).toBe('new');
    expect(downloadKind(0, { downloads: 5, bytesSent: 5000 }, 5, size)).toBe('exhausted');
  });

  it('lets a range past the first byte resume a started download, also at the limit, until limit files were sent', () => {
    expect(downloadKind(500, { downloads: 5, bytesSent: 4500 }, 5, size)).toBe('resume');
    expect(downloadKind(500, { downloads: 5, bytesSent: 5000 }, 5, size)).toBe('exhausted');
  });

  it('counts a range past the first byte as new when nothing was downloaded yet', () => {
    expect(downloadKind(500, { downloads: 0, bytesSent: 0 }, 5, size)).toBe('new');
  });

  it('never goes below zero remaining', () => {
    expect(remainingDownloads(5, 2)).toBe(3);
    expect(remainingDownloads(5, 7)).toBe(0);
  });
});

describe('requestedRange', () => {
  const etag = '"abc"';
  it('reads one byte range, suffix and open-ended ones included', () => {
    expect(requestedRange(100, 'bytes=0-9', undefined, etag)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(requestedRange(100, 'bytes=90-', undefined, etag)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(requestedRange(100, 'bytes=-10', undefined, etag)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(requestedRange(100, 'bytes=50-500', undefined, etag)).toEqual({ kind: 'partial', start: 50, end: 99 });
  });

  it('serves the whole file for no, a malformed, a multiple or another unit of range, or a stale If-Range', () => {
    expect(requestedRange(100, undefined, undefined, etag)).toEqual({ kind: 'whole' });
    expect(requestedRange(100, 'garbage', undefined, etag)).toEqual({ kind: 'whole' });
    expect(requestedRange(100, 'bytes=0-1,50-60', undefined, etag)).toEqual({ kind: 'whole' });
    expect(requestedRange(100, 'items=0-1', undefined, etag)).toEqual({ kind: 'whole' });
    expect(requestedRange(100, 'bytes=10-', '"other"', etag)).toEqual({ kind: 'whole' });
    expect(requestedRange(100, 'bytes=10-', etag, etag)).toEqual({ kind: 'partial', start: 10, end: 99 });
  });

  it('finds a range past the end unsatisfiable', () => {
    expect(requestedRange(100, 'bytes=100-', undefined, etag)).toEqual({ kind: 'unsatisfiable' });
  });
});

describe('file names', () => {
  it('offers the exact name and an ASCII fallback', () => {
    expect(contentDisposition('album.zip')).toBe(`attachment; filename="album.zip"; filename*=UTF-8''album.zip`);
    expect(contentDisposition('Sigur Rós "()".flac')).toBe(
      `attachment; filename="Sigur R_s _()_.flac"; filename*=UTF-8''Sigur%20R%C3%B3s%20%22%28%29%22.flac`,
    );
  });

  it('keeps the base name without control characters', () => {
    expect(cleanFileName('C:\\Users\\me\\album.zip')).toBe('album.zip');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0007b.wav')).toBe('ab.wav');
    expect(cleanFileName('')).toBe('download');
  });

  it('words sizes in binary units', () => {
    expect(humanSize(900)).toBe('900 bytes');
    expect(humanSize(1536)).toBe('1.5 KB');
    expect(humanSize(1024 ** 3)).toBe('1 GB');
  });
});

describe('isPrimaryOnCreate', () => {
  it('makes the first asset primary, and a later one only when asked', () => {
    expect(isPrimaryOnCreate(0, false)).toBe(true);
    expect(isPrimaryOnCreate(2, undefined)).toBe(false);
    expect(isPrimaryOnCreate(2, true)).toBe(true);
  });
});
