import type { DialectName } from '../dialect-name';
import type { TimeGrain, TruncatingGrain } from '../query-spec/types';

/**
 * Everything the compiler needs to know about one database's SQL. One object per database; the
 * compiler itself never branches on the dialect name.
 */
export interface Dialect {
  name: DialectName;
  quoteIdentifier(name: string): string;
  stringLiteral(value: string): string;
  booleanLiteral(value: boolean): string;
  /** A date (`YYYY-MM-DD`) or timestamp (`YYYY-MM-DD HH:MM:SS`) literal comparable with date/timestamp columns. */
  dateLiteral(iso: string): string;
  /** Truncating grains return a date (timestamp for hour); cyclic grains return integers (ISO day 1=Monday, month 1-12). */
  timeGrain(expression: string, grain: TimeGrain): string;
  /** Makes division and averages use floating point (PostgreSQL and SQLite divide integers as integers). */
  toFloat(expression: string): string;
  /** Equality where NULL matches NULL, for joining pre-aggregated groups. */
  nullSafeEquals(left: string, right: string): string;
  /** An ORDER BY term that always sorts NULLs last, whatever the database's default. */
  orderTerm(expression: string, direction: 'asc' | 'desc'): string;
  /**
   * Case-insensitive LIKE. `pattern` is the raw pattern text (not yet a literal) in which `!` escapes the next
   * character; dialects whose LIKE has no ESCAPE clause rewrite it with `likeBackslashPattern`.
   */
  likeInsensitive(expression: string, pattern: string): string;
  floor(expression: string): string;
  /** The same period one year earlier for a truncated time value (52 weeks earlier for weeks, so it stays a Monday). */
  previousYear(expression: string, grain: TruncatingGrain): string;
  /** Native median/percentile/stddev, or undefined when the compiler must emulate it. */
  percentile(expression: string, fraction: number): string | undefined;
  stddev(expression: string): string;
  /**
   * How a row's position in its source is read: numbered over a plain scan ('window'), a built-in
   * column such as SQLite's rowid ('column'), or absent when the database keeps no stable row order.
   */
  rowPosition?: { kind: 'window' } | { kind: 'column'; column: string };
  /** The de-duplicating set union when plain `UNION` is not accepted (BigQuery wants `UNION DISTINCT`). */
  unionDistinct?: string;
}

export function quoteWith(quote: string) {
  return (name: string) => `${quote}${name.split(quote).join(quote + quote)}${quote}`;
}

export function standardStringLiteral(value: string): string {
  return `'${value.split("'").join("''")}'`;
}

/** Turns a `!`-escaped LIKE pattern into one escaped with backslashes (BigQuery, ClickHouse: LIKE has no ESCAPE). */
export function likeBackslashPattern(pattern: string): string {
  return pattern.replace(/!(.)|\\/gsu, (_match, escaped: string | undefined) =>
    escaped === undefined ? '\\\\' : `\\${escaped}`,
  );
}
