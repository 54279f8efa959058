import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { FileStorage, InvalidStorageKey, keySegments, MEDIA_URL_PREFIX } from './file-storage.js';

/** The directory media files are stored in and served from: `<DATA_DIR>/media`. */
export function mediaRoot(config: Pick<AppConfig, 'dataDir'>): string {
  return join(resolve(config.dataDir), 'media');
}

/** Files under `<DATA_DIR>/media/<key>`, served by registerMediaServing at `/media/<key>`. */
@Injectable()
export class LocalDiskStorage extends FileStorage {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.root = mediaRoot(config);
  }

  async put(key: string, data: Buffer, _contentType: string): Promise<void> {
    await writeInPlace(this.pathOf(key), (partial) => writeFile(partial, data));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  urlPath(key: string): string {
    return MEDIA_URL_PREFIX + keySegments(key).map(encodeURIComponent).join('/');
  }

  /** The absolute file path of a key; never outside the media root. */
  pathOf(key: string): string {
    return pathUnder(this.root, key);
  }
}

/** The absolute file path of `key` under `root`; never outside it (InvalidStorageKey otherwise). */
export function pathUnder(root: string, key: string): string {
  const path = join(root, ...keySegments(key));
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || resolve(path) !== path) {
    throw new InvalidStorageKey(key);
  }
  return path;
}

/**
 * Writes a file aside (`write` gets the temporary path) and renames it into place at `path`, so a half-written
 * file is never read or served; a failed write leaves nothing behind.
 */
export async function writeInPlace(path: string, write: (partialPath: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
  try {
    await write(partial);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
