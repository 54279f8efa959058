import { Logger } from '@nestjs/common';

/**
 * Where uploaded files live. Keys are relative, `/`-separated paths made by the server
 * (`products/<random>/image.jpg`), never from a user-provided file name.
 */
export abstract class FileStorage {
  private readonly logger = new Logger(FileStorage.name);

  /** Stores `data` under `key`, replacing what was there. */
  abstract put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** Removes the file; removing a missing key is not an error. */
  abstract delete(key: string): Promise<void>;
  /** The path the file is served at, relative to the API's origin (`/media/<key>`). */
  abstract urlPath(key: string): string;
  /** The stored bytes (what an adapter uploads to a marketplace); a missing key rejects. */
  abstract read(key: string): Promise<Buffer>;

  /**
   * Removes these files, each once (blanks skipped), after the rows that named them are gone: a failure is logged
   * and leaves an orphan file, never a broken row, so it is not thrown.
   */
  async removeAll(keys: Array<string | null | undefined>): Promise<void> {
    for (const key of new Set(keys)) {
      if (!key) continue;
      await this.delete(key).catch((error: Error) => this.logger.warn(`Could not remove stored file ${key}: ${error.message}`));
    }
  }
}

/** Thrown for a key that is not a plain relative path (`..`, absolute, empty or odd segments). */
export class InvalidStorageKey extends Error {
  constructor(key: string) {
    super(`Invalid storage key: ${JSON.stringify(key)}`);
    this.name = 'InvalidStorageKey';
  }
}

/** One path segment: letters, digits, `.`, `_`, `-`, not starting with a dot (so no `..` nor dotfiles). */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const MAX_KEY_LENGTH = 512;

/** The key's segments, or InvalidStorageKey for anything but `segment/segment/...`. */
export function keySegments(key: string): string[] {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) throw new InvalidStorageKey(String(key));
  const segments = key.split('/');
  if (!segments.every((segment) => SEGMENT.test(segment))) throw new InvalidStorageKey(key);
  return segments;
}

/** URL path prefix that media files are served under. */
export const MEDIA_URL_PREFIX = '/media/';
