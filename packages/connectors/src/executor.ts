import type { DialectName, PlanNode, QueryResult, ValidatedSql } from '@askdata/core';

export interface ExecuteOptions {
  /** Rows to return at most; one more is read to know whether the result was cut. */
  maxRows: number;
  /** Approximate size of the returned cells (UTF-8 of their JSON) at most; default 16 MiB. */
  maxBytes?: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * What every data source offers the pipeline: run one validated read with limits and real cancellation,
 * optionally explain it without running it, and close. Only `ValidatedSql` is accepted, so unchecked SQL
 * cannot reach a source by accident.
 */
export interface SqlExecutor {
  readonly dialect: DialectName;
  execute(sql: ValidatedSql, options: ExecuteOptions): Promise<QueryResult>;
  explain?(sql: ValidatedSql): Promise<PlanNode>;
  close(): Promise<void>;
}

export const defaultMaxBytes = 16 * 1024 * 1024;
