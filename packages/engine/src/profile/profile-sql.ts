import type { LogicalType } from '@askdata/core';
import { quoteIdentifier } from '../workspace/sql-text';

/**
 * SQL text for the profiler's few scans. Each builder returns one statement whose result columns are
 * named `c<index>_<figure>`, so a single wide row carries every column's figures.
 */
export interface ProfiledColumn {
  index: number;
  name: string;
  logicalType: LogicalType;
  /** DuckDB's type name, e.g. DECIMAL(18,2). */
  sourceType: string;
}

export const numericTypes: readonly LogicalType[] = ['integer', 'decimal', 'float'];
export const temporalTypes: readonly LogicalType[] = ['date', 'timestamp'];

export function isNumeric(column: ProfiledColumn): boolean {
  return numericTypes.includes(column.logicalType);
}

export function isTemporal(column: ProfiledColumn): boolean {
  return temporalTypes.includes(column.logicalType);
}

/** Text that people type for "no value"; counted so the profile can say they are not nulls. */
export const missingMarkerValues = [
  'N/A',
  'n/a',
  'NA',
  'N.A.',
  '#N/A',
  'null',
  'NULL',
  'None',
  'none',
  '-',
  '--',
  '?',
  '',
];
const missingMarkers = missingMarkerValues.map((value) => `'${value}'`).join(', ');

/** How a column's distinct count is found: exact, HyperLogLog sketch, or from the top-values GROUP BY. */
export type DistinctMethod = 'exact' | 'sketch' | 'group';

/**
 * Every column's basic figures in one pass. On big tables distinct counts use HyperLogLog (or the
 * top-values GROUP BY for columns with few values), quartiles come from `sampleStatsSql`, and text
 * min/max (costly, rarely useful) are skipped.
 */
export function statsSql(
  table: string,
  columns: readonly ProfiledColumn[],
  exact: boolean,
  distinctMethod: (column: ProfiledColumn) => DistinctMethod,
): string {
  const parts = ['count(*) AS row_count'];
  for (const column of columns) {
    const c = `c${column.index}`;
    const q = quoteIdentifier(column.name);
    const comparable = ['other', 'blob', 'json', 'interval'].includes(column.logicalType)
      ? `${q}::VARCHAR`
      : q;
    parts.push(`count(${q}) AS ${c}_non_null`);
    const method = distinctMethod(column);
    if (method === 'exact') parts.push(`count(DISTINCT ${comparable}) AS ${c}_distinct`);
    if (method === 'sketch') parts.push(`approx_count_distinct(${comparable}) AS ${c}_distinct`);
    if (isNumeric(column)) {
      const x = `${q}::DOUBLE`;
      parts.push(`min(${x}) AS ${c}_min`, `max(${x}) AS ${c}_max`);
      parts.push(`avg(${x}) AS ${c}_mean`, `stddev_samp(${x}) AS ${c}_stddev`);
      if (exact) parts.push(`quantile_cont(${x}, [0.25, 0.5, 0.75]) AS ${c}_quantiles`);
    } else if (isTemporal(column)) {
      parts.push(`min(${q})::VARCHAR AS ${c}_min`, `max(${q})::VARCHAR AS ${c}_max`);
      parts.push(`epoch(min(${q}))::DOUBLE AS ${c}_min_epoch`, `epoch(max(${q}))::DOUBLE AS ${c}_max_epoch`);
    } else if (column.logicalType === 'text') {
      if (exact) parts.push(`left(min(${q}), 200) AS ${c}_min`, `left(max(${q}), 200) AS ${c}_max`);
      parts.push(`min(length(${q})) AS ${c}_len_min`, `max(length(${q})) AS ${c}_len_max`);
      parts.push(`avg(length(${q}))::DOUBLE AS ${c}_len_mean`);
    } else if (column.logicalType === 'boolean') {
      parts.push(`min(${q})::VARCHAR AS ${c}_min`, `max(${q})::VARCHAR AS ${c}_max`);
    }
  }
  return `SELECT ${parts.join(',\n  ')}\nFROM ${quoteIdentifier(table)}`;
}

/**
 * Quartiles and per-column distinct counts from a seeded Bernoulli row sample (about 1% error on
 * quartiles at 50k sampled rows, a tenth of the cost of t-digest sketches over every row). DuckDB's
 * reservoir_quantile was tried and is badly biased on ordered data when run in parallel.
 */
export function sampleStatsSql(table: string, columns: readonly ProfiledColumn[], percent: number): string {
  const list = ['count(*) AS sample_rows'];
  for (const column of columns) {
    const q = quoteIdentifier(column.name);
    const comparable = ['other', 'blob', 'json', 'interval'].includes(column.logicalType)
      ? `${q}::VARCHAR`
      : q;
    list.push(`approx_count_distinct(${comparable}) AS c${column.index}_sample_distinct`);
    if (isNumeric(column))
      list.push(`quantile_cont(${q}::DOUBLE, [0.25, 0.5, 0.75]) AS c${column.index}_quantiles`);
  }
  const from = quoteIdentifier(table);
  return `SELECT ${list.join(', ')} FROM ${from} USING SAMPLE ${percent.toFixed(4)}% (bernoulli, 42)`;
}

/** Exact count of rows that repeat an earlier row; the alias names the whole row as one struct. */
export function duplicateRowsSql(table: string): string {
  const from = quoteIdentifier(table);
  return `SELECT count(*) - count(DISTINCT hash(profiled_row)) AS duplicate_rows FROM ${from} AS profiled_row`;
}

export interface BinPlan {
  column: ProfiledColumn;
  /** SQL expression giving the value as a number (epoch seconds for dates). */
  valueSql: string;
  low: number;
  width: number;
  bins: number;
  /** IQR fences; absent when the column gets no outlier check. */
  fences?: { lower: number; upper: number };
}

/** Upper bounds of every bin but the last; DuckDB puts values above the last bound in an extra bucket. */
export function binBoundaries(plan: BinPlan): number[] {
  return Array.from(
    { length: plan.bins - 1 },
    (_, bin) => plan.low + (bin + 1) * plan.width - (plan.width === 1 ? 1 : 0),
  );
}

/**
 * Histograms and IQR outliers in one pass. `histogram(x, bounds)` bins with a binary search per value,
 * several times faster than grouping on a computed bucket number.
 */
export function distributionSql(table: string, plans: readonly BinPlan[]): string {
  const parts: string[] = [];
  for (const plan of plans) {
    const c = `c${plan.column.index}`;
    const x = plan.valueSql;
    parts.push(`histogram(${x}, [${binBoundaries(plan).join(', ')}]::DOUBLE[]) AS ${c}_histogram`);
    if (plan.fences) {
      const { lower, upper } = plan.fences;
      parts.push(`count(*) FILTER (WHERE ${x} < ${lower} OR ${x} > ${upper}) AS ${c}_outliers`);
      parts.push(`min(${x}, 3) FILTER (WHERE ${x} < ${lower}) AS ${c}_low_examples`);
      parts.push(`max(${x}, 3) FILTER (WHERE ${x} > ${upper}) AS ${c}_high_examples`);
    }
  }
  return `SELECT ${parts.join(',\n  ')}\nFROM ${quoteIdentifier(table)}`;
}

/**
 * The most frequent values of each listed column (ties broken by value, so results are stable), the
 * exact number of distinct values (`groups`, counted before the limit), and for text how many rows hold
 * a missing-value marker or padded text. Those checks run over the groups, not every row, so they cost
 * next to nothing. Grouping on the native value and casting only the winners is several times faster
 * than grouping text.
 */
export function topValuesSql(table: string, columns: readonly ProfiledColumn[], limit: number): string {
  const from = quoteIdentifier(table);
  return columns
    .map((column) => {
      const q = quoteIdentifier(column.name);
      const text = column.logicalType === 'text';
      const markers = text ? `sum(n) FILTER (WHERE value IN (${missingMarkers})) OVER ()` : '0';
      const padded = text
        ? `sum(n) FILTER (WHERE starts_with(value, ' ') OR ends_with(value, ' ')) OVER ()`
        : '0';
      return (
        `(SELECT ${column.index} AS column_index, value::VARCHAR AS value, n, groups, markers, padded FROM (` +
        `SELECT value, n, count(*) OVER () AS groups, ${markers} AS markers, ${padded} AS padded FROM (` +
        `SELECT ${q} AS value, count(*) AS n FROM ${from} WHERE ${q} IS NOT NULL GROUP BY 1) ` +
        `ORDER BY n DESC, value LIMIT ${limit}))`
      );
    })
    .join('\nUNION ALL\n');
}

/**
 * A reproducible row sample of the listed columns, for value-pattern checks. Big tables use block
 * (system) sampling, which reads a few vectors instead of the whole table.
 */
export function sampleSql(
  table: string,
  columns: readonly ProfiledColumn[],
  size: number,
  rowCount: number,
): string {
  const list = columns
    .map((column) => `${quoteIdentifier(column.name)}::VARCHAR AS c${column.index}`)
    .join(', ');
  const from = quoteIdentifier(table);
  if (rowCount <= size * 20)
    return `SELECT ${list} FROM ${from} USING SAMPLE reservoir(${size} ROWS) REPEATABLE (42)`;
  const percent = Math.min(100, ((size * 4) / rowCount) * 100).toFixed(4);
  return `SELECT ${list} FROM ${from} USING SAMPLE ${percent}% (system, 42) LIMIT ${size}`;
}

/** Exact uniqueness check for the few columns an estimate called unique. */
export function exactDistinctSql(table: string, columns: readonly ProfiledColumn[]): string {
  const list = columns.map((column) => `count(DISTINCT ${quoteIdentifier(column.name)}) AS c${column.index}`);
  return `SELECT ${list.join(', ')} FROM ${quoteIdentifier(table)}`;
}
