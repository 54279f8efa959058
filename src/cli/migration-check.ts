import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/app-config.js';
import { pendingSchemaChanges } from './schema-diff.js';

/**
 * `npm run migration:check`: runs every migration on a new, empty embedded database (or on DATABASE_URL when
 * set) and fails when the entities, as the modules register them, still differ from the result (a migration is
 * missing or wrong). The entities come from booting the application, so no second list of them can drift.
 */
async function main(): Promise<void> {
  const dataDir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'instica-migration-check-'));
  const config = loadConfig({
    DATABASE_URL: process.env.DATABASE_URL,
    DATA_DIR: dataDir ?? undefined,
    RUN_MIGRATIONS: 'true',
    LOG_LEVEL: 'silent',
    APP_ROLE: 'worker',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  try {
    const pending = await pendingSchemaChanges(app.get(DataSource));
    if (pending.length > 0) {
      console.error(`Migrations do not match the entities; missing SQL:\n${pending.map((q) => `  ${q};`).join('\n')}`);
      process.exitCode = 1;
    } else {
      console.log('Migrations match the entities.');
    }
  } finally {
    await app.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
