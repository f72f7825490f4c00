import {
  AskdataError,
  type CellValue,
  type ColumnSchema,
  type DialectName,
  dialects,
  type LogicalType,
} from '@askdata/core';

/** Dialects whose CTEs take a `VALUES` list with column names, so rows can travel inside the query text. */
const valuesDialects: ReadonlySet<DialectName> = new Set([
  'postgres',
  'duckdb',
  'sqlite',
  'trino',
  'snowflake',
]);

export function canInlineRows(dialect: DialectName): boolean {
  return valuesDialects.has(dialect);
}

/**
 * A CTE holding `rows` as literals in `dialect`: how a small table moves to where the big one lives without
 * write access there. Only the listed columns travel, typed by their logical type.
 */
export function inlineTableCte(
  name: string,
  columns: readonly ColumnSchema[],
  rows: readonly CellValue[][],
  dialect: DialectName,
): string {
  if (!canInlineRows(dialect))
    throw new AskdataError('unsupported_dialect', `Rows cannot be sent inline to ${dialect}.`);
  const target = dialects[dialect];
  const names = columns.map((column) => target.quoteIdentifier(column.name)).join(', ');
  const header = `${target.quoteIdentifier(name)}(${names})`;
  if (rows.length === 0) {
    const nulls = columns.map(() => 'NULL').join(', ');
    return `${header} AS (SELECT * FROM (VALUES (${nulls})) AS ${target.quoteIdentifier('empty')}(${names}) WHERE 1 = 0)`;
  }
  const tuples = rows.map(
    (row) =>
      `(${columns.map((column, index) => literal(row[index] ?? null, column.logicalType, dialect)).join(', ')})`,
  );
  return `${header} AS (VALUES ${tuples.join(', ')})`;
}

function literal(value: CellValue, logicalType: LogicalType, dialect: DialectName): string {
  const target = dialects[dialect];
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return target.booleanLiteral(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'NULL';
    return logicalType === 'float' ? target.toFloat(String(value)) : String(value);
  }
  if ((logicalType === 'date' || logicalType === 'timestamp') && /^\d{4}-\d\d-\d\d/.test(value))
    return target.dateLiteral(value.replace(/Z$/, '').replace(/\.\d+$/, ''));
  if ((logicalType === 'integer' || logicalType === 'decimal') && /^-?\d+(\.\d+)?$/.test(value)) return value;
  return target.stringLiteral(value);
}

/** Adds CTEs in front of a compiled statement, merging with its own WITH clause when it has one. */
export function withCtes(ctes: readonly string[], sql: string): string {
  if (ctes.length === 0) return sql;
  const own = /^WITH\s+/i.exec(sql);
  return own ? `WITH ${ctes.join(', ')}, ${sql.slice(own[0].length)}` : `WITH ${ctes.join(', ')} ${sql}`;
}
