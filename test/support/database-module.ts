import { Global, Module } from '@nestjs/common';
import { TransactionalConnection } from '../../src/infra/database/transactional-connection.js';

/**
 * What DatabaseModule provides besides the connection, for integration tests that configure the connection
 * themselves (their own database, a query-counting logger).
 */
@Global()
@Module({ providers: [TransactionalConnection], exports: [TransactionalConnection] })
export class TransactionsModule {}
