import { AskdataError, type PlanNode, type QueryResult, type ValidatedSql } from '@askdata/core';
import pg from 'pg';
import type { ExecuteOptions, SqlExecutor } from '../executor';
import { logicalTypeOf, ResultBuilder, toCell } from '../result-builder';
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
const types = {
  getTypeParser: (oid: number, format?: string) =>
    typeParsers[oid] ?? pg.types.getTypeParser(oid, (format ?? 'text') as 'text'),
};

const fetchSize = 500;

export interface PostgresExecutorOptions {
  /** A pool the caller owns (closed by `close()` only when the executor created it). */
  pool?: pg.Pool;
  connectionString?: string;
  maxConnections?: number;
}

/**
 * PostgreSQL with defence in depth: every query runs inside `BEGIN READ ONLY` with a `statement_timeout`,
 * rows are streamed through a server-side cursor and capped in rows and bytes, and a timeout or abort
 * cancels the statement on the server (`pg_cancel_backend` from a second connection), after which the
 * connection is rolled back and returned healthy to the pool.
 */
export class PostgresExecutor implements SqlExecutor {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly ownsPool: boolean;

  constructor(options: PostgresExecutorOptions) {
    this.ownsPool = options.pool === undefined;
    this.pool =
      options.pool ??
      new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 4, types });
  }

  async execute(sql: ValidatedSql, options: ExecuteOptions): Promise<QueryResult> {
    if (options.signal?.aborted) throw new AskdataError('query_cancelled', 'The query was cancelled.');
    const client = await this.connect();
    const pid = backendPid(client);
    let stopped: 'timeout' | 'cancelled' | undefined;
    let cancelling: Promise<void> | undefined;
    const cancel = (reason: 'timeout' | 'cancelled') => {
      if (stopped) return;
      stopped = reason;
      cancelling = this.cancelBackend(pid);
    };
    const timer = setTimeout(() => cancel('timeout'), options.timeoutMs);
    const onAbort = () => cancel('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
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
      // A cancel request still in flight must land before the connection runs anything else.
      clearTimeout(timer);
      await cancelling;
      healthy = await rollback(client);
      if (stopped === 'timeout' || sqlState(error) === '57014') {
        if (stopped === 'cancelled')
          throw new AskdataError('query_cancelled', 'The query was cancelled.', { cause: error });
        throw new AskdataError(
          'query_timeout',
          `The query took longer than ${options.timeoutMs} ms and was stopped.`,
          {
            cause: error,
          },
        );
      }
      if (stopped === 'cancelled')
        throw new AskdataError('query_cancelled', 'The query was cancelled.', { cause: error });
      throw new AskdataError('query_failed', `PostgreSQL refused the query: ${messageOf(error)}`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // Never hand the connection to the next query while a cancel for this one may still arrive.
      await cancelling;
      client.release(healthy ? undefined : true);
    }
  }

  async explain(sql: ValidatedSql): Promise<PlanNode> {
    const client = await this.connect();
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

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw new AskdataError('connection_failed', `Could not connect to PostgreSQL: ${messageOf(error)}`, {
        cause: error,
      });
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

function sqlState(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
