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

/** What DuckDB's CSV sniffer decided for a file (the columns of `sniff_csv`). */
export interface CsvDialect {
  delimiter: string;
  quote: string;
  escape: string;
  newLine: string;
  comment: string;
  skipRows: number;
  header: boolean;
  columns: { name: string; type: string }[];
  dateFormat?: string;
  timestampFormat?: string;
}

/** `sniff_csv` writes "(empty)" for an option it found no character for. */
function sniffedCharacter(value: unknown): string {
  return typeof value !== 'string' || value === '(empty)' ? '' : value;
}

function sniffedFormat(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Sniffs a delimited text file once. `read_csv` with auto-detection would sniff again on every query
 * (the sample, the full read), so the full read uses the dialect as explicit options instead. Undefined
 * when DuckDB cannot sniff the file: the reads then auto-detect and report the problem themselves.
 */
export async function sniffCsv(
  connection: DuckDBConnection,
  path: string,
  encoding: DetectedFormat['encoding'],
): Promise<CsvDialect | undefined> {
  let row: Record<string, unknown> | undefined;
  try {
    const reader = await connection.runAndReadAll(
      `SELECT Delimiter, Quote, Escape, NewLineDelimiter, Comment, SkipRows, HasHeader, Columns, DateFormat, TimestampFormat
       FROM sniff_csv(${quoteString(path)}, encoding = ${quoteString(csvEncoding[encoding ?? 'utf-8'])})`,
    );
    row = reader.getRowObjectsJS()[0];
  } catch {
    return undefined;
  }
  const columns = row?.['Columns'];
  if (!row || !Array.isArray(columns) || columns.length === 0) return undefined;
  const named = columns.map((column: unknown) => {
    const { name, type } = (column ?? {}) as { name?: unknown; type?: unknown };
    if (typeof name !== 'string' || typeof type !== 'string') return undefined;
    // "7:24", "0:19", "3:1": in tables a clock-like cell is mostly a length, a lap or a score, not a time of
    // day; read as TIME it would print as 07:24:00. Kept as written (text), like other mixed shapes.
    return { name, type: type === 'TIME' ? 'VARCHAR' : type };
  });
  if (named.some((column) => column === undefined) || typeof row['Delimiter'] !== 'string') return undefined;
  const dateFormat = sniffedFormat(row['DateFormat']);
  const timestampFormat = sniffedFormat(row['TimestampFormat']);
  return {
    delimiter: row['Delimiter'],
    quote: sniffedCharacter(row['Quote']),
    escape: sniffedCharacter(row['Escape']),
    newLine: sniffedCharacter(row['NewLineDelimiter']),
    comment: sniffedCharacter(row['Comment']),
    skipRows: Number(row['SkipRows'] ?? 0),
    header: row['HasHeader'] === true,
    columns: named as CsvDialect['columns'],
    ...(dateFormat ? { dateFormat } : {}),
    ...(timestampFormat ? { timestampFormat } : {}),
  };
}

/**
 * DuckDB's sniffer sometimes picks `'` as the escape character, which silently drops apostrophes
 * ("5'10" → "510"); askdata accepts only `"` or `\\` as escapes and otherwise forces RFC 4180 quoting.
 */
export function needsRfcQuotes(dialect: CsvDialect | undefined): boolean {
  return dialect !== undefined && !['"', '\\', ''].includes(dialect.escape);
}

/** The `read_csv` call that reads with a sniffed dialect as given, without sniffing the file again. */
export function sniffedCsvRelation(
  path: string,
  encoding: DetectedFormat['encoding'],
  dialect: CsvDialect,
): string {
  const parts = [
    quoteString(path),
    `encoding = ${quoteString(csvEncoding[encoding ?? 'utf-8'])}`,
    'auto_detect = false',
    `delim = ${quoteString(dialect.delimiter)}`,
    `quote = ${quoteString(dialect.quote)}`,
    `escape = ${quoteString(dialect.escape)}`,
    `new_line = ${quoteString(dialect.newLine)}`,
    `skip = ${dialect.skipRows}`,
    `comment = ${quoteString(dialect.comment)}`,
    `header = ${dialect.header}`,
    `columns = {${dialect.columns.map((column) => `${quoteString(column.name)}: ${quoteString(column.type)}`).join(', ')}}`,
  ];
  if (dialect.dateFormat) parts.push(`dateformat = ${quoteString(dialect.dateFormat)}`);
  if (dialect.timestampFormat) parts.push(`timestampformat = ${quoteString(dialect.timestampFormat)}`);
  return `read_csv(${parts.join(', ')})`;
}

export function jsonRelation(path: string): string {
  return `read_json_auto(${quoteString(path)})`;
}

export function parquetRelation(path: string): string {
  return `read_parquet(${quoteString(path)})`;
}
