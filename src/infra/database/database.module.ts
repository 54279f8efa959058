import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { TransactionalConnection } from './transactional-connection.js';

/** Starts the embedded PGlite server when no DATABASE_URL is configured, and stops it last. */
@Injectable()
export class DatabaseServer implements OnApplicationShutdown {
  private embedded: EmbeddedPostgres | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get isEmbedded(): boolean {
    return this.config.databaseUrl === null;
  }

  async url(): Promise<string> {
    if (this.config.databaseUrl) return this.config.databaseUrl;
    this.embedded ??= await EmbeddedPostgres.start(this.config.dataDir);
    return this.embedded.url;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
    this.embedded = null;
  }
}

@Module({ providers: [DatabaseServer], exports: [DatabaseServer] })
class DatabaseServerModule {}

/** The connection and TransactionalConnection, for every module; each module registers its own entities (forFeature). */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [TransactionalConnection],
      exports: [TransactionalConnection],
      imports: [
        TypeOrmModule.forRootAsync({
          imports: [DatabaseServerModule],
          inject: [DatabaseServer, APP_CONFIG],
          useFactory: async (server: DatabaseServer, config: AppConfig) => ({
            ...dataSourceOptions(await server.url(), { embedded: server.isEmbedded, runMigrations: config.runMigrations }),
            autoLoadEntities: true,
          }),
        }),
      ],
    };
  }
}
