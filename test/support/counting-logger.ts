import type { Logger as TypeOrmLogger } from 'typeorm';

/** Counts every SQL statement the data source sends. */
export class CountingLogger implements TypeOrmLogger {
  count = 0;
  logQuery(): void {
    this.count += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
