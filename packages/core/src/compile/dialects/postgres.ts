import type { Dialect } from '../dialect';
import { quoteWith, standardStringLiteral } from '../dialect';

export const postgresDialect: Dialect = {
  name: 'postgres',
  quoteIdentifier: quoteWith('"'),
  stringLiteral: standardStringLiteral,
  booleanLiteral: (value) => (value ? 'TRUE' : 'FALSE'),
  dateLiteral: (iso) => (iso.length > 10 ? `TIMESTAMP '${iso.replace('T', ' ')}'` : `DATE '${iso}'`),
  timeGrain(expression, grain) {
    switch (grain) {
      case 'hour':
        return `date_trunc('hour', ${expression})`;
      case 'day_of_week':
        return `CAST(EXTRACT(ISODOW FROM ${expression}) AS INTEGER)`;
      case 'month_of_year':
        return `CAST(EXTRACT(MONTH FROM ${expression}) AS INTEGER)`;
      default:
        // date_trunc on a DATE yields a timestamp; cast back so every grain row is a plain date.
        return `CAST(date_trunc('${grain}', ${expression}) AS DATE)`;
    }
  },
  toFloat: (expression) => `CAST(${expression} AS DOUBLE PRECISION)`,
  nullSafeEquals: (left, right) => `${left} IS NOT DISTINCT FROM ${right}`,
  orderTerm: (expression, direction) => `${expression} ${direction.toUpperCase()} NULLS LAST`,
  likeInsensitive: (expression, pattern) =>
    `${expression} ILIKE ${standardStringLiteral(pattern)} ESCAPE '!'`,
  floor: (expression) => `floor(${expression})`,
  previousYear: (expression, grain) =>
    grain === 'hour'
      ? `${expression} - INTERVAL '1 year'`
      : `CAST(${expression} - INTERVAL '${grain === 'week' ? '364 days' : '1 year'}' AS DATE)`,
  percentile: (expression, fraction) =>
    `percentile_cont(${fraction}) WITHIN GROUP (ORDER BY CAST(${expression} AS DOUBLE PRECISION))`,
  stddev: (expression) => `stddev_samp(CAST(${expression} AS DOUBLE PRECISION))`,
};
