import type { DialectName, TableSchema, ValidatedSql } from '@askdata/core';

/** What a user may do with one column: see it, not see it at all, or see it masked. */
export type ColumnAccess = 'allow' | 'deny' | 'mask';

export type AllowedTables = ReadonlySet<string> | ((table: string, namespace: string | undefined) => boolean);

/** DuckDB's own parser, injected so guard never opens a database: returns `json_serialize_sql(sql)` parsed. */
export type DuckdbParse = (sql: string) => Promise<unknown>;

export interface ValidateOptions {
  dialect: DialectName;
  /** Tables (and their columns) the query may read; also used to resolve unqualified columns and `*`. */
  schema?: readonly TableSchema[];
  /** Defaults to the tables of `schema`, or to every non-system table when there is no schema. */
  allowedTables?: AllowedTables;
  /** Column-level permission and PII decision; unlisted columns are allowed. */
  columnPolicy?: (table: string, column: string) => ColumnAccess;
  /** Row cap written into the query (a smaller LIMIT already present is kept). */
  maxRows?: number;
  /** Refuse joins without a condition estimated (schema row counts) above this many rows; default 1e8. */
  maxCartesianRows?: number;
  /** DuckDB dialect only: a second opinion from DuckDB's parser on the final SQL. */
  duckdbParse?: DuckdbParse;
}

export type StatementType = 'select' | 'values';

export interface ValidationResult {
  /** The SQL to run: the input, or the input rewritten (row cap, masking). */
  sql: ValidatedSql;
  statementType: StatementType;
  /**
   * The parser whose tree was checked: SQLite falls back to node-sql-parser, and DuckDB to DuckDB's own parser
   * (when injected), for syntax the PostgreSQL grammar lacks.
   */
  parser: 'libpg-query' | 'node-sql-parser' | 'duckdb';
  /** Base tables read, as written (lower-cased), without CTE names. */
  tables: string[];
  /** `table.column` pairs resolved against the schema (unresolved references are left out). */
  columns: string[];
  /** Columns returned masked, as `table.column`. */
  maskedColumns: string[];
  warnings: string[];
}
