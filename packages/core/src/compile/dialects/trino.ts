import type { Dialect } from '../dialect';
import { quoteWith, standardStringLiteral } from '../dialect';

/**
 * Trino (and Presto). No ILIKE, so case-insensitive matching lowers both sides; only an approximate
 * percentile exists, so medians are emulated exactly by the compiler.
 */
export const trinoDialect: Dialect = {
  name: 'trino',
  quoteIdentifier: quoteWith('"'),
  stringLiteral: standardStringLiteral,
  booleanLiteral: (value) => (value ? 'TRUE' : 'FALSE'),
  dateLiteral: (iso) => (iso.length > 10 ? `TIMESTAMP '${iso.replace('T', ' ')}'` : `DATE '${iso}'`),
  timeGrain(expression, grain) {
    switch (grain) {
      case 'hour':
        return `date_trunc('hour', ${expression})`;
      case 'day_of_week':
        return `day_of_week(${expression})`;
      case 'month_of_year':
        return `month(${expression})`;
      default:
        return `CAST(date_trunc('${grain}', ${expression}) AS DATE)`;
    }
  },
  toFloat: (expression) => `CAST(${expression} AS DOUBLE)`,
  nullSafeEquals: (left, right) => `${left} IS NOT DISTINCT FROM ${right}`,
  orderTerm: (expression, direction) => `${expression} ${direction.toUpperCase()} NULLS LAST`,
  likeInsensitive: (expression, pattern) =>
    `LOWER(${expression}) LIKE LOWER(${standardStringLiteral(pattern)}) ESCAPE '!'`,
  floor: (expression) => `floor(${expression})`,
  previousYear: (expression, grain) =>
    grain === 'hour'
      ? `${expression} - INTERVAL '1' YEAR`
      : `CAST(${expression} - INTERVAL ${grain === 'week' ? "'364' DAY" : "'1' YEAR"} AS DATE)`,
  percentile: () => undefined,
  stddev: (expression) => `stddev_samp(CAST(${expression} AS DOUBLE))`,
};
