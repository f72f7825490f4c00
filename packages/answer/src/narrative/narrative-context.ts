import type { OutputColumn, SemanticModel } from '@askdata/core';
import type { MetricCitation } from './fact';

/**
 * What the narrator knows beyond the spec and the result. Everything is optional: the narrator says
 * less, never something unsupported, when an input is missing.
 */
export interface NarrativeContext {
  /** The "today" of the question; defaults to spec.asOf. */
  asOf?: string;
  /** Latest date present in the data the question read (inclusive), to detect a partial last period. */
  dataEnd?: string;
  /** Semantic model: units and labels of columns and metrics, metric definitions, time and drill columns. */
  model?: SemanticModel;
  /** Output columns from the compiler (labels, units, aggregations). */
  outputColumns?: OutputColumn[];
  /** Unit hints by output id ('USD', 'percent', 'count'); override output column units. */
  units?: Record<string, string>;
  /** Grand totals by measure id (same filters, no grouping), e.g. from verification's runTotal. */
  totals?: Record<string, number>;
  /** Rows the aggregates ignored because a column was empty (from profiling or a count query). */
  nullRows?: { column: string; count: number }[];
  /** The data was sampled: rows read out of the total. */
  sampled?: { rowsRead: number; totalRows?: number };
  /** Assumptions the language engine made ("'sales' read as sum of amount"). */
  assumptions?: string[];
  /** Typos the language engine corrected. */
  corrections?: { from: string; to: string }[];
  /** Metric definitions by name (default: the model's metrics). */
  metrics?: MetricCitation[];
  /** Dataset snapshot ids the query read. */
  snapshotIds?: string[];
  /** Tables actually read, when known from the compiled SQL (joins included). */
  tables?: string[];
  /** Time column of the base table (`column` or `table.column`), for "by month" follow-ups (default: the model's). */
  timeColumn?: string;
  /** Categorical columns worth drilling into, for follow-ups (default: the model's non-PII dimensions). */
  drillColumns?: string[];
}
