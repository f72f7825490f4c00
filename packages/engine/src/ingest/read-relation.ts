import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteString } from '../workspace/sql-text';
import type { DetectedFormat } from './detect-format';

/** DuckDB `read_csv` encodings for the encodings askdata detects (UTF-16BE is transcoded first). */
const csvEncoding = {
  'utf-8': 'utf-8',
  'utf-16le': 'utf-16',
  'utf-16be': 'utf-8',
  'latin-1': 'latin-1',
} as const satisfies Record<NonNullable<DetectedFormat['encoding']>, string>;

export interface CsvReadOptions {
  /**
   * The second attempt after a failed read: sniff types on every row, pad ragged rows with NULL (which
   * DuckDB only allows with the single-threaded reader when quoted fields hold newlines).
   */
  robust?: boolean;
  /** Every column as VARCHAR (askdata's own inference then decides the types). */
  allText?: boolean;
  /** Force RFC 4180 quoting (`"` quotes, `""` escapes) instead of the sniffed escape character. */
  rfcQuotes?: boolean;
}

/** The table function call that reads a text-delimited file; DuckDB sniffs delimiter, quotes, escapes and header. */
export function csvRelation(
  path: string,
  encoding: DetectedFormat['encoding'],
  options: CsvReadOptions = {},
): string {
  const parts = [quoteString(path), `encoding = ${quoteString(csvEncoding[encoding ?? 'utf-8'])}`];
  if (options.robust) parts.push('sample_size = -1', 'null_padding = true', 'parallel = false');
  if (options.allText) parts.push('all_varchar = true');
  if (options.rfcQuotes) parts.push(`quote = '"'`, `escape = '"'`);
  return `read_csv(${parts.join(', ')})`;
}

/**
 * DuckDB's sniffer sometimes picks `'` as the escape character, which silently drops apostrophes
 * ("5'10" → "510"); askdata accepts only `"` or `\\` as escapes and otherwise forces RFC 4180 quoting.
 */
export async function needsRfcQuotes(
  connection: DuckDBConnection,
  path: string,
  encoding: DetectedFormat['encoding'],
): Promise<boolean> {
  try {
    const reader = await connection.runAndReadAll(
      `SELECT Escape FROM sniff_csv(${quoteString(path)}, encoding = ${quoteString(csvEncoding[encoding ?? 'utf-8'])})`,
    );
    const sniffed = reader.getRows()[0]?.[0];
    return typeof sniffed === 'string' && !['"', '\\', '(empty)', ''].includes(sniffed);
  } catch {
    // The read itself will report a file DuckDB cannot sniff.
    return false;
  }
}

export function jsonRelation(path: string): string {
  return `read_json_auto(${quoteString(path)})`;
}

export function parquetRelation(path: string): string {
  return `read_parquet(${quoteString(path)})`;
}
