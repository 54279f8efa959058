import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/**
 * A marketplace's image host (i.discogs.com, i.ebayimg.com, i.etsystatic.com, cdn.shopify.com) for imports:
 * `GET /images/<name>.jpg` answers a small JPEG; a path made to fail answers 503 until it is made to work again;
 * `/text/<name>.jpg` answers bytes that are not an image; anything else is a 404. Every request is recorded.
 */
export interface FakeImageHost {
  /** The origin, as `*_IMAGE_ORIGINS` names it. */
  origin: string;
  /** A picture URL on this host. */
  picture: (name: string) => string;
  /** Paths requested, in order. */
  requests: string[];
  /** The picture answers 503 (a host failing for now) until `recover`. */
  fail: (name: string) => void;
  recover: (name: string) => void;
  close: () => Promise<void>;
}

export async function startFakeImageHost(): Promise<FakeImageHost> {
  const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#aa3355' } })
    .jpeg()
    .toBuffer();
  const requests: string[] = [];
  const failing = new Set<string>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    requests.push(path);
    const name = /^\/images\/([^/]+)\.jpg$/.exec(path)?.[1];
    if (name && failing.has(name)) {
      response.writeHead(503, { 'Content-Type': 'text/plain' });
      return response.end('Service Unavailable');
    }
    if (name) {
      response.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': String(jpeg.length) });
      return response.end(jpeg);
    }
    if (/^\/text\/[^/]+\.jpg$/.test(path)) {
      response.writeHead(200, { 'Content-Type': 'image/jpeg' });
      return response.end('<html>not a picture</html>');
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('Not Found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    picture: (name) => `${origin}/images/${name}.jpg`,
    requests,
    fail: (name) => failing.add(name),
    recover: (name) => failing.delete(name),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
