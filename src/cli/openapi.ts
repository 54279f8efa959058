import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPreviewApp } from '../app.factory.js';
import { loadConfig } from '../config/app-config.js';
import { buildOpenApiDocument, serializeOpenApiDocument } from '../openapi.js';

const TARGET = join(process.cwd(), 'openapi', 'openapi.json');

/** `npm run openapi` writes openapi/openapi.json; `npm run openapi:check` fails when it differs from the code. */
async function main(): Promise<void> {
  const app = await createPreviewApp(loadConfig({ LOG_LEVEL: 'silent' }));
  const generated = serializeOpenApiDocument(buildOpenApiDocument(app));
  await app.close();
  if (process.argv.includes('--check')) {
    const committed = existsSync(TARGET) ? readFileSync(TARGET, 'utf8') : '';
    if (committed !== generated) {
      console.error('openapi/openapi.json is out of date with the code: run `npm run openapi` and commit the result.');
      process.exit(1);
    }
    console.log('openapi/openapi.json matches the code.');
    return;
  }
  writeFileSync(TARGET, generated);
  console.log(`Wrote ${TARGET}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
