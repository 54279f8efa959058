import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadConfig } from '../../config/app-config.js';
import { ValidationFailed } from '../errors/error-response.js';
import { LocalDiskStorage } from '../../infra/storage/local-disk.storage.js';
import { ImageIngest, ImageMsg, THUMBNAIL_WIDTH } from './image-ingest.js';

function picture(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 60 } } });
}

/** An ISO-BMFF `ftyp` box with the HEIC brands, and a `meta` box of nothing useful: file-type's view of an iPhone photo. */
function fakeHeic(): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(4), Buffer.from('mif1heic')]);
  const meta = Buffer.concat([Buffer.from([0, 0, 0, 16]), Buffer.from('meta'), Buffer.alloc(8)]);
  return Buffer.concat([ftyp, meta, Buffer.alloc(64, 7)]);
}

describe('ImageIngest', () => {
  let dataDir: string;
  let ingest: ImageIngest;
  const stored = (key: string) => readFileSync(join(dataDir, 'media', key));

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'instica-ingest-'));
    ingest = new ImageIngest(new LocalDiskStorage(loadConfig({ DATA_DIR: dataDir })));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    ['jpeg', 'image/jpeg', 'jpg'],
    ['png', 'image/png', 'png'],
    ['webp', 'image/webp', 'webp'],
    ['gif', 'image/gif', 'gif'],
  ] as const)('stores a %s and a WebP thumbnail at most 400 wide', async (format, contentType, ext) => {
    const data = await picture(800, 600).toFormat(format).toBuffer();
    const result = await ingest.ingest(data, 'products/prod_abc');

    expect(result.contentType).toBe(contentType);
    expect(result.size).toBe(data.length);
    expect(result.imageKey).toMatch(new RegExp(`^products/prod_abc/[A-Za-z0-9]{20}/image\\.${ext}$`));
    expect(result.thumbnailKey).toBe(result.imageKey.replace(/image\.\w+$/, 'thumbnail.webp'));
    expect(stored(result.imageKey).equals(data)).toBe(true);
    const thumbnail = await sharp(stored(result.thumbnailKey)).metadata();
    expect(thumbnail).toMatchObject({ format: 'webp', width: THUMBNAIL_WIDTH, height: 300 });
  });

  it('never enlarges a small image, and turns a photo upright by its EXIF orientation', async () => {
    // 60 wide, 20 tall, with orientation 6 (shown rotated 90° clockwise): upright it is 20 wide, 60 tall.
    const data = await picture(60, 20).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const result = await ingest.ingest(data, 'products');
    expect(await sharp(stored(result.thumbnailKey)).metadata()).toMatchObject({ width: 20, height: 60 });
    expect((await sharp(stored(result.imageKey)).metadata()).orientation).toBe(6);
  });

  it('writes each upload under a new random directory', async () => {
    const data = await picture(10, 10).png().toBuffer();
    const first = await ingest.ingest(data, 'products');
    const second = await ingest.ingest(data, 'products');
    expect(first.imageKey).not.toBe(second.imageKey);
    expect(readdirSync(join(dataDir, 'media', 'products'))).toHaveLength(2);
  });

  it('judges the type by the bytes: a text file named .jpg is refused and nothing is stored', async () => {
    const text = Buffer.from('this is not a picture, whatever its name says\n');
    await expect(ingest.ingest(text, 'products')).rejects.toThrow(ValidationFailed);
    await expect(ingest.ingest(text, 'products')).rejects.toMatchObject({ response: { image: [ImageMsg.invalidType] } });
    await expect(ingest.ingest(Buffer.alloc(0), 'products')).rejects.toMatchObject({ response: { image: [ImageMsg.invalidType] } });
    expect(existsSync(join(dataDir, 'media'))).toBe(false);
  });

  it('names the form field it is told in its errors', async () => {
    const text = Buffer.from('not a picture');
    await expect(ingest.ingest(text, 'inventory/inv_abc', 'files')).rejects.toMatchObject({ response: { files: [ImageMsg.invalidType] } });
    const corrupt = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 0x41)]);
    await expect(ingest.ingest(corrupt, 'inventory/inv_abc', 'file')).rejects.toMatchObject({ response: { file: [ImageMsg.corrupt] } });
    expect(existsSync(join(dataDir, 'media'))).toBe(false);
  });

  it('refuses images of other types (TIFF, SVG, AVIF) and non-images (PDF)', async () => {
    const tiff = await picture(10, 10).tiff().toBuffer();
    const avif = await picture(10, 10).avif().toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const pdf = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1');
    for (const data of [tiff, avif, svg, pdf]) {
      await expect(ingest.ingest(data, 'products')).rejects.toMatchObject({ response: { image: [ImageMsg.invalidType] } });
    }
  });

  it('refuses bytes that claim to be a JPEG but cannot be decoded, on the image field', async () => {
    const corrupt = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 0x41)]);
    await expect(ingest.ingest(corrupt, 'products')).rejects.toMatchObject({ response: { image: [ImageMsg.corrupt] } });
    const truncatedPng = (await picture(50, 50).png().toBuffer()).subarray(0, 40);
    await expect(ingest.ingest(truncatedPng, 'products')).rejects.toMatchObject({ response: { image: [ImageMsg.corrupt] } });
    expect(existsSync(join(dataDir, 'media'))).toBe(false);
  });

  it('keeps a HEIC it cannot decode, detected from the bytes, with the original as the thumbnail', async () => {
    const data = fakeHeic();
    const result = await ingest.ingest(data, 'products/prod_abc');
    expect(result).toMatchObject({ contentType: 'image/heic', size: data.length });
    expect(result.imageKey).toMatch(/^products\/prod_abc\/[A-Za-z0-9]{20}\/image\.heic$/);
    expect(result.thumbnailKey).toBe(result.imageKey);
    expect(stored(result.imageKey).equals(data)).toBe(true);
  });
});
