import type { CellValue, QueryResult } from '@askdata/core';
import { createTable } from './terminal-table';

function cellText(value: CellValue): string {
  if (value === null) return '∅';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  return String(value);
}

/** A result as a terminal table, numbers right-aligned, with a footer that says when rows were cut. */
export function renderResultTable(result: QueryResult, options: { maxWidth?: number } = {}): string {
  const numeric = result.columns.map((column) =>
    ['integer', 'decimal', 'float'].includes(column.logicalType),
  );
  const table = createTable(
    result.columns.map((column) => column.name),
    { alignRight: numeric },
  );
  const maxWidth = options.maxWidth ?? 60;
  for (const row of result.rows) {
    table.push(
      row.map((value) => {
        const text = cellText(value);
        return text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}…` : text;
      }),
    );
  }
  const rowsWord = result.rowCount === 1 ? 'row' : 'rows';
  const footer = result.truncated
    ? `${result.rowCount} ${rowsWord} shown — the result was cut at the row limit (use --max-rows to raise it).`
    : `${result.rowCount} ${rowsWord} (${Math.round(result.elapsedMs)} ms)`;
  return `${table.toString()}\n${footer}`;
}

/** JSON-safe object rows for `--json` output. */
export function resultAsJson(result: QueryResult): unknown {
  return {
    columns: result.columns,
    rows: result.rows.map((row) =>
      Object.fromEntries(result.columns.map((column, index) => [column.name, row[index] ?? null])),
    ),
    rowCount: result.rowCount,
    truncated: result.truncated,
  };
}

/** RFC 4180 CSV (quotes doubled, fields with separators quoted). */
export function resultAsCsv(result: QueryResult): string {
  const field = (value: CellValue): string => {
    if (value === null) return '';
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [result.columns.map((column) => field(column.name)).join(',')];
  for (const row of result.rows) lines.push(row.map(field).join(','));
  return `${lines.join('\n')}\n`;
}
