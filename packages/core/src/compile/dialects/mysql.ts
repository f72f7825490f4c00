import type { Dialect } from '../dialect';
import { quoteWith } from '../dialect';

// Backslash is an escape character in MySQL string literals unless NO_BACKSLASH_ESCAPES is set.
function mysqlStringLiteral(value: string): string {
  return `'${value.split('\\').join('\\\\').split("'").join("''")}'`;
}

/** MySQL 8 and MariaDB 10.4+. Neither has an ordered-set percentile aggregate, so the compiler emulates it. */
export const mysqlDialect: Dialect = {
  name: 'mysql',
  quoteIdentifier: quoteWith('`'),
  stringLiteral: mysqlStringLiteral,
  booleanLiteral: (value) => (value ? 'TRUE' : 'FALSE'),
  dateLiteral: (iso) => (iso.length > 10 ? `TIMESTAMP '${iso.replace('T', ' ')}'` : `DATE '${iso}'`),
  timeGrain(expression, grain) {
    switch (grain) {
      case 'hour':
        return `CAST(DATE_FORMAT(${expression}, '%Y-%m-%d %H:00:00') AS DATETIME)`;
      case 'day':
        return `DATE(${expression})`;
      case 'week':
        return `DATE_SUB(DATE(${expression}), INTERVAL WEEKDAY(${expression}) DAY)`;
      case 'month':
        return `CAST(DATE_FORMAT(${expression}, '%Y-%m-01') AS DATE)`;
      case 'quarter':
        // MONTH rather than a QUARTER interval: the guard's MariaDB grammar knows no QUARTER unit.
        return `DATE_ADD(MAKEDATE(YEAR(${expression}), 1), INTERVAL QUARTER(${expression}) * 3 - 3 MONTH)`;
      case 'year':
        return `MAKEDATE(YEAR(${expression}), 1)`;
      case 'day_of_week':
        return `(WEEKDAY(${expression}) + 1)`;
      case 'month_of_year':
        return `MONTH(${expression})`;
    }
  },
  toFloat: (expression) => `CAST(${expression} AS DOUBLE)`,
  // Spelled out rather than `<=>`, which the guard's MySQL parser (node-sql-parser) does not accept.
  nullSafeEquals: (left, right) => `(${left} = ${right} OR (${left} IS NULL AND ${right} IS NULL))`,
  // MySQL has no NULLS LAST; sorting on the null test first gives the same order.
  orderTerm: (expression, direction) => `(${expression} IS NULL), ${expression} ${direction.toUpperCase()}`,
  likeInsensitive: (expression, pattern) =>
    `LOWER(${expression}) LIKE LOWER(${mysqlStringLiteral(pattern)}) ESCAPE '!'`,
  floor: (expression) => `FLOOR(${expression})`,
  previousYear: (expression, grain) =>
    `DATE_SUB(${expression}, INTERVAL ${grain === 'week' ? '364 DAY' : '1 YEAR'})`,
  percentile: () => undefined,
  stddev: (expression) => `STDDEV_SAMP(CAST(${expression} AS DOUBLE))`,
};
