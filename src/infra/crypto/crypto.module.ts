import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { keyFromDataDir, SecretBox } from './secret-box.js';

/** Provides SecretBox with ENCRYPTION_KEY, or with the key file under DATA_DIR (the embedded default). */
@Global()
@Module({
  providers: [
    {
      provide: SecretBox,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SecretBox(config.encryptionKey ?? keyFromDataDir(config.dataDir)),
    },
  ],
  exports: [SecretBox],
})
export class CryptoModule {}
