import {
  AskdataError,
  type CellValue,
  type DatabaseSchema,
  dialects,
  type QueryResult,
  type ValidatedSql,
} from '@askdata/core';
import type {
  ConnectOptions,
  Connector,
  IntrospectOptions,
  RowBatch,
  SampleOptions,
  StreamOptions,
  TableRef,
} from '../connector';
import type { ExecuteOptions } from '../executor';
import { ResultBuilder } from '../result-builder';
import type { WarehouseDriver } from './warehouse-driver';

/**
 * A `Connector` over any `WarehouseDriver`: one implementation of the time limit (an AbortSignal the driver
 * turns into a server-side cancel), the row and byte caps, streaming and value sampling.
 */
export class WarehouseConnector implements Connector {
  readonly kind;
  readonly dialect;
  readonly label;
  readonly capabilities;

  constructor(private readonly driver: WarehouseDriver) {
    this.kind = driver.kind;
    this.dialect = driver.dialect;
    this.label = driver.label;
    this.capabilities = driver.capabilities;
  }

  connect(options: ConnectOptions = {}): Promise<void> {
    return this.driver.connect(options.timeoutMs ?? 10_000);
  }

  async introspect(options: IntrospectOptions = {}): Promise<DatabaseSchema> {
    return { tables: await this.driver.describeTables(options.tables) };
  }

  async execute(sql: ValidatedSql, options: ExecuteOptions): Promise<QueryResult> {
    const builder = new ResultBuilder(options.maxRows, options.maxBytes);
    let columns: RowBatch['columns'] = [];
    // One row past the cap tells whether the result was cut.
    for await (const batch of this.stream(sql, { ...options, maxRows: options.maxRows + 1 })) {
      columns = batch.columns;
      let full = false;
      for (const row of batch.rows) {
        if (!builder.push(row)) {
          full = true;
          break;
        }
      }
      if (full) break;
    }
    return builder.build(columns);
  }

  async *stream(sql: ValidatedSql, options: StreamOptions): AsyncIterable<RowBatch> {
    yield* this.limited(sql, options);
  }

  async sampleValues(table: TableRef, column: string, options: SampleOptions = {}): Promise<CellValue[]> {
    const dialect = dialects[this.dialect];
    const name = [table.namespace, table.name]
      .filter((part): part is string => part !== undefined)
      .map((part) => dialect.quoteIdentifier(part))
      .join('.');
    const value = dialect.quoteIdentifier(column);
    const limit = options.limit ?? 100;
    const sql = `SELECT ${value} FROM ${name} WHERE ${value} IS NOT NULL GROUP BY ${value} ORDER BY COUNT(*) DESC LIMIT ${limit}`;
    const values: CellValue[] = [];
    for await (const batch of this.limited(sql, {
      timeoutMs: options.timeoutMs ?? 30_000,
      signal: options.signal,
      maxRows: limit,
    })) {
      for (const row of batch.rows) values.push(row[0] ?? null);
    }
    return values;
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  /** Runs with the time limit and the caller's signal, stopping (and cancelling) once `maxRows` were yielded. */
  private async *limited(sql: string, options: StreamOptions): AsyncIterable<RowBatch> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutError()), options.timeoutMs);
    const onAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
    const batchRows = options.batchRows ?? 1000;
    let sent = 0;
    try {
      let pending: RowBatch | undefined;
      for await (const batch of this.driver.run(sql, {
        signal: controller.signal,
        timeoutMs: options.timeoutMs,
        maxRows: Number.isFinite(maxRows) ? maxRows : 1_000_000,
      })) {
        const rows = batch.rows.slice(0, maxRows - sent - (pending?.rows.length ?? 0));
        pending = pending ? { columns: batch.columns, rows: [...pending.rows, ...rows] } : { ...batch, rows };
        while (pending.rows.length >= batchRows) {
          yield { columns: pending.columns, rows: pending.rows.slice(0, batchRows) };
          sent += batchRows;
          pending = { columns: pending.columns, rows: pending.rows.slice(batchRows) };
        }
        if (sent + pending.rows.length >= maxRows) break;
      }
      if (pending && (pending.rows.length > 0 || sent === 0)) yield pending;
    } catch (error) {
      throw stopReason(controller.signal, options.timeoutMs) ?? error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // Leaving early (row cap, consumer break) aborts the statement on the warehouse.
      if (!controller.signal.aborted) controller.abort(new StoppedReading());
    }
  }
}

class TimeoutError extends Error {}
class StoppedReading extends Error {}

function stopReason(signal: AbortSignal, timeoutMs: number): AskdataError | undefined {
  if (!signal.aborted) return undefined;
  if (signal.reason instanceof TimeoutError)
    return new AskdataError(
      'query_timeout',
      `The query ran longer than ${timeoutMs / 1000} s and was stopped.`,
    );
  return new AskdataError('query_cancelled', 'The query was cancelled.');
}
