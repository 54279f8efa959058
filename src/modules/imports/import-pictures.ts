import { Inject, Injectable } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import { ValidationFailed } from '../../common/errors/error-response.js';
import { ImageIngest, type IngestedImage } from '../../common/media/image-ingest.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { FileStorage } from '../../infra/storage/file-storage.js';
import { isAllowedPictureUrl, MAX_PICTURES_PER_LISTING } from './imports.rules.js';

const DOWNLOAD_TIMEOUT_MS = 20_000;
/** Listings whose pictures are downloaded at the same time (small: the hosts are the platform's, and sharp is CPU-bound). */
const LISTINGS_AT_A_TIME = 4;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

/** A picture checked and stored, with the file name its URL gave. */
export type StoredPicture = IngestedImage & { fileName: string };

/** What became of a listing's pictures. */
export interface PicturesOutcome {
  stored: StoredPicture[];
  /** Pictures left out for good (not on the platform's hosts, gone, not an image, too large), each with why. */
  skipped: string[];
  /** Why a picture could not be read now (the host failed, timed out or asked to wait): the listing is worth a retry. */
  unavailable: string | null;
}

/** A picture that cannot be taken: for good (`permanent`), or only now. */
class PictureProblem extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * Downloads a listing's pictures from the platform's own image hosts, and no other address: each URL is checked
 * against the platform's picture origins before any request, redirects are not followed, the body is read up to
 * MEDIA_MAX_BYTES, and the bytes must be an image by their content (file-type) that ImageIngest stores with its
 * thumbnail.
 */
@Injectable()
export class ImportPictures {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly images: ImageIngest,
    private readonly storage: FileStorage,
  ) {}

  /**
   * fetchAll for several listings, a few listings at a time (each listing's pictures one after another): a batch
   * waits on its slowest hosts once, not on every host in turn. The outcomes in the order of `listings`.
   */
  async fetchForListings(listings: Array<{ urls: string[]; keyPrefix: string }>, origins: readonly string[]): Promise<PicturesOutcome[]> {
    const outcomes: PicturesOutcome[] = new Array<PicturesOutcome>(listings.length);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < listings.length; index = next++) {
        outcomes[index] = await this.fetchAll(listings[index].urls, origins, listings[index].keyPrefix);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LISTINGS_AT_A_TIME, listings.length) }, worker));
    return outcomes;
  }

  async fetchAll(urls: string[], origins: readonly string[], keyPrefix: string): Promise<PicturesOutcome> {
    const outcome: PicturesOutcome = { stored: [], skipped: [], unavailable: null };
    for (const url of [...new Set(urls)].slice(0, MAX_PICTURES_PER_LISTING)) {
      try {
        const data = await this.download(url, origins);
        const stored = await this.images.ingest(data, keyPrefix);
        outcome.stored.push({ ...stored, fileName: fileNameOf(url, stored) });
      } catch (error) {
        if (error instanceof ValidationFailed) outcome.skipped.push(`${url}: not a readable image`);
        else if (error instanceof PictureProblem && error.permanent) outcome.skipped.push(`${url}: ${error.message}`);
        else {
          outcome.unavailable = `${url}: ${(error as Error).message}`;
          await this.remove(outcome.stored);
          return { stored: [], skipped: outcome.skipped, unavailable: outcome.unavailable };
        }
      }
    }
    return outcome;
  }

  /** Removes stored pictures that no asset row took. */
  remove(pictures: StoredPicture[]): Promise<void> {
    return this.storage.removeAll(pictures.flatMap((picture) => [picture.imageKey, picture.thumbnailKey]));
  }

  private async download(url: string, origins: readonly string[]): Promise<Buffer> {
    if (!isAllowedPictureUrl(url, origins)) throw new PictureProblem("not on the platform's image hosts", true);
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    } catch (error) {
      throw new PictureProblem(`could not be downloaded (${(error as Error).message})`, false);
    }
    if (response.status === 429 || response.status >= 500) {
      await response.body?.cancel();
      throw new PictureProblem(`the image host answered ${response.status}`, false);
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new PictureProblem(
        response.status >= 300 && response.status < 400 ? 'redirected elsewhere' : `the image host answered ${response.status}`,
        true,
      );
    }
    const data = await readLimited(response, this.config.mediaMaxBytes);
    const type = await fileTypeFromBuffer(data);
    if (!type || !IMAGE_TYPES.has(type.mime)) throw new PictureProblem('not a JPEG, PNG, WebP or GIF image', true);
    return data;
  }
}

/** The body, refused once it passes `max` bytes (by Content-Length or as it streams). */
async function readLimited(response: Response, max: number): Promise<Buffer> {
  const tooLarge = () => new PictureProblem(`larger than ${max} bytes`, true);
  if (Number(response.headers.get('content-length') ?? 0) > max) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(Buffer.from(value));
    }
  } catch (error) {
    if (error instanceof PictureProblem) throw error;
    throw new PictureProblem(`could not be downloaded (${(error as Error).message})`, false);
  }
  return Buffer.concat(chunks);
}

function fileNameOf(url: string, stored: IngestedImage): string {
  const last = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '';
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // A malformed escape: the name as it stands is good enough to show.
  }
  return (name || (stored.imageKey.split('/').at(-1) ?? 'picture')).slice(0, 255);
}
