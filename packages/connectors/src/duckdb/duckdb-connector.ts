import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  AskdataError,
  type CellValue,
  type DatabaseSchema,
  type QueryResult,
  type ResultColumn,
  type ValidatedSql,
} from '@askdata/core';
import {
  convertValue,
  logicalTypeOf as duckdbLogicalType,
  openWorkspace,
  quoteIdentifier,
  type Workspace,
} from '@askdata/engine';
import type {
  ConnectOptions,
  Connector,
  ConnectorCapabilities,
  IntrospectOptions,
  RowBatch,
  SampleOptions,
  StreamOptions,
  TableRef,
} from '../connector';
import type { ExecuteOptions } from '../executor';
import { ResultBuilder } from '../result-builder';
import { sampleTopValues } from '../sample-values';

export const duckdbCapabilities = {
  pushDown: true,
  namespaces: false,
  cancel: 'interrupt',
  readOnly: 'sandbox',
  explain: false,
  primaryKeys: false,
  foreignKeys: false,
  comments: false,
  rowCounts: 'exact',
} as const satisfies ConnectorCapabilities;

export type DuckdbConnectorOptions = { workspace: Workspace } | { home: string };

/**
 * Files loaded into the askdata workspace (CSV, Excel, Parquet, JSON as immutable DuckDB snapshots), seen
 * through the connector interface. Queries run on the workspace's locked DuckDB instance (no file or network
 * access, snapshots attached read-only); a time limit or abort interrupts the connection.
 */
export class DuckdbConnector implements Connector {
  readonly kind = 'duckdb' as const;
  readonly dialect = 'duckdb' as const;
  readonly label: string;
  readonly capabilities = duckdbCapabilities;
  private workspace: Workspace | undefined;
  private readonly home: string | undefined;

  constructor(options: DuckdbConnectorOptions) {
    if ('workspace' in options) {
      this.workspace = options.workspace;
      this.home = undefined;
      this.label = `DuckDB workspace ${options.workspace.home}`;
    } else {
      this.home = options.home;
      this.label = `DuckDB workspace ${options.home}`;
    }
  }

  /** With a home folder, opens the workspace there; a folder without a catalog is no workspace. */
  async connect(_options: ConnectOptions = {}): Promise<void> {
    if (!this.workspace) {
      const home = this.home as string;
      if (!existsSync(join(home, 'catalog.json')))
        throw new AskdataError(
          'database_not_found',
          `There is no askdata workspace in ${home}: load a file there first.`,
        );
      this.workspace = await openWorkspace({ home });
    }
    await this.workspace.refresh();
  }

  async introspect(options: IntrospectOptions = {}): Promise<DatabaseSchema> {
    const workspace = await this.open();
    const tables = workspace
      .tables()
      .filter((table) => !options.tables || options.tables.some((ref) => ref.name === table.name));
    return { tables };
  }

  sampleValues(table: TableRef, column: string, options: SampleOptions = {}): Promise<CellValue[]> {
    // The workspace has one namespace: the table's own name is the whole reference.
    return sampleTopValues(this, quoteIdentifier, { name: table.name }, column, options);
  }

  async execute(sql: ValidatedSql, options: ExecuteOptions): Promise<QueryResult> {
    const workspace = await this.open();
    const result = await workspace.query(sql, {
      maxRows: options.maxRows,
      timeoutMs: options.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (options.maxBytes === undefined) return result;
    const builder = new ResultBuilder(options.maxRows, options.maxBytes);
    for (const row of result.rows) if (!builder.push(row)) break;
    const capped = builder.build(result.columns);
    return { ...capped, truncated: capped.truncated || result.truncated, elapsedMs: result.elapsedMs };
  }

  /** DuckDB's own chunks (2048 rows), regrouped into batches of `batchRows`. */
  async *stream(sql: ValidatedSql, options: StreamOptions): AsyncGenerator<RowBatch> {
    if (options.signal?.aborted) throw new AskdataError('query_cancelled', 'The query was cancelled.');
    const workspace = await this.open();
    const connection = await workspace.internalConnection();
    let stopped: 'timeout' | 'cancelled' | undefined;
    const interrupt = (reason: 'timeout' | 'cancelled') => {
      stopped ??= reason;
      connection.interrupt();
    };
    const timer = setTimeout(() => interrupt('timeout'), options.timeoutMs);
    const onAbort = () => interrupt('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const batchRows = Math.max(1, options.batchRows ?? 1000);
    const cap = options.maxRows ?? Number.POSITIVE_INFINITY;
    try {
      const result = await connection.stream(sql);
      const types = result.columnTypes();
      const typeIds = types.map((type) => type.typeId);
      const columns: ResultColumn[] = result.columnNames().map((name, index) => ({
        name,
        sourceType: String(types[index]),
        logicalType: duckdbLogicalType(typeIds[index] as number),
      }));
      let pending: CellValue[][] = [];
      let total = 0;
      for (;;) {
        if (stopped) throw new Error(`stream ${stopped}`);
        const chunk = total + pending.length < cap ? await result.fetchChunk() : undefined;
        const ended = !chunk || chunk.rowCount === 0;
        if (chunk && !ended) {
          for (const row of chunk.getRows()) {
            pending.push(row.map((value, index) => convertValue(value, typeIds[index] as number)));
          }
        }
        while (
          pending.length >= batchRows ||
          (ended && pending.length > 0) ||
          total + pending.length >= cap
        ) {
          const take = Math.min(batchRows, cap - total, pending.length);
          if (take <= 0) break;
          const rows = pending.slice(0, take);
          pending = pending.slice(take);
          total += rows.length;
          yield { columns, rows };
          if (stopped) throw new Error(`stream ${stopped}`);
        }
        if (ended || total >= cap) break;
      }
      if (total === 0) yield { columns, rows: [] };
    } catch (error) {
      if (stopped === 'timeout')
        throw new AskdataError(
          'query_timeout',
          `The query took longer than ${options.timeoutMs} ms and was stopped.`,
          {
            cause: error,
          },
        );
      if (stopped === 'cancelled')
        throw new AskdataError('query_cancelled', 'The query was cancelled.', { cause: error });
      if (AskdataError.isInstance(error)) throw error;
      const message =
        error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
      throw new AskdataError('query_failed', `DuckDB refused the query: ${message}`, { cause: error });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      connection.closeSync();
    }
  }

  async close(): Promise<void> {
    // A workspace handed in belongs to the caller; one opened from a home folder is ours to close.
    if (this.home !== undefined) this.workspace?.close();
  }

  private async open(): Promise<Workspace> {
    if (!this.workspace) await this.connect();
    return this.workspace as Workspace;
  }
}
