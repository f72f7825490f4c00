import type { AnalysisSource } from '@askdata/assistant';
import { type CellValue, type ColumnSchema, dialects, type LogicalType } from '@askdata/core';
import type { ColumnProfile, SemanticType, TableProfile } from '@askdata/engine';

export interface DatabaseProfileOptions {
  /** Above this many rows, every figure but the row count comes from the first this-many rows. */
  sampleRows: number;
  /** Time limit of each query. */
  timeoutMs: number;
}

/** Columns per aggregate query, so a wide table does not become one enormous statement. */
const columnsPerQuery = 20;

const numeric = new Set<LogicalType>(['integer', 'decimal', 'float']);
/** Types every supported database can take min/max of (PostgreSQL has no min(boolean), json has no order). */
const ordered = new Set<LogicalType>(['integer', 'decimal', 'float', 'date', 'timestamp', 'time', 'text']);
/** Types whose values can be compared for a distinct count. */
const comparable = new Set<LogicalType>([...ordered, 'boolean', 'interval']);

function semanticTypeOf(column: ColumnSchema, distinct: number, nonNull: number, key: boolean): SemanticType {
  if (key) return 'id';
  if (column.logicalType === 'boolean') return 'boolean';
  if (column.logicalType === 'date' || column.logicalType === 'timestamp') return 'date';
  if (numeric.has(column.logicalType)) return 'number';
  if (column.logicalType === 'text')
    return distinct <= 50 || distinct <= nonNull * 0.05 ? 'category' : 'text';
  return 'text';
}

const asNumber = (value: CellValue | undefined) =>
  value === null || value === undefined ? 0 : Number(value);
const asBound = (value: CellValue | undefined, column: ColumnSchema): number | string | null => {
  if (value === null || value === undefined) return null;
  return numeric.has(column.logicalType) ? Number(value) : String(value);
};

/**
 * A bounded profile of one database table, computed in the database (push-down): the exact row count,
 * then per column the nulls, distinct values, min, max (and mean for numbers), over the first
 * `sampleRows` rows when the table is larger. Every statement goes through the source's guard; the
 * source's view of the table already leaves out columns the caller may not see. The shape is the
 * workspace profile's, with the figures a database cannot give cheaply left empty.
 */
export async function profileDatabaseTable(
  source: AnalysisSource,
  tableName: string,
  options: DatabaseProfileOptions,
): Promise<TableProfile & { sampled: boolean; profiledRows: number }> {
  const started = performance.now();
  const table = source.tables().find((candidate) => candidate.name === tableName);
  if (!table) throw new Error(`${tableName} is not a table of this source`);
  const dialect = dialects[source.dialect];
  const quote = (name: string) => dialect.quoteIdentifier(name);
  const limits = { maxRows: 1, timeoutMs: options.timeoutMs };
  const query = async (sql: string) => {
    const { sql: validated } = await source.validate(sql, 1);
    return (await source.run(validated, limits)).rows[0] ?? [];
  };

  const rowCount = asNumber((await query(`SELECT count(*) AS row_count FROM ${quote(table.name)}`))[0]);
  const sampled = rowCount > options.sampleRows;
  const columns = table.columns;
  const from = sampled
    ? `(SELECT ${columns.map((column) => quote(column.name)).join(', ')} FROM ${quote(table.name)} LIMIT ${options.sampleRows}) AS profiled`
    : quote(table.name);
  const profiledRows = sampled ? options.sampleRows : rowCount;

  const profiles: ColumnProfile[] = [];
  for (let start = 0; start < columns.length; start += columnsPerQuery) {
    const batch = columns.slice(start, start + columnsPerQuery);
    const terms: string[] = [];
    const positions = batch.map((column, index) => {
      const name = quote(column.name);
      const at = (term: string, alias: string) => {
        terms.push(`${term} AS ${alias}${index}`);
        return terms.length - 1;
      };
      return {
        nonNull: at(`count(${name})`, 'non_null_'),
        distinct: comparable.has(column.logicalType) ? at(`count(DISTINCT ${name})`, 'distinct_') : undefined,
        min: ordered.has(column.logicalType) ? at(`min(${name})`, 'min_') : undefined,
        max: ordered.has(column.logicalType) ? at(`max(${name})`, 'max_') : undefined,
        mean: numeric.has(column.logicalType) ? at(`avg(${dialect.toFloat(name)})`, 'mean_') : undefined,
      };
    });
    const row = await query(`SELECT ${terms.join(', ')} FROM ${from}`);
    batch.forEach((column, index) => {
      const at = positions[index];
      if (!at) return;
      const nonNull = asNumber(row[at.nonNull]);
      const nullCount = profiledRows - nonNull;
      const distinct = at.distinct === undefined ? 0 : asNumber(row[at.distinct]);
      const key = (table.primaryKey ?? []).length === 1 && table.primaryKey?.[0] === column.name;
      const notes = [
        ...(nonNull === 0 && profiledRows > 0 ? ['All values are empty.'] : []),
        ...(distinct === 1 && nullCount === 0 ? ['Every row has the same value.'] : []),
      ];
      profiles.push({
        name: column.name,
        ...(column.label ? { label: column.label } : {}),
        sourceType: column.sourceType,
        logicalType: column.logicalType,
        semanticType: semanticTypeOf(column, distinct, nonNull, key),
        nullCount,
        nullShare: profiledRows === 0 ? 0 : nullCount / profiledRows,
        distinctCount: distinct,
        distinctApproximate: false,
        min: at.min === undefined ? null : asBound(row[at.min], column),
        max: at.max === undefined ? null : asBound(row[at.max], column),
        mean: at.mean === undefined || row[at.mean] === null ? null : Number(row[at.mean]),
        stddev: null,
        quantiles: null,
        length: null,
        topValues: [],
        histogram: [],
        outliers: null,
        pii: [],
        notes,
      });
    });
  }

  const candidateKeys = profiles
    .filter((column) => column.nullCount === 0 && column.distinctCount === profiledRows && profiledRows > 0)
    .map((column) => column.name);
  const dated = profiles.find((column) => column.semanticType === 'date' && column.min !== null);
  return {
    table: table.name,
    rowCount,
    columnCount: profiles.length,
    duplicateRows: 0,
    candidateKeys: sampled ? [] : candidateKeys,
    dateRange:
      dated && dated.min !== null && dated.max !== null
        ? { column: dated.name, min: String(dated.min), max: String(dated.max) }
        : null,
    columns: profiles,
    suggestedQuestions: [],
    approximate: { distinct: sampled, quantiles: false },
    notes: [
      'Computed in the database; duplicate rows, value lists and histograms are not counted there.',
      ...(sampled
        ? [`The table has ${rowCount} rows; column figures come from the first ${options.sampleRows}.`]
        : []),
    ],
    elapsedMs: Math.round(performance.now() - started),
    sampled,
    profiledRows,
  };
}
