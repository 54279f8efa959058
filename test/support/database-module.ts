import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { loadConfig } from '../../src/config/app-config.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { CryptoModule } from '../../src/infra/crypto/crypto.module.js';
import { dataSourceOptions } from '../../src/infra/database/data-source-options.js';
import { TransactionalConnection } from '../../src/infra/database/transactional-connection.js';
import { cloneTemplate } from './databases.js';
import { testServices } from './test-app.js';

/** What DatabaseModule provides besides the connection, which these tests configure themselves. */
@Global()
@Module({ providers: [TransactionalConnection], exports: [TransactionalConnection] })
class TransactionsModule {}

export interface ModuleOnDatabase {
  moduleRef: TestingModule;
  /** Closes the module (and its connections), then drops its database, whatever fails. */
  close: () => Promise<void>;
}

/**
 * Nest modules under test on their own clone of the migrated template, with configuration, the connection
 * (entities registered by the modules; `typeorm` adds options such as a query-counting logger), transactions and
 * the SecretBox (a random key).
 */
export async function modulesOnClonedDatabase(
  imports: Array<Type | DynamicModule>,
  typeorm: Partial<TypeOrmModuleOptions> = {},
): Promise<ModuleOnDatabase> {
  const { databaseUrl, runId } = testServices();
  const database = await cloneTemplate(databaseUrl, runId);
  let moduleRef: TestingModule | undefined;
  const close = async () => {
    try {
      await moduleRef?.close();
    } finally {
      await database.drop();
    }
  };
  try {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(loadConfig({ LOG_LEVEL: 'silent', ENCRYPTION_KEY: randomBytes(32).toString('hex') })),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(database.url, { embedded: false }),
          autoLoadEntities: true,
          ...typeorm,
        } as TypeOrmModuleOptions),
        TransactionsModule,
        CryptoModule,
        ...imports,
      ],
    }).compile();
    await moduleRef.init();
  } catch (error) {
    await close();
    throw error;
  }
  return { moduleRef, close };
}
