import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

interface ConnectionOptions {
  embedded: boolean;
  runMigrations?: boolean;
  /** The application registers its entities module by module (autoLoadEntities); tools that run only migrations need none. */
  entities?: DataSourceOptions['entities'];
}

/** One definition of the connection, shared by the app, the migration CLI and tests. */
export function dataSourceOptions(url: string, options: ConnectionOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: options.entities ?? [],
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: options.runMigrations ?? false,
    migrationsTransactionMode: 'each',
    // PGlite has a single session: more than one pooled connection would interleave transactions.
    // On a server, JIT compilation costs more than it saves on this API's short queries (measured in bench/).
    extra: options.embedded ? { max: 1 } : { max: 10, options: '-c jit=off' },
    logging: false,
  };
}
