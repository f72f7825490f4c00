import { AskdataError, type LogicalType, type TableSchema } from '@askdata/core';
import type { DuckDBConnection } from '@duckdb/node-api';
import { logicalTypeOf } from '../workspace/logical-type';
import { quoteIdentifier } from '../workspace/sql-text';
import {
  type BinPlan,
  binBoundaries,
  type DistinctMethod,
  distributionSql,
  duplicateRowsSql,
  exactDistinctSql,
  isNumeric,
  isTemporal,
  type ProfiledColumn,
  sampleSql,
  sampleStatsSql,
  statsSql,
  topValuesSql,
} from './profile-sql';
import { detectSemanticType } from './semantic-type';
import { suggestQuestions } from './suggest-questions';
import type { ColumnProfile, HistogramBin, OutlierSummary, TableProfile, ValueCount } from './types';

export interface ProfileOptions {
  /** The workspace's schema for this table: labels and unit hints. */
  schema?: TableSchema;
  /** Per-column notes recorded at ingestion (e.g. "mixed: 93% dates", kept as text); shown in the profile. */
  columnNotes?: Readonly<Record<string, readonly string[]>>;
  /** Table-level notes and warnings from ingestion (e.g. a trailing totals row). */
  tableNotes?: readonly string[];
  /** Up to this many rows, distinct counts and quantiles are exact; above it they are sketches. */
  exactRowLimit?: number;
  topValues?: number;
  histogramBins?: number;
  sampleSize?: number;
}

type Row = Record<string, unknown>;

const defaults = { exactRowLimit: 200_000, topValues: 5, histogramBins: 10, sampleSize: 1000 } as const;
/** Columns with more distinct values than this get no top-values list (a GROUP BY would cost too much). */
const topValuesMaxDistinct = 100_000;
/** Rows sampled for quartiles on big tables. */
const quantileSampleRows = 50_000;
/** Types a GROUP BY handles natively (others are compared as text). */
const groupableTypes: readonly LogicalType[] = [
  'integer',
  'decimal',
  'float',
  'date',
  'timestamp',
  'text',
  'boolean',
];

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

function toNumbers(value: unknown): number[] {
  return Array.isArray(value) ? value.map(toNumber).filter((n): n is number => n !== null) : [];
}

async function readRows(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Row[];
  } catch (error) {
    throw new AskdataError('query_failed', 'Profiling query failed.', { cause: error, details: { sql } });
  }
}

async function describe(connection: DuckDBConnection, table: string): Promise<ProfiledColumn[]> {
  let reader: Awaited<ReturnType<DuckDBConnection['runAndReadAll']>>;
  try {
    reader = await connection.runAndReadAll(`SELECT * FROM ${quoteIdentifier(table)} LIMIT 0`);
  } catch (error) {
    throw new AskdataError('table_not_found', `Table "${table}" does not exist.`, { cause: error });
  }
  const types = reader.columnTypes();
  return reader.columnNames().map((name, index) => ({
    index,
    name,
    logicalType: logicalTypeOf(types[index]!.typeId),
    sourceType: types[index]!.toString(),
  }));
}

/** Equal-width bins; integers with a small range get one bin per value. */
function binPlan(column: ProfiledColumn, stats: Row, bins: number): BinPlan | undefined {
  const c = `c${column.index}`;
  const temporal = isTemporal(column);
  const low = toNumber(temporal ? stats[`${c}_min_epoch`] : stats[`${c}_min`]);
  const high = toNumber(temporal ? stats[`${c}_max_epoch`] : stats[`${c}_max`]);
  if (low === null || high === null || high <= low) return undefined;
  const q = quoteIdentifier(column.name);
  const valueSql = temporal ? `epoch(${q})::DOUBLE` : `${q}::DOUBLE`;
  const smallIntegerRange = column.logicalType === 'integer' && high - low + 1 <= bins;
  const count = smallIntegerRange ? high - low + 1 : bins;
  const width = smallIntegerRange ? 1 : (high - low) / bins;
  const quantiles = toNumbers(stats[`${c}_quantiles`]);
  const [p25, , p75] = quantiles;
  let fences: BinPlan['fences'];
  if (isNumeric(column) && p25 !== undefined && p75 !== undefined && p75 > p25) {
    const iqr = p75 - p25;
    fences = { lower: p25 - 1.5 * iqr, upper: p75 + 1.5 * iqr };
  }
  return { column, valueSql, low, width, bins: count, ...(fences ? { fences } : {}) };
}

function formatBound(plan: BinPlan, value: number): number | string {
  if (!isTemporal(plan.column)) return Number(value.toPrecision(12));
  const iso = new Date(value * 1000).toISOString();
  return plan.column.logicalType === 'date' ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

function histogramOf(plan: BinPlan, value: unknown): HistogramBin[] {
  const boundaries = binBoundaries(plan);
  const counts = new Array<number>(plan.bins).fill(0);
  if (Array.isArray(value)) {
    for (const entry of value as { key: unknown; value: unknown }[]) {
      const key = Number(entry.key);
      // Keys are our own bounds echoed back; anything past the last bound is the final bin.
      let bin = boundaries.findIndex((bound) => Math.abs(bound - key) <= Math.abs(bound) * 1e-12);
      if (bin < 0) bin = plan.bins - 1;
      counts[bin] = (counts[bin] ?? 0) + Number(entry.value);
    }
  }
  return counts.map((count, bin) => ({
    from: formatBound(plan, plan.low + bin * plan.width),
    to: formatBound(plan, plan.low + (bin + 1) * plan.width - (plan.width === 1 ? 1 : 0)),
    count,
  }));
}

function outliersOf(plan: BinPlan, row: Row): OutlierSummary | null {
  if (!plan.fences) return null;
  const c = `c${plan.column.index}`;
  const examples = [...toNumbers(row[`${c}_low_examples`]), ...toNumbers(row[`${c}_high_examples`])];
  return {
    lowerFence: plan.fences.lower,
    upperFence: plan.fences.upper,
    count: toNumber(row[`${c}_outliers`]) ?? 0,
    examples: [...new Set(examples)],
  };
}

/**
 * Profiles one table with a handful of aggregate scans: basic figures for every column in one pass,
 * histograms and outliers in a second, top values (with exact distinct counts) for columns with few
 * values, a small sample for semantic types, and an exact uniqueness check for likely keys. Up to
 * `exactRowLimit` rows everything is exact; above it quartiles come from a row sample and distinct
 * counts of many-valued columns from HyperLogLog (flagged per column).
 */
export async function profileTable(
  connection: DuckDBConnection,
  table: string,
  options: ProfileOptions = {},
): Promise<TableProfile> {
  const started = performance.now();
  const settings = { ...defaults, ...options };
  const columns = await describe(connection, table);
  const [countRow] = await readRows(connection, `SELECT count(*) AS n FROM ${quoteIdentifier(table)}`);
  const rowCount = toNumber(countRow?.['n']) ?? 0;
  const exact = rowCount <= settings.exactRowLimit;

  // Big tables: a row sample gives quartiles and tells which columns have few values; those get an
  // exact distinct count from the top-values GROUP BY, the rest a HyperLogLog sketch.
  const sketched = new Set<number>();
  let sampled: Row = {};
  if (!exact) {
    const percent = Math.min(100, (quantileSampleRows / rowCount) * 100);
    [sampled = {}] = await readRows(connection, sampleStatsSql(table, columns, percent));
    const sampleRows = toNumber(sampled['sample_rows']) ?? 0;
    for (const column of columns) {
      const distinct = toNumber(sampled[`c${column.index}_sample_distinct`]) ?? 0;
      const few = distinct <= topValuesMaxDistinct / 10 && distinct <= sampleRows * 0.2;
      if (!few || !groupableTypes.includes(column.logicalType)) sketched.add(column.index);
    }
  }
  const distinctMethod = (column: ProfiledColumn): DistinctMethod =>
    exact ? 'exact' : sketched.has(column.index) ? 'sketch' : 'group';
  const [stats = {}] = await readRows(connection, statsSql(table, columns, exact, distinctMethod));
  for (const column of columns.filter(isNumeric)) {
    const key = `c${column.index}_quantiles`;
    if (!exact) stats[key] = sampled[key];
  }

  const plans = columns
    .filter((column) => isNumeric(column) || isTemporal(column))
    .map((column) => binPlan(column, stats, settings.histogramBins))
    .filter((plan): plan is BinPlan => plan !== undefined);
  const [distribution = {}] =
    plans.length > 0 ? await readRows(connection, distributionSql(table, plans)) : [];

  const nonNullOf = (column: ProfiledColumn): number => toNumber(stats[`c${column.index}_non_null`]) ?? 0;
  const topColumns = columns.filter((column) => {
    if (distinctMethod(column) === 'group') return true;
    const distinct = toNumber(stats[`c${column.index}_distinct`]) ?? 0;
    return (
      distinct > 0 &&
      distinct <= topValuesMaxDistinct &&
      distinct < nonNullOf(column) &&
      groupableTypes.includes(column.logicalType)
    );
  });
  const topRows =
    topColumns.length > 0
      ? await readRows(connection, topValuesSql(table, topColumns, settings.topValues))
      : [];
  const topValues = new Map<number, ValueCount[]>();
  for (const column of topColumns) {
    // No rows back means no non-null values at all.
    if (distinctMethod(column) === 'group') stats[`c${column.index}_distinct`] = 0;
  }
  for (const row of topRows) {
    const index = Number(row['column_index']);
    const list = topValues.get(index) ?? [];
    list.push({ value: String(row['value']), count: toNumber(row['n']) ?? 0 });
    topValues.set(index, list);
    // The GROUP BY counted every distinct value exactly; better than any sketch.
    stats[`c${index}_distinct`] = toNumber(row['groups']) ?? 0;
    stats[`c${index}_markers`] = row['markers'];
    stats[`c${index}_padded`] = row['padded'];
    sketched.delete(index);
  }
  const distinctOf = (column: ProfiledColumn): number => toNumber(stats[`c${column.index}_distinct`]) ?? 0;

  const textColumns = columns.filter((column) => column.logicalType === 'text');
  const sampleRows =
    textColumns.length > 0
      ? await readRows(connection, sampleSql(table, textColumns, settings.sampleSize, rowCount))
      : [];

  // Sketches can call a column unique when it is not (or miss by a hair); confirm keys exactly.
  const keyCandidates = columns.filter((column) => {
    const nonNull = nonNullOf(column);
    // Keys are whole numbers or codes; a unique float or date column is a coincidence, not a key.
    const keyType = column.logicalType === 'integer' || column.logicalType === 'text';
    // DuckDB's HyperLogLog can be off by several percent, hence the loose bar before the exact check.
    return (
      keyType && rowCount > 0 && nonNull === rowCount && distinctOf(column) >= rowCount * (exact ? 1 : 0.8)
    );
  });
  let candidateKeys = keyCandidates.map((column) => column.name);
  if (!exact && keyCandidates.length > 0) {
    const [exactRow = {}] = await readRows(connection, exactDistinctSql(table, keyCandidates));
    candidateKeys = keyCandidates
      .filter((column) => toNumber(exactRow[`c${column.index}`]) === rowCount)
      .map((c) => c.name);
  }

  // A unique non-null column already proves there are no duplicate rows; otherwise count them.
  let duplicateRows = 0;
  if (candidateKeys.length === 0 && rowCount > 1) {
    const [duplicates = {}] = await readRows(connection, duplicateRowsSql(table));
    duplicateRows = toNumber(duplicates['duplicate_rows']) ?? 0;
  }

  const labels = new Map(options.schema?.columns.map((column) => [column.name, column]) ?? []);
  const profiles: ColumnProfile[] = columns.map((column) => {
    const c = `c${column.index}`;
    const nonNull = nonNullOf(column);
    const distinct = candidateKeys.includes(column.name) ? rowCount : Math.min(distinctOf(column), nonNull);
    const plan = plans.find((candidate) => candidate.column.index === column.index);
    const [p25, p50, p75] = toNumbers(stats[`${c}_quantiles`]);
    const schemaColumn = labels.get(column.name);
    const sample = sampleRows
      .map((row) => row[c])
      .filter((value): value is string => typeof value === 'string');
    const semantic = detectSemanticType({
      name: column.name,
      logicalType: column.logicalType,
      ...(schemaColumn?.unit ? { unit: schemaColumn.unit } : {}),
      rowCount,
      nonNullCount: nonNull,
      distinctCount: distinct,
      sample,
    });
    const minimum = stats[`${c}_min`];
    const maximum = stats[`${c}_max`];
    const notes = [...(options.columnNotes?.[column.name] ?? [])];
    const markers = toNumber(stats[`${c}_markers`]) ?? 0;
    if (markers > 0) {
      notes.push(
        `${markers} ${markers === 1 ? 'value looks' : 'values look'} like a missing-value marker (N/A, null, -): counted as values, not as empty.`,
      );
    }
    const padded = toNumber(stats[`${c}_padded`]) ?? 0;
    if (padded > 0)
      notes.push(`${padded} ${padded === 1 ? 'value has' : 'values have'} leading or trailing spaces.`);
    if (rowCount > 0 && nonNull === 0) notes.push('All values are empty.');
    else if (distinct === 1 && nonNull === rowCount && rowCount > 1)
      notes.push('Every row has the same value.');
    const lengthMin = toNumber(stats[`${c}_len_min`]);
    return {
      name: column.name,
      ...(schemaColumn?.label && schemaColumn.label !== column.name ? { label: schemaColumn.label } : {}),
      sourceType: column.sourceType,
      logicalType: column.logicalType,
      semanticType: semantic.semanticType,
      nullCount: rowCount - nonNull,
      nullShare: rowCount === 0 ? 0 : (rowCount - nonNull) / rowCount,
      distinctCount: distinct,
      distinctApproximate: sketched.has(column.index) && !candidateKeys.includes(column.name),
      min: isNumeric(column) ? toNumber(minimum) : typeof minimum === 'string' ? minimum : null,
      max: isNumeric(column) ? toNumber(maximum) : typeof maximum === 'string' ? maximum : null,
      mean: toNumber(stats[`${c}_mean`]),
      stddev: toNumber(stats[`${c}_stddev`]),
      quantiles: p25 !== undefined && p50 !== undefined && p75 !== undefined ? { p25, p50, p75 } : null,
      length:
        lengthMin === null
          ? null
          : {
              min: lengthMin,
              max: toNumber(stats[`${c}_len_max`]) ?? 0,
              mean: toNumber(stats[`${c}_len_mean`]) ?? 0,
            },
      topValues: topValues.get(column.index) ?? [],
      histogram: plan ? histogramOf(plan, distribution[`${c}_histogram`]) : [],
      outliers: plan ? outliersOf(plan, distribution) : null,
      pii: semantic.pii,
      notes,
    };
  });

  const dateColumn = profiles.find(
    (column) => column.semanticType === 'date' && isTemporalType(column) && column.min !== null,
  );
  return {
    table,
    rowCount,
    columnCount: columns.length,
    duplicateRows,
    candidateKeys,
    dateRange: dateColumn
      ? { column: dateColumn.name, min: String(dateColumn.min), max: String(dateColumn.max) }
      : null,
    columns: profiles,
    suggestedQuestions: suggestQuestions(table, profiles),
    approximate: { distinct: !exact, quantiles: !exact },
    notes: [...(options.tableNotes ?? [])],
    elapsedMs: Math.round(performance.now() - started),
  };
}

function isTemporalType(column: ColumnProfile): boolean {
  return column.logicalType === 'date' || column.logicalType === 'timestamp';
}
