import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { loadConfig } from '../../src/config/app-config.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { CryptoModule } from '../../src/infra/crypto/crypto.module.js';
import { DomainEventsModule } from '../../src/infra/events/domain-events.js';
import { MailModule } from '../../src/infra/mail/mail.module.js';
import { QueueModule } from '../../src/infra/queue/queue.module.js';
import { RedisModule } from '../../src/infra/redis/redis.module.js';
import { ThrottleModule } from '../../src/infra/throttle/throttle.module.js';
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
 * (entities registered by the modules; `typeorm` adds options such as a query-counting logger), transactions, the
 * SecretBox (a random key), and the in-process queue, throttle, mail and domain events the services use.
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
  // No REDIS_URL: the in-process queue and throttle, as the embedded default runs them.
  const config = loadConfig({ LOG_LEVEL: 'silent', ENCRYPTION_KEY: randomBytes(32).toString('hex') });
  try {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(database.url, { embedded: false }),
          autoLoadEntities: true,
          ...typeorm,
        } as TypeOrmModuleOptions),
        TransactionsModule,
        CryptoModule,
        RedisModule.forRoot(config),
        QueueModule.forRoot(config),
        ThrottleModule.forRoot(config),
        MailModule,
        DomainEventsModule,
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
