import { AskdataError, type PlanNode, type QueryResult, type ValidatedSql } from '@askdata/core';
import mysql from 'mysql2/promise';
import type { ExecuteOptions, SqlExecutor } from '../executor';
import { logicalTypeOf, ResultBuilder, toCell } from '../result-builder';

export interface MysqlExecutorOptions {
  uri: string;
  maxConnections?: number;
}

/**
 * MySQL and MariaDB with defence in depth: a read-only session and a `START TRANSACTION READ ONLY` around
 * each query, the server's own statement time limit (MariaDB `max_statement_time` in seconds, MySQL
 * `max_execution_time` in ms), and `KILL QUERY` from a second connection on timeout or abort. The row cap is
 * written into the SQL by the guard; rows past it are dropped here as a second line.
 */
export class MysqlExecutor implements SqlExecutor {
  readonly dialect = 'mysql' as const;
  private readonly pool: mysql.Pool;
  private flavour: Promise<'mariadb' | 'mysql'> | undefined;

  constructor(options: MysqlExecutorOptions) {
    this.pool = mysql.createPool({
      uri: options.uri,
      connectionLimit: options.maxConnections ?? 4,
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      multipleStatements: false,
    });
  }

  async execute(sql: ValidatedSql, options: ExecuteOptions): Promise<QueryResult> {
    if (options.signal?.aborted) throw new AskdataError('query_cancelled', 'The query was cancelled.');
    const flavour = await this.serverFlavour();
    const connection = await this.connect();
    let stopped: 'timeout' | 'cancelled' | undefined;
    let killing: Promise<unknown> | undefined;
    const cancel = (reason: 'timeout' | 'cancelled') => {
      if (stopped) return;
      stopped = reason;
      killing = this.pool.query(`KILL QUERY ${Number(connection.threadId)}`).catch(() => undefined);
    };
    const timer = setTimeout(() => cancel('timeout'), options.timeoutMs);
    const onAbort = () => cancel('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const builder = new ResultBuilder(options.maxRows, options.maxBytes);
    try {
      await connection.query('SET SESSION TRANSACTION READ ONLY');
      if (flavour === 'mariadb') {
        await connection.query(
          `SET SESSION max_statement_time = ${Math.max(0.001, options.timeoutMs / 1000)}`,
        );
      } else {
        await connection.query(
          `SET SESSION max_execution_time = ${Math.max(1, Math.ceil(options.timeoutMs))}`,
        );
      }
      await connection.query('START TRANSACTION READ ONLY');
      const [rows, fields] = await connection.query({ sql, rowsAsArray: true });
      await connection.query('COMMIT');
      const columns = (fields ?? []).map((field) => {
        const sourceType = (field.typeName ?? mysqlTypeName(field.columnType ?? field.type)).toLowerCase();
        return { name: field.name, sourceType, logicalType: logicalTypeOf(sourceType) };
      });
      for (const row of rows as unknown[][]) {
        if (!builder.push(row.map((value, index) => toCell(value, columns[index]?.logicalType ?? 'other'))))
          break;
      }
      return builder.build(columns);
    } catch (error) {
      // A KILL QUERY still in flight must land before the connection runs anything else.
      clearTimeout(timer);
      await killing;
      await connection.query('ROLLBACK').catch(() => undefined);
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
      if (stopped === 'cancelled')
        throw new AskdataError('query_cancelled', 'The query was cancelled.', { cause: error });
      if (stopped === 'timeout' || /QUERY_INTERRUPTED|STATEMENT_TIMEOUT|MAX_EXECUTION_TIME/.test(code)) {
        throw new AskdataError(
          'query_timeout',
          `The query took longer than ${options.timeoutMs} ms and was stopped.`,
          {
            cause: error,
          },
        );
      }
      throw new AskdataError('query_failed', `MySQL refused the query: ${messageOf(error)}`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      await killing;
      connection.release();
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

  private async connect(): Promise<mysql.PoolConnection> {
    try {
      return await this.pool.getConnection();
    } catch (error) {
      throw new AskdataError('connection_failed', `Could not connect to MySQL: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }

  private serverFlavour(): Promise<'mariadb' | 'mysql'> {
    this.flavour ??= this.pool
      .query('SELECT VERSION() AS version')
      .then(([rows]) =>
        /mariadb/i.test(String((rows as Array<{ version: string }>)[0]?.version)) ? 'mariadb' : 'mysql',
      );
    return this.flavour;
  }
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
