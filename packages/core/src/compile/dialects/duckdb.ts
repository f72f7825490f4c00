import type { Dialect } from '../dialect';
import { quoteWith, standardStringLiteral } from '../dialect';

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  quoteIdentifier: quoteWith('"'),
  stringLiteral: standardStringLiteral,
  booleanLiteral: (value) => (value ? 'TRUE' : 'FALSE'),
  dateLiteral: (iso) => (iso.length > 10 ? `TIMESTAMP '${iso.replace('T', ' ')}'` : `DATE '${iso}'`),
  timeGrain(expression, grain) {
    switch (grain) {
      case 'hour':
        return `date_trunc('hour', ${expression})`;
      case 'day_of_week':
        return `EXTRACT(isodow FROM ${expression})`;
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
    `${expression} ILIKE ${standardStringLiteral(pattern)} ESCAPE '!'`,
  floor: (expression) => `floor(${expression})`,
  // Quoted intervals: the guard reads DuckDB SQL with the PostgreSQL grammar, which lacks `INTERVAL 1 YEAR`.
  previousYear: (expression, grain) =>
    grain === 'hour'
      ? `${expression} - INTERVAL '1 year'`
      : `CAST(${expression} - INTERVAL '${grain === 'week' ? '364 days' : '1 year'}' AS DATE)`,
  percentile: (expression, fraction) => `quantile_cont(CAST(${expression} AS DOUBLE), ${fraction})`,
  stddev: (expression) => `stddev_samp(CAST(${expression} AS DOUBLE))`,
  // A plain scan keeps file order (preserve_insertion_order is on by default), so numbering it is stable.
  rowPosition: { kind: 'window' },
};
