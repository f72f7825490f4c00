import type { Dialect } from '../dialect';
import { likeBackslashPattern, quoteWith } from '../dialect';

/** ClickHouse reads backslash escapes in strings; quotes are doubled so the guard's grammar reads the same text. */
function stringLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * ClickHouse. Function names are case-sensitive and written as documented (toStartOfMonth). Outer joins fill
 * missing values with NULL only under `join_use_nulls = 1`, which the connector sets on every query. The
 * parametric `quantileExact(0.5)(x)` form is outside the guard's grammar, so medians are emulated.
 */
export const clickhouseDialect: Dialect = {
  name: 'clickhouse',
  quoteIdentifier: quoteWith('"'),
  stringLiteral,
  booleanLiteral: (value) => (value ? 'true' : 'false'),
  dateLiteral: (iso) => (iso.length > 10 ? `toDateTime('${iso.replace('T', ' ')}')` : `toDate('${iso}')`),
  timeGrain(expression, grain) {
    switch (grain) {
      case 'hour':
        return `toStartOfHour(${expression})`;
      case 'day':
        return `toDate(${expression})`;
      case 'week':
        return `toMonday(${expression})`;
      case 'month':
        return `toStartOfMonth(${expression})`;
      case 'quarter':
        return `toStartOfQuarter(${expression})`;
      case 'year':
        return `toStartOfYear(${expression})`;
      case 'day_of_week':
        return `toDayOfWeek(${expression})`;
      case 'month_of_year':
        return `toMonth(${expression})`;
    }
  },
  toFloat: (expression) => `toFloat64(${expression})`,
  nullSafeEquals: (left, right) => `(${left} = ${right} OR (${left} IS NULL AND ${right} IS NULL))`,
  orderTerm: (expression, direction) => `${expression} ${direction.toUpperCase()} NULLS LAST`,
  likeInsensitive: (expression, pattern) =>
    `${expression} ILIKE ${stringLiteral(likeBackslashPattern(pattern))}`,
  floor: (expression) => `floor(${expression})`,
  previousYear: (expression, grain) =>
    grain === 'week' ? `subtractDays(${expression}, 364)` : `subtractYears(${expression}, 1)`,
  percentile: () => undefined,
  stddev: (expression) => `stddevSamp(toFloat64(${expression}))`,
};
