import { Injectable, Logger } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import { customAlphabet } from 'nanoid';
import sharp from 'sharp';
import { FileStorage } from '../../infra/storage/file-storage.js';
import { ValidationFailed } from '../errors/error-response.js';

/** What an ingested image became: keys in FileStorage (serve them with `storage.urlPath(key)`). */
export interface IngestedImage {
  /** The original bytes, under `<keyPrefix>/<random>/image.<ext>`. */
  imageKey: string;
  /** A WebP at most THUMBNAIL_WIDTH wide, or the original's key when no thumbnail could be made (HEIC/HEIF). */
  thumbnailKey: string;
  /** The original's type, as detected from its bytes. */
  contentType: string;
  /** The original's size in bytes. */
  size: number;
}

export const ImageMsg = {
  invalidType: 'Upload a valid image: JPEG, PNG, WebP, HEIC/HEIF or GIF.',
  corrupt: 'Upload a valid image. The file you uploaded was either not an image or a corrupted image.',
};

export const THUMBNAIL_WIDTH = 400;

interface Accepted {
  ext: string;
  contentType: string;
  /** Sharp's prebuilt libvips may lack the decoder (HEVC-coded HEIC): keep the upload, skip the thumbnail. */
  thumbnailOptional: boolean;
}

/** Accepted types by the MIME type file-type detects. */
const ACCEPTED: Record<string, Accepted> = {
  'image/jpeg': { ext: 'jpg', contentType: 'image/jpeg', thumbnailOptional: false },
  'image/png': { ext: 'png', contentType: 'image/png', thumbnailOptional: false },
  // An animated PNG is a PNG that browsers animate; file-type tells it apart.
  'image/apng': { ext: 'png', contentType: 'image/png', thumbnailOptional: false },
  'image/webp': { ext: 'webp', contentType: 'image/webp', thumbnailOptional: false },
  'image/gif': { ext: 'gif', contentType: 'image/gif', thumbnailOptional: false },
  'image/heic': { ext: 'heic', contentType: 'image/heic', thumbnailOptional: true },
  'image/heif': { ext: 'heif', contentType: 'image/heif', thumbnailOptional: true },
};

const randomKeyPart = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 20);

/**
 * Checks an uploaded image by its bytes, stores it and a thumbnail, and says where.
 * Every call writes under a new random directory, so a replaced image never reuses a URL
 * (media is served with long immutable caching).
 */
@Injectable()
export class ImageIngest {
  private readonly logger = new Logger(ImageIngest.name);

  constructor(private readonly storage: FileStorage) {}

  /**
   * `keyPrefix` is a server-made path such as `products` or `products/prod_abc`, never user input.
   * Throws ValidationFailed on `field` (the form field the image came in, `image` unless told) when the bytes are
   * not an accepted, decodable image; nothing is stored then.
   */
  async ingest(data: Buffer, keyPrefix: string, field = 'image'): Promise<IngestedImage> {
    const accepted = await detect(data, field);
    const thumbnail = await this.thumbnail(data, accepted, field);
    const base = `${keyPrefix}/${randomKeyPart()}`;
    const imageKey = `${base}/image.${accepted.ext}`;
    await this.storage.put(imageKey, data, accepted.contentType);
    let thumbnailKey = imageKey;
    if (thumbnail) {
      thumbnailKey = `${base}/thumbnail.webp`;
      try {
        await this.storage.put(thumbnailKey, thumbnail, 'image/webp');
      } catch (error) {
        await this.storage.delete(imageKey).catch(() => undefined);
        throw error;
      }
    }
    return { imageKey, thumbnailKey, contentType: accepted.contentType, size: data.length };
  }

  /** The WebP thumbnail, or null when an optional one cannot be made. */
  private async thumbnail(data: Buffer, accepted: Accepted, field: string): Promise<Buffer | null> {
    try {
      return await makeThumbnail(data);
    } catch (error) {
      if (!accepted.thumbnailOptional) throw new ValidationFailed({ [field]: [ImageMsg.corrupt] });
      const reason = String((error as Error).message)
        .trim()
        .split('\n')
        .at(-1);
      this.logger.warn(`No thumbnail for an ${accepted.contentType} upload, the original stands in: ${reason}`);
      return null;
    }
  }
}

async function detect(data: Buffer, field: string): Promise<Accepted> {
  const detected = data.length > 0 ? await fileTypeFromBuffer(data) : undefined;
  const accepted = detected ? ACCEPTED[detected.mime] : undefined;
  if (!accepted) throw new ValidationFailed({ [field]: [ImageMsg.invalidType] });
  return accepted;
}

/** First frame, turned upright by its EXIF orientation, at most THUMBNAIL_WIDTH wide (and 4x as tall), as WebP. */
export function makeThumbnail(data: Buffer): Promise<Buffer> {
  return sharp(data, { failOn: 'error' })
    .rotate()
    .resize({ width: THUMBNAIL_WIDTH, height: THUMBNAIL_WIDTH * 4, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
}
