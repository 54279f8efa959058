import { Inject, Injectable } from '@nestjs/common';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { pathUnder, writeInPlace } from './local-disk.storage.js';

/** A stored private file: its bytes (all of them, or the range asked for) and its whole size. */
export interface StoredFile {
  stream: Readable;
  size: number;
}

/** Bytes `start` to `end` of a file, both included (as HTTP Range counts them). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Files only their owner may read (export files): never served under `/media/`, read back through an authenticated
 * endpoint. Keys are server-made relative paths, as for FileStorage.
 */
export abstract class PrivateFileStorage {
  /** Stores what `source` yields under `key`, streamed; a stream that fails leaves nothing. Resolves with the byte count. */
  abstract putStream(key: string, source: Readable): Promise<number>;
  /** The file (only `range` of its bytes when given), or null when there is none. */
  abstract open(key: string, range?: ByteRange): Promise<StoredFile | null>;
  /** Removes the file; removing a missing key is not an error. */
  abstract delete(key: string): Promise<void>;
}

/** The directory private files are kept in: `<DATA_DIR>/private`, beside (not under) the served media. */
export function privateRoot(config: Pick<AppConfig, 'dataDir'>): string {
  return join(resolve(config.dataDir), 'private');
}

/** Private files under `<DATA_DIR>/private/<key>`. */
@Injectable()
export class LocalDiskPrivateStorage extends PrivateFileStorage {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.root = privateRoot(config);
  }

  async putStream(key: string, source: Readable): Promise<number> {
    const path = pathUnder(this.root, key);
    await writeInPlace(path, (partial) => pipeline(source, createWriteStream(partial)));
    return (await stat(path)).size;
  }

  async open(key: string, range?: ByteRange): Promise<StoredFile | null> {
    const path = pathUnder(this.root, key);
    try {
      const { size } = await stat(path);
      return { stream: createReadStream(path, range ? { start: range.start, end: range.end } : {}), size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(pathUnder(this.root, key), { force: true });
  }
}
