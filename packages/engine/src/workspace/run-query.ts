import type { CellValue, QueryResult, ResultColumn, ValidatedSql } from '@askdata/core';
import { AskdataError } from '@askdata/core';
import type { DuckDBInstance } from '@duckdb/node-api';
import { convertValue } from './convert-value';
import { logicalTypeOf } from './logical-type';

export interface QueryOptions {
  /** Rows to return at most; one more is read to know whether the result was cut (default 10 000). */
  maxRows?: number;
  /** Time limit; the query is interrupted in DuckDB when it passes (default 30 000 ms). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.trim() ?? text;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Runs one validated statement on its own connection, streaming chunks until `maxRows + 1` rows, with a
 * real time limit and cancellation (`connection.interrupt()`); the connection is closed afterwards, so
 * a stopped query never leaves the instance in a bad state.
 */
export async function runQuery(
  instance: DuckDBInstance,
  sql: ValidatedSql,
  options: QueryOptions = {},
): Promise<QueryResult> {
  const maxRows = options.maxRows ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = performance.now();
  if (options.signal?.aborted)
    throw new AskdataError('query_cancelled', 'The query was cancelled before it started.');
  const connection = await instance.connect();
  let stopped: 'timeout' | 'cancelled' | undefined;
  const interrupt = (reason: 'timeout' | 'cancelled') => {
    stopped ??= reason;
    connection.interrupt();
  };
  const timer = setTimeout(() => interrupt('timeout'), timeoutMs);
  const onAbort = () => interrupt('cancelled');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await connection.stream(sql);
    const types = result.columnTypes();
    const columns: ResultColumn[] = result.columnNames().map((name, i) => {
      const type = types[i]!;
      return { name, sourceType: type.toString(), logicalType: logicalTypeOf(type.typeId) };
    });
    const typeIds = types.map((type) => type.typeId);
    const rows: CellValue[][] = [];
    let truncated = false;
    while (!truncated) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const row of chunk.getRows()) {
        if (rows.length === maxRows) {
          truncated = true;
          break;
        }
        rows.push(row.map((value, i) => convertValue(value, typeIds[i]!)));
      }
    }
    if (stopped) throw new Error('Interrupted');
    return { columns, rows, rowCount: rows.length, truncated, elapsedMs: performance.now() - started };
  } catch (error) {
    if (stopped === 'timeout') {
      throw new AskdataError(
        'query_timeout',
        `The query ran longer than ${seconds(timeoutMs)} and was stopped: narrow it down or raise the time limit.`,
        { cause: error },
      );
    }
    if (stopped === 'cancelled')
      throw new AskdataError('query_cancelled', 'The query was cancelled.', { cause: error });
    if (AskdataError.isInstance(error)) throw error;
    throw new AskdataError('query_failed', `The query failed: ${firstLine(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    connection.closeSync();
  }
}
