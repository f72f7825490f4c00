import { AskdataError, type TableSchema } from '@askdata/core';
import { type ConnectionTarget, connectionError, isUnreachable } from '../../connection-error';
import type { ConnectorCapabilities, RowBatch, TableRef } from '../../connector';
import { loadOptionalModule } from '../../optional-module';
import { toCell } from '../../result-builder';
import { httpTarget, probeWithin, queryTimeoutError, timeLimitSeconds } from '../driver-support';
import type { RunOptions, WarehouseDriver } from '../warehouse-driver';
import { columnSchema, warehouseLogicalType } from '../warehouse-types';

type TrinoModule = typeof import('trino-client');
type TrinoClient = ReturnType<TrinoModule['Trino']['create']>;
type QueryResult = import('trino-client').QueryResult;

export interface TrinoOptions {
  /** The coordinator, e.g. `https://trino.example.com:8443`. */
  server: string;
  catalog: string;
  schema: string;
  user: string;
  /** With a password the client uses HTTP basic authentication (Trino requires HTTPS for it). */
  password?: string;
}

export const trinoCapabilities = {
  pushDown: true,
  namespaces: true,
  cancel: 'server',
  // Trino has no read-only session; give askdata a user whose access control allows only SELECT.
  readOnly: 'credentials',
  explain: false,
  primaryKeys: false,
  foreignKeys: false,
  comments: false,
  rowCounts: 'none',
} as const satisfies ConnectorCapabilities;

/**
 * Trino through `trino-client` (the REST protocol: POST /v1/statement, then follow `nextUri`). The time limit is
 * also sent as the `query_max_execution_time` session property; a cancel is `DELETE /v1/query/{id}`.
 */
export class TrinoDriver implements WarehouseDriver {
  readonly kind = 'trino' as const;
  readonly dialect = 'trino' as const;
  readonly label: string;
  readonly capabilities = trinoCapabilities;
  private module: Promise<TrinoModule> | undefined;
  private readonly target: ConnectionTarget;

  constructor(private readonly options: TrinoOptions) {
    this.target = httpTarget(
      new URL(options.server),
      { https: 443, http: 8080 },
      { product: 'Trino', database: `${options.catalog}.${options.schema}`, user: options.user },
    );
    this.label = `Trino ${options.catalog}.${options.schema}@${this.target.host}:${this.target.port}`;
  }

  async connect(timeoutMs: number): Promise<void> {
    const { catalog, schema } = this.options;
    // The session catalog and schema are only resolved when a query names them, so ask for the schema itself.
    const sql = `SELECT schema_name FROM ${quote(catalog)}.information_schema.schemata WHERE schema_name = '${schema.replaceAll("'", "''")}'`;
    let found = false;
    await probeWithin(this.target, timeoutMs, async (signal) => {
      for await (const batch of this.run(sql, { signal, timeoutMs, maxRows: 1 })) {
        if (batch.rows.length > 0) found = true;
      }
    });
    if (!found) throw connectionError('database_not_found', this.target, undefined);
  }

  async *run(sql: string, options: RunOptions): AsyncIterable<RowBatch> {
    const client = await this.client(options.timeoutMs);
    let iterator: AsyncIterator<QueryResult>;
    try {
      iterator = (await client.query(sql))[Symbol.asyncIterator]();
    } catch (error) {
      throw this.describe(error);
    }
    let queryId = submittedQueryId(iterator);
    let finished = false;
    const cancel = () => {
      if (queryId && !finished) void client.cancel(queryId).catch(() => undefined);
    };
    options.signal.addEventListener('abort', cancel, { once: true });
    let columns: RowBatch['columns'] = [];
    try {
      for (;;) {
        const page = await raceAbort(iterator.next(), options.signal);
        if (page.done) break;
        queryId = page.value.id;
        if (page.value.error) throw this.describe(page.value.error);
        if (columns.length === 0 && page.value.columns) {
          columns = page.value.columns.map((column) => ({
            name: column.name,
            sourceType: column.type,
            logicalType: warehouseLogicalType(column.type),
          }));
        }
        const rows = (page.value.data ?? []).map((row) =>
          (row as unknown[]).map((value, index) => toCell(value, columns[index]?.logicalType ?? 'other')),
        );
        if (rows.length > 0) yield { columns, rows };
        if (!page.value.nextUri) break;
      }
      finished = true;
      yield { columns, rows: [] };
    } finally {
      options.signal.removeEventListener('abort', cancel);
      // Stopping early (row cap, consumer break, abort) releases the query on the coordinator.
      if (!finished) cancel();
    }
  }

  async describeTables(tables?: readonly TableRef[]): Promise<TableSchema[]> {
    const { catalog, schema } = this.options;
    const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
    const sql = `SELECT table_name, column_name, data_type, is_nullable FROM ${quote(catalog)}.information_schema.columns WHERE table_schema = ${literal(schema)} ORDER BY table_name, ordinal_position`;
    const wanted = tables ? new Set(tables.map((table) => table.name)) : undefined;
    const byTable = new Map<string, TableSchema>();
    const signal = new AbortController().signal;
    for await (const batch of this.run(sql, { signal, timeoutMs: 60_000, maxRows: 1_000_000 })) {
      for (const [table, column, type, nullable] of batch.rows) {
        const name = String(table);
        if (wanted && !wanted.has(name)) continue;
        const entry = byTable.get(name) ?? { name, namespace: schema, columns: [] };
        entry.columns.push(columnSchema(String(column), String(type), nullable === 'YES'));
        byTable.set(name, entry);
      }
    }
    return [...byTable.values()];
  }

  async close(): Promise<void> {
    // The REST protocol keeps no connection open between statements.
  }

  private async client(timeoutMs: number): Promise<TrinoClient> {
    this.module ??= loadOptionalModule(() => import('trino-client'), 'trino-client', 'Connecting to Trino');
    const module = await this.module;
    const { server, catalog, schema, user, password } = this.options;
    return module.Trino.create({
      server,
      catalog,
      schema,
      source: 'askdata',
      // Basic authentication only with a password; otherwise the user travels in X-Trino-User alone.
      ...(password === undefined
        ? { extraHeaders: { 'X-Trino-User': user } }
        : { auth: new module.BasicAuth(user, password) }),
      session: { query_max_execution_time: `${timeLimitSeconds(timeoutMs)}s` },
    });
  }

  private describe(error: unknown): AskdataError {
    if (AskdataError.isInstance(error)) return error;
    const status = httpStatus(error);
    if (status === 401) return connectionError('auth_failed', this.target, error);
    if (isUnreachable(error)) return connectionError('host_unreachable', this.target, error);
    const name =
      typeof error === 'object' && error !== null && 'errorName' in error ? String(error.errorName) : '';
    const message =
      typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : String(error);
    if (name === 'CATALOG_NOT_FOUND' || name === 'SCHEMA_NOT_FOUND')
      return connectionError('database_not_found', this.target, error);
    if (name === 'TABLE_NOT_FOUND') return new AskdataError('table_not_found', message, { cause: error });
    if (name === 'COLUMN_NOT_FOUND') return new AskdataError('column_not_found', message, { cause: error });
    if (name === 'EXCEEDED_TIME_LIMIT') return queryTimeoutError('Trino', error);
    if (name === 'PERMISSION_DENIED')
      return new AskdataError('sql_forbidden_table', `Trino refused access: ${message}`, { cause: error });
    return new AskdataError('query_failed', `Trino could not run the query: ${message.split('\n')[0]}`, {
      cause: error,
    });
  }
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const response = error.response as { status?: number } | undefined;
  return response?.status;
}

/**
 * The id of the statement just submitted, read from the client's iterator (trino-client 0.2.9 keeps the
 * first response there), so a cancel can be sent while the client is still polling for the first rows.
 */
function submittedQueryId(iterator: unknown): string | undefined {
  const inner = (iterator as { iter?: { queryResult?: { id?: unknown } } }).iter;
  const id = inner?.queryResult?.id;
  return typeof id === 'string' ? id : undefined;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
