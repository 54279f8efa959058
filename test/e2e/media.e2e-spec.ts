import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Uploaded files under DATA_DIR/media, served at /media/ outside the API (so not in openapi.json: plain fetch). */
describe('Media files (e2e)', () => {
  let t: TestApp;
  let dataDir: string;
  const get = (path: string, init?: RequestInit) => fetch(`${t.api.baseUrl}${path}`, init);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'instica-media-e2e-'));
    t = await createTestApp({ env: { DATA_DIR: dataDir } });
    mkdirSync(join(dataDir, 'media', 'products', 'abc'), { recursive: true });
    writeFileSync(join(dataDir, 'media', 'products', 'abc', 'image.png'), 'PNG bytes');
    writeFileSync(join(dataDir, 'media', '.hidden'), 'hidden');
    writeFileSync(join(dataDir, 'outside.txt'), 'outside');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves a stored file to anyone, cached for long and with headers that keep it inert', async () => {
    const response = await get('/media/products/abc/image.png');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('PNG bytes');
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'image/png',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
    expect((await get('/media/products/abc/image.png', { method: 'HEAD' })).status).toBe(200);
  });

  it.each([
    '/media/products/abc/missing.png',
    '/media/nothing/here.jpg',
    '/media/products/abc',
    '/media/products/abc/',
    '/media/',
    '/media/.hidden',
  ])('answers %s with the JSON 404', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ detail: 'Not found.' });
  });

  it.each(['/media/%2e%2e/outside.txt', '/media/products/..%2f..%2f..%2foutside.txt', '/media/products//abc/image.png'])(
    'never serves %s outside the media directory, and answers in JSON',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(Object.keys((await response.json()) as object)).toEqual(['detail']);
    },
  );
});
