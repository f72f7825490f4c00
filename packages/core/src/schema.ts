/**
 * The introspected shape of a data source, as every producer (DuckDB workspace, connectors) reports it
 * and every consumer (semantic model, guardrails, language engine, LLM retrieval) reads it.
 */
export type LogicalType =
  | 'integer'
  | 'decimal'
  | 'float'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'time'
  | 'interval'
  | 'text'
  | 'blob'
  | 'json'
  | 'other';

export interface ColumnSchema {
  /** Identifier as used in SQL (cleaned: lower snake case for ingested files). */
  name: string;
  /** The original header or a human label (e.g. "Unit Price ($)"). */
  label?: string;
  /** The source's own type name, e.g. BIGINT, VARCHAR, DECIMAL(18,2). */
  sourceType: string;
  logicalType: LogicalType;
  nullable: boolean;
  description?: string;
  /** Unit hints from ingestion, e.g. currency 'USD' or 'percent'. */
  unit?: string;
}

export interface ForeignKey {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
}

export interface TableSchema {
  name: string;
  /** Schema or database namespace where the source has one (PostgreSQL schema, attached DuckDB db). */
  namespace?: string;
  label?: string;
  description?: string;
  columns: ColumnSchema[];
  primaryKey?: string[];
  foreignKeys?: ForeignKey[];
  rowCount?: number;
}

export interface DatabaseSchema {
  tables: TableSchema[];
}
