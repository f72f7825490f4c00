import type { Dialect } from '../dialect';
import { quoteWith, standardStringLiteral } from '../dialect';

/**
 * SQLite 3.39+ (better-sqlite3 12 ships 3.5x). Dates are ISO text, so date functions work on strings and
 * date literals are plain strings that compare correctly with stored ISO dates and timestamps.
 */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  quoteIdentifier: quoteWith('"'),
  stringLiteral: standardStringLiteral,
  booleanLiteral: (value) => (value ? '1' : '0'),
  dateLiteral: (iso) => standardStringLiteral(iso.replace('T', ' ')),
  timeGrain(expression, grain) {
    switch (grain) {
      case 'hour':
        return `strftime('%Y-%m-%d %H:00:00', ${expression})`;
      case 'day':
        return `date(${expression})`;
      case 'week':
        return `date(${expression}, '-' || ((CAST(strftime('%w', ${expression}) AS INTEGER) + 6) % 7) || ' days')`;
      case 'month':
        return `date(${expression}, 'start of month')`;
      case 'quarter':
        return `date(${expression}, 'start of month', '-' || ((CAST(strftime('%m', ${expression}) AS INTEGER) - 1) % 3) || ' months')`;
      case 'year':
        return `date(${expression}, 'start of year')`;
      case 'day_of_week':
        return `((CAST(strftime('%w', ${expression}) AS INTEGER) + 6) % 7 + 1)`;
      case 'month_of_year':
        return `CAST(strftime('%m', ${expression}) AS INTEGER)`;
    }
  },
  toFloat: (expression) => `CAST(${expression} AS REAL)`,
  nullSafeEquals: (left, right) => `${left} IS ${right}`,
  orderTerm: (expression, direction) => `${expression} ${direction.toUpperCase()} NULLS LAST`,
  likeInsensitive: (expression, pattern) =>
    `LOWER(${expression}) LIKE LOWER(${standardStringLiteral(pattern)}) ESCAPE '!'`,
  floor: (expression) => `CAST(${expression} AS INTEGER)`,
  // SQLite rolls 29 February forward to 1 March; other databases clamp to the 28th (day grain only).
  previousYear: (expression, grain) =>
    grain === 'hour'
      ? `strftime('%Y-%m-%d %H:00:00', ${expression}, '-1 years')`
      : `date(${expression}, '${grain === 'week' ? '-364 days' : '-1 years'}')`,
  percentile: () => undefined,
  // No stddev aggregate: sample standard deviation from sums (fine for analytics-sized values).
  stddev: (expression) =>
    `sqrt((SUM(CAST(${expression} AS REAL) * ${expression}) - SUM(CAST(${expression} AS REAL)) * SUM(${expression}) / COUNT(${expression})) / NULLIF(COUNT(${expression}) - 1, 0))`,
  rowPosition: { kind: 'column', column: 'rowid' },
};
