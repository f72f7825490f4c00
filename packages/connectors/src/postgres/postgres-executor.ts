import {
  AskdataError,
  type PlanNode,
  type QueryResult,
  type ResultColumn,
  type ValidatedSql,
} from '@askdata/core';
import pg from 'pg';
import type { RowBatch, StreamOptions } from '../connector';
import type { ExecuteOptions, SqlExecutor } from '../executor';
import { logicalTypeOf, ResultBuilder, toCell } from '../result-builder';
import { postgresConnectionError } from './postgres-connection-error';
import { postgresPlan } from './postgres-plan';

/** Values stay text where JavaScript would lose them (int8, numeric) or shift them (dates in local time). */
const textParser = (value: string) => value;
const typeParsers: Record<number, (value: string) => unknown> = {
  20: textParser, // int8
  1700: textParser, // numeric
  1082: textParser, // date
  1083: textParser, // time
  1114: textParser, // timestamp
  1184: textParser, // timestamptz
  1186: textParser, // interval
};
/** pg type parsers shared by every askdata connection (pools, cancel clients, cursors). */
export const postgresTypes = {
  getTypeParser: (oid: number, format?: string) =>
    typeParsers[oid] ?? pg.types.getTypeParser(oid, (format ?? 'text') as 'text'),
};
const types = postgresTypes;

const fetchSize = 500;

export interface PostgresExecutorOptions {
  /** A pool the caller owns (closed by `close()` only when the executor created it). */
  pool?: pg.Pool;
  connectionString?: string;
  maxConnections?: number;
  /** Give up opening a connection after this long (default 10 s). */
  connectionTimeoutMs?: number;
}

/**
 * PostgreSQL with defence in depth: every query runs inside `BEGIN READ ONLY` with a `statement_timeout`,
 * rows are streamed through a server-side cursor and capped in rows and bytes, and a timeout or abort
 * cancels the statement on the server (`pg_cancel_backend` from a second connection), after which the
 * connection is rolled back and returned healthy to the pool.
 */
export class PostgresExecutor implements SqlExecutor {
  readonly dialect = 'postgres' as const;
  /** The pool queries run on; introspection shares it. */
  readonly pool: pg.Pool;
  private readonly ownsPool: boolean;

  constructor(options: PostgresExecutorOptions) {
    this.ownsPool = options.pool === undefined;
    this.pool =
      options.pool ??
      new pg.Pool({
        connectionString: options.connectionString,
        max: options.maxConnections ?? 4,
        connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
        types,
      });
    // An idle connection that loses its server (restart, network cut) emits 'error' on the pool; unheard, it
    // would end the whole process. The next query checks out a fresh connection and reports the failure.
    if (this.ownsPool) this.pool.on('error', () => {});
  }

  async execute(sql: ValidatedSql, options: ExecuteOptions): Promise<QueryResult> {
    if (options.signal?.aborted) throw new AskdataError('query_cancelled', 'The query was cancelled.');
    const client = await this.checkout();
    const pid = backendPid(client);
    const watch = new StatementWatch(() => this.cancelBackend(pid), options);
    const builder = new ResultBuilder(options.maxRows, options.maxBytes);
    let healthy = true;
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.ceil(options.timeoutMs))}`);
      await client.query(`DECLARE askdata_cursor NO SCROLL CURSOR FOR ${sql}`);
      let fields: pg.FieldDef[] = [];
      let logical: ReturnType<typeof logicalTypeOf>[] = [];
      for (;;) {
        const batch = await client.query({
          text: `FETCH FORWARD ${fetchSize} FROM askdata_cursor`,
          rowMode: 'array',
          types,
        });
        if (fields.length === 0) {
          fields = batch.fields;
          logical = fields.map((field) => logicalTypeOf(typeName(field.dataTypeID)));
        }
        let full = false;
        for (const row of batch.rows as unknown[][]) {
          if (!builder.push(row.map((value, index) => toCell(value, logical[index] ?? 'other')))) {
            full = true;
            break;
          }
        }
        if (full || batch.rows.length < fetchSize) break;
      }
      await client.query('CLOSE askdata_cursor');
      await client.query('COMMIT');
      return builder.build(
        fields.map((field, index) => ({
          name: field.name,
          sourceType: typeName(field.dataTypeID),
          logicalType: logical[index] ?? 'other',
        })),
      );
    } catch (error) {
      await watch.quiesce();
      healthy = await rollback(client);
      throw queryError(error, watch.stopped, options.timeoutMs);
    } finally {
      await watch.end();
      client.release(healthy ? undefined : true);
    }
  }

  /**
   * The same read-only transaction and cursor as `execute`, yielding each FETCH as a batch. The time limit
   * covers the whole stream; leaving the loop early rolls back, which closes the cursor on the server.
   */
  async *stream(sql: ValidatedSql, options: StreamOptions): AsyncGenerator<RowBatch> {
    if (options.signal?.aborted) throw new AskdataError('query_cancelled', 'The query was cancelled.');
    const client = await this.checkout();
    const pid = backendPid(client);
    const watch = new StatementWatch(() => this.cancelBackend(pid), options);
    const batchRows = Math.max(1, options.batchRows ?? 1000);
    const cap = options.maxRows ?? Number.POSITIVE_INFINITY;
    let finished = false;
    let healthy = true;
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.ceil(options.timeoutMs))}`);
      await client.query(`DECLARE askdata_cursor NO SCROLL CURSOR FOR ${sql}`);
      let columns: ResultColumn[] | undefined;
      let total = 0;
      for (;;) {
        // The consumer may have been slow between batches: a passed limit stops here, not on the server.
        if (watch.stopped) throw new Error(`stream ${watch.stopped}`);
        const want = Math.min(batchRows, cap - total);
        if (want <= 0) break;
        const batch = await client.query({
          text: `FETCH FORWARD ${want} FROM askdata_cursor`,
          rowMode: 'array',
          types,
        });
        columns ??= batch.fields.map((field) => {
          const sourceType = typeName(field.dataTypeID);
          return { name: field.name, sourceType, logicalType: logicalTypeOf(sourceType) };
        });
        const logical = columns.map((column) => column.logicalType);
        const rows = (batch.rows as unknown[][]).map((row) =>
          row.map((value, index) => toCell(value, logical[index] ?? 'other')),
        );
        total += rows.length;
        if (rows.length > 0 || total === 0) yield { columns, rows };
        if (rows.length < want) break;
      }
      await client.query('CLOSE askdata_cursor');
      await client.query('COMMIT');
      finished = true;
    } catch (error) {
      await watch.quiesce();
      healthy = await rollback(client);
      finished = true;
      throw queryError(error, watch.stopped, options.timeoutMs);
    } finally {
      await watch.end();
      if (!finished) healthy = await rollback(client);
      client.release(healthy ? undefined : true);
    }
  }

  async explain(sql: ValidatedSql): Promise<PlanNode> {
    const client = await this.checkout();
    try {
      await client.query('BEGIN READ ONLY');
      const result = await client.query(`EXPLAIN (FORMAT JSON) ${sql}`);
      await client.query('ROLLBACK');
      const first = (result.rows[0] as Record<string, unknown> | undefined)?.['QUERY PLAN'];
      return postgresPlan(first);
    } catch (error) {
      await rollback(client);
      throw new AskdataError('query_failed', `PostgreSQL could not explain the query: ${messageOf(error)}`, {
        cause: error,
      });
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private async checkout(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw postgresConnectionError(error, this.pool.options);
    }
  }

  /** A cancel request travels on its own connection: the busy one cannot take another command. */
  private async cancelBackend(pid: number | undefined): Promise<void> {
    if (pid === undefined) return;
    const options = this.pool.options;
    const canceller = new pg.Client({ ...options, types });
    try {
      await canceller.connect();
      await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
    } catch {
      // The statement_timeout set on the transaction still ends the query.
    } finally {
      await canceller.end().catch(() => undefined);
    }
  }
}

const typeNames = new Map<number, string>(
  Object.entries(pg.types.builtins).map(([name, oid]) => [oid as number, name.toLowerCase()]),
);

function typeName(oid: number): string {
  return typeNames.get(oid) ?? `oid:${oid}`;
}

function backendPid(client: pg.PoolClient): number | undefined {
  const pid = (client as unknown as { processID?: unknown }).processID;
  return typeof pid === 'number' ? pid : undefined;
}

async function rollback(client: pg.PoolClient): Promise<boolean> {
  try {
    await client.query('ROLLBACK');
    return true;
  } catch {
    return false;
  }
}

function queryError(error: unknown, stopped: 'timeout' | 'cancelled' | undefined, timeoutMs: number) {
  if (stopped === 'cancelled')
    return new AskdataError('query_cancelled', 'The query was cancelled.', { cause: error });
  if (stopped === 'timeout' || sqlState(error) === '57014') {
    return new AskdataError('query_timeout', `The query took longer than ${timeoutMs} ms and was stopped.`, {
      cause: error,
    });
  }
  return new AskdataError('query_failed', `PostgreSQL refused the query: ${messageOf(error)}`, {
    cause: error,
  });
}

function sqlState(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Cancels a statement on the server when its time limit passes or the caller aborts, once; `stopped` says
 * which. The cancel travels on another connection, so it may still be in flight when the query returns.
 */
class StatementWatch {
  stopped: 'timeout' | 'cancelled' | undefined;
  private cancelling: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = () => this.cancel('cancelled');

  constructor(
    private readonly cancelBackend: () => Promise<void>,
    private readonly options: { timeoutMs: number; signal?: AbortSignal | undefined },
  ) {
    this.timer = setTimeout(() => this.cancel('timeout'), options.timeoutMs);
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Stops the clock and waits for a cancel in flight: it must land before the connection runs anything else. */
  async quiesce(): Promise<void> {
    clearTimeout(this.timer);
    await this.cancelling;
  }

  /** Stops watching; the connection is not handed on while a cancel for this statement may still arrive. */
  async end(): Promise<void> {
    clearTimeout(this.timer);
    this.options.signal?.removeEventListener('abort', this.onAbort);
    await this.cancelling;
  }

  private cancel(reason: 'timeout' | 'cancelled'): void {
    if (this.stopped) return;
    this.stopped = reason;
    this.cancelling = this.cancelBackend();
  }
}
