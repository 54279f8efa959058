import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** One definition of the connection, shared by the app, the migration CLI, the drift check and tests. */
export function dataSourceOptions(url: string, options: { embedded: boolean; runMigrations?: boolean }): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
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
