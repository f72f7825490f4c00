import type { Dialect } from '../dialect';
import { quoteWith } from '../dialect';

/** Snowflake reads backslash escapes inside single-quoted strings, so a backslash is doubled too. */
function stringLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * Snowflake. Quoted identifiers are case-sensitive, so names are quoted exactly as introspection reported
 * them (usually upper case). `DATE_TRUNC('WEEK')` starts on Monday under the default WEEK_START = 0.
 */
export const snowflakeDialect: Dialect = {
  name: 'snowflake',
  quoteIdentifier: quoteWith('"'),
  stringLiteral,
  booleanLiteral: (value) => (value ? 'TRUE' : 'FALSE'),
  dateLiteral: (iso) => (iso.length > 10 ? `TIMESTAMP '${iso.replace('T', ' ')}'` : `DATE '${iso}'`),
  timeGrain(expression, grain) {
    switch (grain) {
      case 'hour':
        return `DATE_TRUNC('HOUR', ${expression})`;
      case 'day_of_week':
        return `DAYOFWEEKISO(${expression})`;
      case 'month_of_year':
        return `MONTH(${expression})`;
      default:
        return `CAST(DATE_TRUNC('${grain.toUpperCase()}', ${expression}) AS DATE)`;
    }
  },
  toFloat: (expression) => `CAST(${expression} AS DOUBLE)`,
  nullSafeEquals: (left, right) => `${left} IS NOT DISTINCT FROM ${right}`,
  orderTerm: (expression, direction) => `${expression} ${direction.toUpperCase()} NULLS LAST`,
  likeInsensitive: (expression, pattern) => `${expression} ILIKE ${stringLiteral(pattern)} ESCAPE '!'`,
  floor: (expression) => `FLOOR(${expression})`,
  previousYear: (expression, grain) =>
    grain === 'hour'
      ? `${expression} - INTERVAL '1 year'`
      : `CAST(${expression} - INTERVAL '${grain === 'week' ? '364 days' : '1 year'}' AS DATE)`,
  percentile: (expression, fraction) =>
    `PERCENTILE_CONT(${fraction}) WITHIN GROUP (ORDER BY CAST(${expression} AS DOUBLE))`,
  stddev: (expression) => `STDDEV_SAMP(CAST(${expression} AS DOUBLE))`,
};
