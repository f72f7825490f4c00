import { randomUUID } from 'node:crypto';
import { AskdataError, type TableSchema } from '@askdata/core';
import { type ConnectionTarget, connectionError, isUnreachable } from '../../connection-error';
import type { ConnectorCapabilities, RowBatch, TableRef } from '../../connector';
import { loadOptionalModule } from '../../optional-module';
import { toCell } from '../../result-builder';
import {
  collectRows,
  httpTarget,
  probeWithin,
  queryCancelledError,
  queryTimeoutError,
  timeLimitSeconds,
} from '../driver-support';
import type { RunOptions, WarehouseDriver } from '../warehouse-driver';
import { columnSchema, innerType, warehouseLogicalType } from '../warehouse-types';

type ClickhouseModule = typeof import('@clickhouse/client');
type ClickhouseClient = ReturnType<ClickhouseModule['createClient']>;

export interface ClickhouseOptions {
  /** The HTTP(S) interface, e.g. `https://host:8443`. */
  url: string;
  username?: string;
  password?: string;
  database?: string;
}

export const clickhouseCapabilities = {
  pushDown: true,
  namespaces: false,
  cancel: 'server',
  readOnly: 'connection',
  explain: false,
  primaryKeys: true,
  foreignKeys: false,
  comments: true,
  rowCounts: 'exact',
} as const satisfies ConnectorCapabilities;

/**
 * ClickHouse through `@clickhouse/client` (HTTP interface). Every statement runs with `readonly = 2` (no
 * writes; settings may still be set per query), `join_use_nulls = 1` (outer joins give NULL, as the compiler
 * assumes), a server-side `max_execution_time`, and is cancelled on the server when the request is aborted.
 */
export class ClickhouseDriver implements WarehouseDriver {
  readonly kind = 'clickhouse' as const;
  readonly dialect = 'clickhouse' as const;
  readonly label: string;
  readonly capabilities = clickhouseCapabilities;
  private client: Promise<ClickhouseClient> | undefined;
  private readonly target: ConnectionTarget;

  constructor(private readonly options: ClickhouseOptions) {
    this.target = httpTarget(
      new URL(options.url),
      { https: 8443, http: 8123 },
      { product: 'ClickHouse', database: options.database ?? 'default', user: options.username ?? 'default' },
    );
    this.label = `ClickHouse ${this.target.database}@${this.target.host}:${this.target.port}`;
  }

  connect(timeoutMs: number): Promise<void> {
    return probeWithin(this.target, timeoutMs, async (signal) => {
      for await (const _ of this.run('SELECT 1', { signal, timeoutMs, maxRows: 1 })) {
        // Reading the one row proves the login and the database.
      }
    });
  }

  async *run(sql: string, options: RunOptions): AsyncIterable<RowBatch> {
    const client = await this.open();
    let result: Awaited<ReturnType<ClickhouseClient['query']>>;
    try {
      result = await client.query({
        query: sql,
        format: 'JSONCompactEachRowWithNamesAndTypes',
        query_id: randomUUID(),
        abort_signal: options.signal,
        clickhouse_settings: {
          readonly: '2',
          join_use_nulls: 1,
          max_execution_time: timeLimitSeconds(options.timeoutMs),
          cancel_http_readonly_queries_on_client_close: 1,
        },
      });
    } catch (error) {
      throw this.describe(error);
    }
    let names: string[] | undefined;
    let columns: RowBatch['columns'] = [];
    try {
      for await (const chunk of result.stream()) {
        const rows: RowBatch['rows'] = [];
        for (const row of chunk as Array<{ json<T>(): T }>) {
          const values = row.json<unknown[]>();
          if (!names) {
            names = values.map(String);
            continue;
          }
          if (columns.length === 0) {
            columns = names.map((name, index) => ({
              name,
              sourceType: String(values[index]),
              logicalType: warehouseLogicalType(String(values[index])),
            }));
            continue;
          }
          rows.push(values.map((value, index) => toCell(value, columns[index]?.logicalType ?? 'other')));
        }
        if (rows.length > 0) yield { columns, rows };
      }
    } catch (error) {
      throw this.describe(error);
    }
    if (names && columns.length === 0) {
      columns = names.map((name) => ({ name, sourceType: 'String', logicalType: 'text' }));
    }
    yield { columns, rows: [] };
  }

  async describeTables(tables?: readonly TableRef[]): Promise<TableSchema[]> {
    const wanted = tables ? new Set(tables.map((table) => table.name)) : undefined;
    const limits = { timeoutMs: 30_000, maxRows: 100_000 };
    const tableRows = await collectRows(
      this,
      `SELECT name, comment, total_rows FROM system.tables WHERE database = currentDatabase() AND NOT is_temporary ORDER BY name`,
      limits,
    );
    const columnRows = await collectRows(
      this,
      `SELECT table, name, type, comment, is_in_primary_key FROM system.columns WHERE database = currentDatabase() ORDER BY table, position`,
      limits,
    );
    const described: TableSchema[] = [];
    for (const [name, comment, totalRows] of tableRows) {
      if (typeof name !== 'string' || (wanted && !wanted.has(name))) continue;
      const own = columnRows.filter((row) => row[0] === name);
      described.push({
        name,
        ...(comment ? { description: String(comment) } : {}),
        columns: own.map(([, column, type, columnComment]) =>
          columnSchema(
            String(column),
            String(type),
            innerType(String(type)).nullable,
            columnComment as string,
          ),
        ),
        primaryKey: own.filter((row) => row[4] === 1 || row[4] === true).map((row) => String(row[1])),
        ...(typeof totalRows === 'number' ? { rowCount: totalRows } : {}),
      });
    }
    return described;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await (await client).close();
  }

  private open(): Promise<ClickhouseClient> {
    this.client ??= loadOptionalModule(
      () => import('@clickhouse/client'),
      '@clickhouse/client',
      'Connecting to ClickHouse',
    ).then((module) =>
      module.createClient({
        url: this.options.url,
        username: this.options.username ?? 'default',
        password: this.options.password ?? '',
        database: this.options.database ?? 'default',
        application: 'askdata',
        // Failures come back as typed errors; the client's own log would print them (and their SQL) again.
        log: { level: module.ClickHouseLogLevel.OFF },
        request_timeout: 300_000,
        // Progress headers keep a long query's idle connection alive through load balancers.
        clickhouse_settings: { send_progress_in_http_headers: 1, http_headers_progress_interval_ms: '60000' },
      }),
    );
    return this.client;
  }

  /** Server errors carry a numeric code and a type name; the message never includes the password. */
  private describe(error: unknown): AskdataError {
    if (AskdataError.isInstance(error)) return error;
    const type = typeof error === 'object' && error !== null && 'type' in error ? String(error.type) : '';
    if (type === 'AUTHENTICATION_FAILED' || type === 'REQUIRED_PASSWORD')
      return connectionError('auth_failed', this.target, error);
    if (type === 'UNKNOWN_DATABASE') return connectionError('database_not_found', this.target, error);
    if (isUnreachable(error)) return connectionError('host_unreachable', this.target, error);
    if (type === 'TIMEOUT_EXCEEDED') return queryTimeoutError('ClickHouse', error);
    if (type === 'READONLY')
      return new AskdataError(
        'sql_not_read_only',
        'ClickHouse refused the statement: the connection is read-only.',
        {
          cause: error,
        },
      );
    if (type === 'UNKNOWN_TABLE')
      return new AskdataError('table_not_found', firstLine(error), { cause: error });
    if (type === 'UNKNOWN_IDENTIFIER')
      return new AskdataError('column_not_found', firstLine(error), { cause: error });
    if (error instanceof Error && error.name === 'AbortError') return queryCancelledError(error);
    return new AskdataError('query_failed', `ClickHouse could not run the query: ${firstLine(error)}`, {
      cause: error,
    });
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').trim();
}
