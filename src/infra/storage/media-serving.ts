import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdirSync } from 'node:fs';
import type { AppConfig } from '../../config/app-config.js';
import { MEDIA_URL_PREFIX } from './file-storage.js';
import { mediaRoot } from './local-disk.storage.js';

/** A year: keys are random and a replaced file gets a new key, so a served file never changes. */
const MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Serves `<DATA_DIR>/media` at `/media/` to anyone (plain Fastify routes: Nest's guards do not run).
 * No directory listings or index files; a missing file goes to the not-found handler (JSON 404).
 * Uploaded bytes are served with `nosniff` and a sandboxing CSP, so a file can never run as a page.
 */
export async function registerMediaServing(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const root = mediaRoot(config);
  mkdirSync(root, { recursive: true });
  await app.register(fastifyStatic, {
    root,
    prefix: MEDIA_URL_PREFIX,
    decorateReply: false,
    wildcard: true,
    index: false,
    list: false,
    redirect: false,
    dotfiles: 'ignore',
    // A directory is a 404 like a missing file (@fastify/send would answer 403).
    allowedPath: (pathName) => !pathName.endsWith('/'),
    maxAge: MAX_AGE_MS,
    immutable: true,
    setHeaders: (reply) => {
      void reply.header('X-Content-Type-Options', 'nosniff');
      void reply.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
      void reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    },
  });
}
