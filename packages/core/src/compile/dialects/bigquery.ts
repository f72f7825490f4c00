import type { Dialect } from '../dialect';
import { likeBackslashPattern } from '../dialect';

/** GoogleSQL reserved keywords: an identifier spelled like one must be quoted. */
const reserved = new Set(
  `all and any array as asc assert_rows_modified at between by case cast collate contains create cross cube
  current default define desc distinct else end enum escape except exclude exists extract false fetch following
  for from full group grouping groups hash having if ignore in inner intersect interval into is join lateral
  left like limit lookup merge natural new no not null nulls of on or order outer over partition preceding
  proto qualify range recursive respect right rollup rows select set some struct tablesample then to treat
  true unbounded union unnest using when where window with within`.split(/\s+/),
);

/**
 * Quoted only when it must be: GoogleSQL compares quoted and unquoted names the same way, and the guard's
 * BigQuery grammar (node-sql-parser) refuses back-quoted CTE names.
 */
function quoteIdentifier(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !reserved.has(name.toLowerCase())) return name;
  return `\`${name.replace(/[\\`]/g, (character) => `\\${character}`)}\``;
}

/** GoogleSQL strings take backslash escapes and have no doubled-quote form. */
function stringLiteral(value: string): string {
  const escaped = value.replace(/[\\'\n\r]/g, (character) =>
    character === '\n' ? '\\n' : character === '\r' ? '\\r' : `\\${character}`,
  );
  return `'${escaped}'`;
}

/**
 * BigQuery (GoogleSQL). Date and time literals are plain strings: GoogleSQL coerces a string literal to the
 * DATE, DATETIME or TIMESTAMP it is compared with, where a typed literal would fail against the other types.
 * There is no NULL-safe `=` or NULLS LAST in the guard's grammar, and PERCENTILE_CONT is only analytic, so
 * those are spelled out or emulated.
 */
export const bigqueryDialect: Dialect = {
  name: 'bigquery',
  quoteIdentifier,
  stringLiteral,
  booleanLiteral: (value) => (value ? 'TRUE' : 'FALSE'),
  dateLiteral: (iso) => stringLiteral(iso.replace('T', ' ')),
  timeGrain(expression, grain) {
    switch (grain) {
      case 'hour':
        return `DATETIME_TRUNC(CAST(${expression} AS DATETIME), HOUR)`;
      case 'day':
        return `CAST(${expression} AS DATE)`;
      case 'week':
        return `DATE_TRUNC(CAST(${expression} AS DATE), ISOWEEK)`;
      case 'month':
      case 'quarter':
      case 'year':
        return `DATE_TRUNC(CAST(${expression} AS DATE), ${grain.toUpperCase()})`;
      case 'day_of_week':
        // DAYOFWEEK counts from Sunday = 1; shifted so Monday = 1 … Sunday = 7 like the other dialects.
        return `(MOD(EXTRACT(DAYOFWEEK FROM ${expression}) + 5, 7) + 1)`;
      case 'month_of_year':
        return `EXTRACT(MONTH FROM ${expression})`;
    }
  },
  toFloat: (expression) => `CAST(${expression} AS FLOAT64)`,
  nullSafeEquals: (left, right) => `(${left} = ${right} OR (${left} IS NULL AND ${right} IS NULL))`,
  orderTerm: (expression, direction) => `(${expression} IS NULL), ${expression} ${direction.toUpperCase()}`,
  likeInsensitive: (expression, pattern) =>
    `LOWER(${expression}) LIKE LOWER(${stringLiteral(likeBackslashPattern(pattern))})`,
  floor: (expression) => `FLOOR(${expression})`,
  previousYear: (expression, grain) =>
    grain === 'hour'
      ? `DATETIME_SUB(${expression}, INTERVAL 1 YEAR)`
      : `DATE_SUB(${expression}, INTERVAL ${grain === 'week' ? '364 DAY' : '1 YEAR'})`,
  percentile: () => undefined,
  stddev: (expression) => `STDDEV_SAMP(CAST(${expression} AS FLOAT64))`,
  unionDistinct: 'UNION DISTINCT',
};
