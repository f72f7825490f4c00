import type { DialectName, TableSchema } from '@askdata/core';
import type { ConnectorCapabilities, ConnectorKind, RowBatch, TableRef } from '../connector';

export interface RunOptions {
  /** Aborted on timeout, on the caller's signal, or when the consumer stops reading; the driver cancels server-side. */
  signal: AbortSignal;
  timeoutMs: number;
  /** Rows the caller will read at most (a hint for page sizes; the caller stops reading past it). */
  maxRows: number;
}

/**
 * The part of a warehouse connector that speaks its client library: run one statement as batches, list
 * tables and columns, map errors. `WarehouseConnector` builds the `Connector` contract (caps, timeouts,
 * cancellation, sampling, streaming) on top, once for every warehouse.
 */
export interface WarehouseDriver {
  readonly kind: ConnectorKind;
  readonly dialect: DialectName;
  readonly label: string;
  readonly capabilities: ConnectorCapabilities;
  /** Checks that the warehouse answers and the login is accepted; throws the typed connection errors. */
  connect(timeoutMs: number): Promise<void>;
  /** Runs one statement already validated by the guard (or written by askdata itself for introspection). */
  run(sql: string, options: RunOptions): AsyncIterable<RowBatch>;
  /** Tables with columns, keys, comments and row counts where the warehouse keeps them. */
  describeTables(tables?: readonly TableRef[]): Promise<TableSchema[]>;
  close(): Promise<void>;
}
