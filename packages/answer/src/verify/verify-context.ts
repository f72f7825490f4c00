import type { Measure, QueryResult, SemanticModel } from '@askdata/core';

/** Range of a source column, from profiling. */
export interface ColumnProfile {
  min?: number;
  max?: number;
  /** Rows in the column's table. */
  rowCount?: number;
}

/**
 * What verification may ask for. It performs no I/O itself: callers inject queries (compiled from a
 * variant of the spec and run through the same guard and connector as the answer).
 */
export interface VerifyContext {
  /** Grand total of a measure with the same filters and no grouping; null when it cannot be computed. */
  runTotal?: (measure: Measure) => Promise<number | null>;
  /**
   * The same aggregate computed on the measure's own table without joins (filters on that table
   * only); null when not comparable. Used to detect double counting across joins.
   */
  runSingleTableAggregate?: (measure: Measure) => Promise<number | null>;
  /** The same query with a limit of two, for a one-row answer: is the runner-up tied with it? */
  runOneMore?: () => Promise<QueryResult | null>;
  /** Profiles by `table.column` (or bare column for the base table). */
  profiles?: Record<string, ColumnProfile>;
  /** Semantic model, to know the aggregation of named metrics. */
  model?: SemanticModel;
  /** A breakdown with fewer rows than this is reported as tiny (default 2). */
  tinyRows?: number;
}
