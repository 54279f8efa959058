import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config.js';
import { startWorker } from './worker.js';

function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  if (config.role === 'worker') {
    await startWorker(config);
    return;
  }
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
}

void main();
