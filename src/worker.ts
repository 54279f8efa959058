import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { fileURLToPath } from 'node:url';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { loadConfig, type AppConfig } from './config/app-config.js';

/** A queue-worker process: the same modules without the HTTP server (APP_ROLE=worker). */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, role: 'worker' }), { bufferLogs: true });
  context.useLogger(context.get(Logger));
  context.enableShutdownHooks();
  return context;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  void startWorker(loadConfig({ ...process.env, APP_ROLE: 'worker' }));
}
