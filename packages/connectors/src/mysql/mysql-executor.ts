import {
  AskdataError,
  type PlanNode,
  type QueryResult,
  type ResultColumn,
  type ValidatedSql,
} from '@askdata/core';
import type { Connection as CoreConnection, FieldPacket } from 'mysql2';
import mysql from 'mysql2/promise';
import type { ConnectionTarget } from '../connection-error';
import type { RowBatch, StreamOptions } from '../connector';
import type { ExecuteOptions, SqlExecutor } from '../executor';
import { logicalTypeOf, ResultBuilder, toCell } from '../result-builder';
import { mysqlConnectionError, mysqlTarget } from './mysql-connection-error';

export interface MysqlExecutorOptions {
  uri: string;
  maxConnections?: number;
  /** Demand TLS (verified against the system's CAs). */
  ssl?: boolean;
  /** Give up opening a connection after this long (default 10 s). */
  connectionTimeoutMs?: number;
}

type Stop = 'timeout' | 'cancelled' | undefined;

/**
 * MySQL and MariaDB with defence in depth: a read-only session and a `START TRANSACTION READ ONLY` around
 * each query, the server's own statement time limit (MariaDB `max_statement_time` in seconds, MySQL
 * `max_execution_time` in ms), and `KILL QUERY` from a second connection on timeout or abort. The row cap is
 * written into the SQL by the guard; rows past it are dropped here as a second line.
 */
export class MysqlExecutor implements SqlExecutor {
  readonly dialect = 'mysql' as const;
  protected readonly pool: mysql.Pool;
  protected readonly target: ConnectionTarget;
  private flavour: Promise<'mariadb' | 'mysql'> | undefined;

  constructor(options: MysqlExecutorOptions) {
    this.target = mysqlTarget(options.uri);
    this.pool = mysql.createPool({
      uri: options.uri,
      connectionLimit: options.maxConnections ?? 4,
      connectTimeout: options.connectionTimeoutMs ?? 10_000,
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      multipleStatements: false,
      ...(options.ssl ? { ssl: {} } : {}),
    });
  }

  async execute(sql: ValidatedSql, options: ExecuteOptions): Promise<QueryResult> {
    if (options.signal?.aborted) throw new AskdataError('query_cancelled', 'The query was cancelled.');
    const connection = await this.checkout();
    const guard = this.watch(connection, options.timeoutMs, options.signal);
    const builder = new ResultBuilder(options.maxRows, options.maxBytes);
    try {
      await this.beginReadOnly(connection, options.timeoutMs);
      const [rows, fields] = await connection.query({ sql, rowsAsArray: true });
      await connection.query('COMMIT');
      const columns = columnsOf(fields ?? []);
      for (const row of rows as unknown[][]) {
        if (!builder.push(row.map((value, index) => toCell(value, columns[index]?.logicalType ?? 'other'))))
          break;
      }
      return builder.build(columns);
    } catch (error) {
      // A KILL QUERY still in flight must land before the connection runs anything else.
      await guard.settle();
      await connection.query('ROLLBACK').catch(() => undefined);
      throw queryError(error, guard.stopped(), options.timeoutMs);
    } finally {
      await guard.settle();
      connection.release();
    }
  }

  /**
   * Rows arrive from the server as they are read; the socket is paused while a full batch waits for the
   * reader. Leaving early kills the statement and drains what is already on the wire before the
   * connection goes back to the pool.
   */
  async *stream(sql: ValidatedSql, options: StreamOptions): AsyncGenerator<RowBatch> {
    if (options.signal?.aborted) throw new AskdataError('query_cancelled', 'The query was cancelled.');
    const connection = await this.checkout();
    const guard = this.watch(connection, options.timeoutMs, options.signal);
    const core = (connection as unknown as { connection: CoreConnection }).connection;
    const batchRows = Math.max(1, options.batchRows ?? 1000);
    const cap = options.maxRows ?? Number.POSITIVE_INFINITY;
    const pending: unknown[][] = [];
    let columns: ResultColumn[] = [];
    let ended = false;
    let failure: unknown;
    let wake: (() => void) | undefined;
    const signal = () => {
      wake?.();
      wake = undefined;
    };
    let finished = false;
    let reusable = true;
    // Once the reader is gone, rows still arriving are dropped so the socket never pauses again.
    let draining = false;
    const drain = async () => {
      draining = true;
      pending.length = 0;
      return this.stopAndDrain(
        connection,
        core,
        () => ended,
        (resolve) => {
          wake = resolve;
        },
      );
    };
    try {
      await this.beginReadOnly(connection, options.timeoutMs);
      const query = core.query({ sql, rowsAsArray: true });
      query.on('fields', (fields: FieldPacket[]) => {
        columns = columnsOf(fields);
      });
      query.on('result', (row: unknown) => {
        if (draining) return;
        pending.push(row as unknown[]);
        if (pending.length >= batchRows) core.pause();
        signal();
      });
      query.on('error', (error: Error) => {
        failure = error;
        ended = true;
        signal();
      });
      query.on('end', () => {
        ended = true;
        signal();
      });
      let total = 0;
      for (;;) {
        if (guard.stopped()) throw new Error(`stream ${guard.stopped()}`);
        if (failure) throw failure;
        const want = Math.min(batchRows, cap - total);
        if (want <= 0) break;
        if (pending.length < want && !ended) {
          // Resuming may deliver buffered rows at once (and pause again): look before waiting.
          core.resume();
          if (pending.length < want && !ended && !failure) {
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
          }
          continue;
        }
        const rows = pending
          .splice(0, want)
          .map((row) => row.map((value, index) => toCell(value, columns[index]?.logicalType ?? 'other')));
        total += rows.length;
        if (rows.length > 0 || total === 0) yield { columns, rows };
        if (ended && pending.length === 0) break;
      }
      if (!ended) {
        // The reader has what it asked for (maxRows): stop the rest on the server.
        reusable = await drain();
      }
      if (reusable) await connection.query('COMMIT');
      finished = true;
    } catch (error) {
      await guard.settle();
      if (!ended) reusable = await drain();
      if (reusable) await connection.query('ROLLBACK').catch(() => undefined);
      finished = true;
      throw queryError(error, guard.stopped(), options.timeoutMs);
    } finally {
      await guard.settle();
      if (!finished) {
        reusable = ended || (await drain());
        if (reusable) await connection.query('ROLLBACK').catch(() => undefined);
      }
      if (reusable) connection.release();
      else connection.destroy();
    }
  }

  async explain(sql: ValidatedSql): Promise<PlanNode> {
    const [rows] = await this.pool.query(`EXPLAIN ${sql}`);
    const children: PlanNode[] = (rows as Array<Record<string, unknown>>).map((row) => {
      const extra = String(row.Extra ?? '');
      return {
        operator: `${String(row.select_type ?? 'SIMPLE')} ${String(row.type ?? '')}`.trim(),
        table: row.table === null || row.table === undefined ? undefined : String(row.table),
        estimatedRows: row.rows === null || row.rows === undefined ? undefined : Number(row.rows),
        unconditionalJoin: /join buffer/i.test(extra) && row.ref === null && row.type === 'ALL',
        children: [],
      };
    });
    return { operator: 'EXPLAIN', children };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  protected async checkout(): Promise<mysql.PoolConnection> {
    try {
      return await this.pool.getConnection();
    } catch (error) {
      throw mysqlConnectionError(error, this.target);
    }
  }

  protected serverFlavour(): Promise<'mariadb' | 'mysql'> {
    this.flavour ??= this.pool
      .query('SELECT VERSION() AS version')
      .then(([rows]) =>
        /mariadb/i.test(String((rows as Array<{ version: string }>)[0]?.version)) ? 'mariadb' : 'mysql',
      );
    this.flavour.catch(() => {
      this.flavour = undefined;
    });
    return this.flavour;
  }

  private async beginReadOnly(connection: mysql.PoolConnection, timeoutMs: number): Promise<void> {
    await connection.query('SET SESSION TRANSACTION READ ONLY');
    if ((await this.serverFlavour()) === 'mariadb') {
      await connection.query(`SET SESSION max_statement_time = ${Math.max(0.001, timeoutMs / 1000)}`);
    } else {
      await connection.query(`SET SESSION max_execution_time = ${Math.max(1, Math.ceil(timeoutMs))}`);
    }
    await connection.query('START TRANSACTION READ ONLY');
  }

  /** Time limit and abort both end in `KILL QUERY` from another connection. */
  private watch(connection: mysql.PoolConnection, timeoutMs: number, abort: AbortSignal | undefined) {
    let stopped: Stop;
    let killing: Promise<unknown> | undefined;
    const cancel = (reason: 'timeout' | 'cancelled') => {
      if (stopped) return;
      stopped = reason;
      killing = this.kill(connection);
    };
    const timer = setTimeout(() => cancel('timeout'), timeoutMs);
    const onAbort = () => cancel('cancelled');
    abort?.addEventListener('abort', onAbort, { once: true });
    return {
      stopped: () => stopped,
      async settle() {
        clearTimeout(timer);
        abort?.removeEventListener('abort', onAbort);
        await killing;
      },
    };
  }

  private kill(connection: mysql.PoolConnection): Promise<unknown> {
    return this.pool.query(`KILL QUERY ${Number(connection.threadId)}`).catch(() => undefined);
  }

  /** Kills a statement whose rows are still coming and waits (up to 10 s) until the wire is quiet. */
  private async stopAndDrain(
    connection: mysql.PoolConnection,
    core: CoreConnection,
    ended: () => boolean,
    onWake: (resolve: () => void) => void,
  ): Promise<boolean> {
    await this.kill(connection);
    const deadline = Date.now() + 10_000;
    while (!ended() && Date.now() < deadline) {
      core.resume();
      await new Promise<void>((resolve) => {
        onWake(resolve);
        setTimeout(resolve, 100).unref();
      });
    }
    return ended();
  }
}

function columnsOf(fields: FieldPacket[]): ResultColumn[] {
  return fields.map((field) => {
    const sourceType = (field.typeName ?? mysqlTypeName(field.columnType ?? field.type)).toLowerCase();
    return { name: field.name, sourceType, logicalType: logicalTypeOf(sourceType) };
  });
}

function queryError(error: unknown, stopped: Stop, timeoutMs: number): AskdataError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (stopped === 'cancelled')
    return new AskdataError('query_cancelled', 'The query was cancelled.', { cause: error });
  if (stopped === 'timeout' || /QUERY_INTERRUPTED|STATEMENT_TIMEOUT|MAX_EXECUTION_TIME/.test(code)) {
    return new AskdataError('query_timeout', `The query took longer than ${timeoutMs} ms and was stopped.`, {
      cause: error,
    });
  }
  if (AskdataError.isInstance(error)) return error;
  return new AskdataError('query_failed', `MySQL refused the query: ${messageOf(error)}`, { cause: error });
}

const typeNames = new Map<number, string>(
  Object.entries(mysql.Types)
    .filter(([name]) => Number.isNaN(Number(name)))
    .map(([name, id]) => [Number(id), name]),
);

function mysqlTypeName(id: number | undefined): string {
  return id === undefined ? 'unknown' : (typeNames.get(id) ?? `type:${id}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
