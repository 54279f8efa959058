import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/app-config.js';
import { InvalidStorageKey } from './file-storage.js';
import { LocalDiskStorage, mediaRoot } from './local-disk.storage.js';

describe('LocalDiskStorage', () => {
  let dataDir: string;
  let storage: LocalDiskStorage;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'instica-storage-'));
    storage = new LocalDiskStorage(loadConfig({ DATA_DIR: dataDir }));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stores under DATA_DIR/media/<key>, creating directories, and replaces', async () => {
    await storage.put('products/Ab12_x-Y/image.jpg', Buffer.from('one'), 'image/jpeg');
    const path = join(dataDir, 'media', 'products', 'Ab12_x-Y', 'image.jpg');
    expect(readFileSync(path, 'utf8')).toBe('one');
    await storage.put('products/Ab12_x-Y/image.jpg', Buffer.from('two'), 'image/jpeg');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(join(dataDir, 'media', 'products', 'Ab12_x-Y'))).toEqual(['image.jpg']);
    expect(mediaRoot({ dataDir })).toBe(join(dataDir, 'media'));
  });

  it('deletes, and deleting a missing key is fine', async () => {
    await storage.put('a/b.png', Buffer.from('x'), 'image/png');
    await storage.delete('a/b.png');
    expect(existsSync(join(dataDir, 'media', 'a', 'b.png'))).toBe(false);
    await expect(storage.delete('a/b.png')).resolves.toBeUndefined();
    await expect(storage.delete('never/was.png')).resolves.toBeUndefined();
  });

  it('reads back the stored bytes, and a missing key rejects', async () => {
    await storage.put('items/abc/photo.jpg', Buffer.from([0xff, 0xd8, 0x01]), 'image/jpeg');
    expect(await storage.read('items/abc/photo.jpg')).toEqual(Buffer.from([0xff, 0xd8, 0x01]));
    await expect(storage.read('items/abc/missing.jpg')).rejects.toThrow();
    await expect(storage.read('../escape.txt')).rejects.toThrow(InvalidStorageKey);
  });

  it('gives the path the file is served at', () => {
    expect(storage.urlPath('products/abc/image.jpg')).toBe('/media/products/abc/image.jpg');
  });

  it.each([
    '../escape.txt',
    'a/../../escape.txt',
    'a/../b.txt',
    '..',
    '/etc/passwd',
    '/abs/key.jpg',
    'a//b.jpg',
    'a/./b.jpg',
    './a.jpg',
    'a/',
    '.hidden',
    'a/.hidden',
    'a\\..\\b.jpg',
    'C:\\evil.jpg',
    'a/b c.jpg',
    'a/b%2e%2e.jpg',
    'nul\0.jpg',
    '',
    `${'a'.repeat(129)}.jpg`,
  ])('refuses the key %j for put, delete and urlPath', async (key) => {
    await expect(storage.put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(InvalidStorageKey);
    await expect(storage.delete(key)).rejects.toThrow(InvalidStorageKey);
    expect(() => storage.urlPath(key)).toThrow(InvalidStorageKey);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
