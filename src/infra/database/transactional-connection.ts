import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Readable } from 'node:stream';
import type { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral, QueryFailedError, type Repository } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { type InlineValue, inlineParameters } from './sql-literals.js';

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
   * The text `COPY (<select>) TO STDOUT ...` writes, as a byte stream read only as fast as it is consumed, from a
   * pooled connection of its own, outside any transaction, held until the stream closes. COPY takes no bind
   * parameters, so `parameters` are inlined as escaped literals (sql-literals.ts). A stream that ends returns the
   * connection to the pool; one that fails or is destroyed before its end (a consumer gone) discards it, since it is
   * still in COPY mode. With the embedded database's single connection, nothing else can query until the stream
   * closes: the caller must not wait on another query while it reads.
   */
  async copyOut(copySql: string, parameters: readonly InlineValue[]): Promise<Readable> {
    const sql = inlineParameters(copySql, parameters);
    this.dataSource.logger.logQuery(sql);
    const client = await this.pool.connect();
    const text = client.query(copyTo(sql));
    let ended = false;
    text.once('end', () => (ended = true));
    text.on('error', (error: Error) => this.dataSource.logger.logQueryError(error, sql));
    text.once('close', () => client.release(ended ? undefined : true));
    return text;
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
