import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Readable } from 'node:stream';
import type { Pool } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral, QueryFailedError, type Repository } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

type AfterCommitTask = () => Promise<unknown> | unknown;

interface TransactionState {
  manager: EntityManager;
  afterCommit: AfterCommitTask[];
}

/**
 * The database as repositories see it: inside `transaction()` every query of the same async call
 * chain runs in that transaction, so services never thread an EntityManager through their calls.
 */
@Injectable()
export class TransactionalConnection {
  private readonly logger = new Logger(TransactionalConnection.name);
  private readonly current = new AsyncLocalStorage<TransactionState>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The manager of the transaction in progress, or the data source's own. */
  get manager(): EntityManager {
    return this.current.getStore()?.manager ?? this.dataSource.manager;
  }

  getRepository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager.getRepository(entity);
  }

  query<T>(sql: string, parameters?: unknown[]): Promise<T> {
    return this.manager.query(sql, parameters) as Promise<T>;
  }

  /**
   * The rows of a read. Outside a transaction it goes straight to the driver's pool: TypeORM's query runner
   * (created, connected, broadcast and released per statement) was a sixth of a product list's CPU. It is logged
   * by the data source's logger and fails with TypeORM's `QueryFailedError` all the same.
   */
  async select<T>(sql: string, parameters?: unknown[]): Promise<T[]> {
    const transaction = this.current.getStore();
    if (transaction) return transaction.manager.query(sql, parameters) as Promise<T[]>;
    this.dataSource.logger.logQuery(sql, parameters);
    try {
      return (await this.pool.query(sql, parameters)).rows as T[];
    } catch (error) {
      this.dataSource.logger.logQueryError(error as Error, sql, parameters);
      throw new QueryFailedError(sql, parameters, error as Error);
    }
  }

  /**
   * The rows of a read as an object stream from a server-side cursor (pg-query-stream), `batchSize` rows at a time and
   * only as fast as the stream is consumed, so a read of any size holds one batch in memory. The cursor runs on a
   * pooled connection of its own, outside any transaction, held until the stream closes: at its end, on an error,
   * or when it is destroyed (a consumer gone), the cursor is closed first, so the connection goes back to the pool
   * ready (the pool drops one that broke). With the embedded database's single connection, nothing else can query
   * until the stream closes: the caller must not wait on another query while it reads.
   */
  async stream(sql: string, parameters: unknown[], batchSize = 500): Promise<Readable> {
    this.dataSource.logger.logQuery(sql, parameters);
    const client = await this.pool.connect();
    const rows = client.query(new QueryStream(sql, parameters, { batchSize }));
    rows.on('error', (error: Error) => this.dataSource.logger.logQueryError(error, sql, parameters));
    rows.once('close', () => client.release());
    return rows;
  }

  private get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /** Runs `work` in one transaction; called inside another, it joins that one. After-commit tasks run once it commits. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.current.getStore()) return work();
    const afterCommit: AfterCommitTask[] = [];
    const result = await this.dataSource.transaction((manager) => this.current.run({ manager, afterCommit }, work));
    for (const task of afterCommit) await this.runAfterCommit(task);
    return result;
  }

  /**
   * A side effect outside the database (removing a stored file) that must happen only if the data it
   * follows is committed: queued until the transaction commits (dropped if it rolls back), run now outside one.
   * A failing task is logged, never thrown: the data is already committed.
   */
  async afterCommit(task: AfterCommitTask): Promise<void> {
    const state = this.current.getStore();
    if (state) state.afterCommit.push(task);
    else await this.runAfterCommit(task);
  }

  private async runAfterCommit(task: AfterCommitTask): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.logger.warn(`An after-commit task failed: ${(error as Error).message}`);
    }
  }
}
