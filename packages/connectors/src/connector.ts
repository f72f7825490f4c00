import type {
  CellValue,
  DatabaseSchema,
  DialectName,
  PlanNode,
  QueryResult,
  ResultColumn,
  ValidatedSql,
} from '@askdata/core';
import type { ExecuteOptions, SqlExecutor } from './executor';

/** Every kind of source a connector exists (or is planned) for; lookup tables over it use `satisfies`. */
export const connectorKinds = [
  'postgres',
  'mysql',
  'sqlite',
  'duckdb',
  'bigquery',
  'snowflake',
  'trino',
  'clickhouse',
] as const;
export type ConnectorKind = (typeof connectorKinds)[number];

/** A table as the source names it: `namespace` is the PostgreSQL schema, MySQL database, BigQuery dataset… */
export interface TableRef {
  namespace?: string;
  name: string;
}

/**
 * What a connector can and cannot do, so callers decide without knowing the kind (Kysely's adapter flags).
 * Contract tests read these: a connector that says `comments: false` is not asked for comments.
 */
export interface ConnectorCapabilities {
  /** Questions compile to this source's SQL and run there; nothing is copied out to answer them. */
  pushDown: boolean;
  /** Tables live in namespaces (schemas, databases, datasets) that qualify their names. */
  namespaces: boolean;
  /** How a running statement is stopped on timeout or abort. */
  cancel: 'server' | 'interrupt' | 'terminate';
  /** How writes are refused at the source, on top of the guard. */
  readOnly: 'transaction' | 'connection' | 'sandbox' | 'credentials';
  /** `explain()` is available. */
  explain: boolean;
  primaryKeys: boolean;
  foreignKeys: boolean;
  /** Table and column comments come back as `description`. */
  comments: boolean;
  /** What `rowCount` in the introspected schema means. */
  rowCounts: 'exact' | 'estimate' | 'none';
}

export interface ConnectOptions {
  /** Give up connecting after this long (default 10 s). */
  timeoutMs?: number;
}

export interface IntrospectOptions {
  /** Only these tables (default: every table the connector is configured to see). */
  tables?: readonly TableRef[];
}

export interface SampleOptions {
  /** Distinct values at most (default 100). */
  limit?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface StreamOptions {
  /** Rows per batch (default 1000); the last batch may be shorter. */
  batchRows?: number;
  /** Stop after this many rows in total (default: no cap; the guard's LIMIT still applies). */
  maxRows?: number;
  /** Wall-clock limit for the whole stream, consumer time included; the statement is cancelled when passed. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** One batch of a streamed result; every batch carries the same `columns`. */
export interface RowBatch {
  columns: ResultColumn[];
  rows: CellValue[][];
}

/**
 * One data source behind one interface (the pieces Kysely splits into driver, introspector, dialect and
 * adapter): it connects with typed errors, describes its schema, samples values, runs validated SQL with
 * limits and cancellation, streams large results, and states its capabilities. Connectors never import
 * the assistant or the guard; only `ValidatedSql` reaches them.
 *
 * Connection failures throw `AskdataError` with `auth_failed`, `host_unreachable`, `database_not_found`,
 * `tls_required` (the server demands TLS the connection did not use) or `tls_unavailable` (TLS was demanded
 * but the server offers none); anything else is `connection_failed`. Messages never contain secrets.
 */
export interface Connector extends SqlExecutor {
  readonly kind: ConnectorKind;
  /** The SQL dialect the compiler and guard use for this source. */
  readonly dialect: DialectName;
  /** For people, without secrets: "PostgreSQL shop@db.example.com:5432". */
  readonly label: string;
  readonly capabilities: ConnectorCapabilities;
  /** Opens (or checks) the connection; throws the typed errors above. Idempotent. */
  connect(options?: ConnectOptions): Promise<void>;
  /**
   * Tables, columns (source and logical types, nullability, comments), primary and foreign keys, row counts
   * (exact or estimated, see capabilities). Tables carry `namespace` when the source has namespaces.
   */
  introspect(options?: IntrospectOptions): Promise<DatabaseSchema>;
  /** Distinct non-null values of one column, most frequent first where the source can tell cheaply. */
  sampleValues(table: TableRef, column: string, options?: SampleOptions): Promise<CellValue[]>;
  /** Runs one validated read with a row/byte cap, a time limit and cancellation (from `SqlExecutor`). */
  execute(sql: ValidatedSql, options: ExecuteOptions): Promise<QueryResult>;
  /** Runs one validated read and yields its rows in batches; breaking out of the loop cancels the statement. */
  stream(sql: ValidatedSql, options: StreamOptions): AsyncIterable<RowBatch>;
  explain?(sql: ValidatedSql): Promise<PlanNode>;
  close(): Promise<void>;
}
