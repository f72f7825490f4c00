/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes doubled.
 *
 * Formula injection: spreadsheet apps run a text cell that starts with = + - @ (or a tab / CR) as
 * a formula. Text cells starting with one of those get a leading single quote (OWASP's advice), so
 * "=HYPERLINK(...)" arrives as text. Numbers are written as numbers and never prefixed (-5 stays -5);
 * pass `formulaSafe: false` for a byte-exact export meant for programs rather than spreadsheets.
 */
import type { CellValue, QueryResult } from '@askdata/core';

export interface CsvOptions {
  /** Prefix risky text cells with a quote (default true). */
  formulaSafe?: boolean;
  /** Field separator (default ","). */
  delimiter?: string;
}

const formulaStart = /^[=+\-@\t\r]/;

function field(value: CellValue, options: Required<CsvOptions>): string {
  if (value === null) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && options.formulaSafe && formulaStart.test(text)) text = `'${text}`;
  const needsQuotes =
    text.includes(options.delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r');
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(result: Pick<QueryResult, 'columns' | 'rows'>, options: CsvOptions = {}): string {
  const resolved: Required<CsvOptions> = {
    formulaSafe: options.formulaSafe ?? true,
    delimiter: options.delimiter ?? ',',
  };
  const lines = [result.columns.map((column) => field(column.name, resolved)).join(resolved.delimiter)];
  for (const row of result.rows)
    lines.push(row.map((cell) => field(cell, resolved)).join(resolved.delimiter));
  return `${lines.join('\r\n')}\r\n`;
}
