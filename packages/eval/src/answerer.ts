import type { CellValue, QueryResult, TableSchema } from '@askdata/core';

/** A SQLite database file the question is about (Spider- and nvBench-like records). */
export interface SqliteSource {
  kind: 'sqlite';
  /** Absolute path of the database file; answerers open it read-only. */
  path: string;
  dialect: 'sqlite';
}

/** One CSV table loaded into a per-run DuckDB workspace (WikiTableQuestions-like records). */
export interface TableSource {
  kind: 'table';
  /** Absolute path of the CSV file the table was loaded from. */
  path: string;
  /** The loaded table as the workspace reports it (name to use in SQL, columns, labels). */
  table: TableSchema;
  dialect: 'duckdb';
  /**
   * Runs a read-only query on the workspace that holds the table (for value sampling or answering).
   * The workspace's query instance is locked down (no file or network access), so this is safe by construction.
   */
  query: (sql: string) => Promise<QueryResult>;
}

export type EvalSource = SqliteSource | TableSource;

export interface AnswerRequest {
  question: string;
  source: EvalSource;
}

/** Predicted rows, either row arrays (`[[1, 'a']]`), objects (`[{n: 1}]`) or a flat list of values. */
export type PredictedValues = CellValue[][] | Record<string, CellValue>[] | CellValue[];

/** What an engine returns for one question. The harness measures latency around the call. */
export type AnswerOutcome =
  | {
      kind: 'answer';
      /** SQL in the source's dialect; the harness runs it when `values` are absent. */
      sql?: string;
      values?: PredictedValues;
      /** The engine's reading of the question in plain language. */
      interpretation?: string;
      /** Chart type when the engine drew one (scored for chart records). */
      chart?: string;
      confidence?: number;
    }
  | { kind: 'abstain'; reason: string }
  | { kind: 'clarify'; options: string[] };

export interface Answerer {
  readonly name: string;
  answer(request: AnswerRequest): Promise<AnswerOutcome>;
  /**
   * Optional per-source warm-up (introspection, value index) that belongs to loading, not answering:
   * the harness calls it once per source before the first timed answer and reports its time separately.
   */
  prepare?(source: EvalSource): Promise<void>;
  /** Releases caches and connections at the end of a run. */
  close?(): Promise<void> | void;
}
