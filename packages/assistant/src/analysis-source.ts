import type { DialectName, PlanNode, QueryResult, TableSchema, ValidatedSql } from '@askdata/core';
import type { ValueSample } from '@askdata/language';

export interface RunLimits {
  maxRows: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Where a question is answered: the DuckDB workspace or a database. The pipeline needs its dialect and
 * schema, samples of categorical values for the language engine, the guard's verdict on SQL in that
 * dialect, and guarded execution. Every SQL passes `validate` before `run`.
 */
export interface AnalysisSource {
  readonly dialect: DialectName;
  /** For people: "workspace /home/me/.askdata", "SQLite chinook.db". */
  readonly label: string;
  tables(): TableSchema[];
  /** Snapshot ids of the named tables, for citations and re-runs (empty when the source has none). */
  snapshotIds(tables: readonly string[]): string[];
  /** Distinct values of text columns, at most `perColumn` each. */
  sampleValues(perColumn: number): Promise<ValueSample[]>;
  /** Distinct counts per table and column, to tell categories from free text. */
  distinctCounts(): Promise<Record<string, Record<string, { distinctCount: number }>>>;
  /** The guard's verdict: the SQL to run (row cap, masking applied) and the base tables it reads. */
  validate(sql: string, maxRows: number): Promise<{ sql: ValidatedSql; tables: string[] }>;
  run(sql: ValidatedSql, limits: RunLimits): Promise<QueryResult>;
  /** The source's plan for a validated query, without running it (for the guard's dry run). */
  explain(sql: ValidatedSql): Promise<PlanNode>;
  close(): Promise<void>;
}
