import type { CellValue } from '../api/types';

export type SortDirection = 'ascending' | 'descending';

export interface GridSort {
  column: number;
  direction: SortDirection;
}

/** Numbers by value, everything else as text in the reader's locale; empty cells last in both directions. */
export function compareCells(a: CellValue, b: CellValue): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

export function sortRows(rows: CellValue[][], sort: GridSort | undefined): CellValue[][] {
  if (!sort) return rows;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((left, right) => {
    const a = left[sort.column] ?? null;
    const b = right[sort.column] ?? null;
    if (a === null || b === null) return compareCells(a, b);
    return sign * compareCells(a, b);
  });
}

/** Rows where any cell contains the filter text, case-insensitively. */
export function filterRows(rows: CellValue[][], filter: string): CellValue[][] {
  const needle = filter.trim().toLowerCase();
  if (!needle) return rows;
  return rows.filter((row) =>
    row.some((cell) => cell !== null && String(cell).toLowerCase().includes(needle)),
  );
}

export function nextSort(current: GridSort | undefined, column: number): GridSort | undefined {
  if (current?.column !== column) return { column, direction: 'ascending' };
  return current.direction === 'ascending' ? { column, direction: 'descending' } : undefined;
}

function csvField(value: CellValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a header row and CRLF line ends. */
export function toCsv(columns: string[], rows: CellValue[][]): string {
  return [columns, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const grainPatterns: [RegExp, RegExp, (value: string) => string][] = [
  [/_year$/i, /^\d{4}-01-01([ T]00:00:00)?$/, (value) => value.slice(0, 4)],
  [/_month$/i, /^\d{4}-\d{2}-01([ T]00:00:00)?$/, (value) => value.slice(0, 7)],
  [
    /_quarter$/i,
    /^\d{4}-(01|04|07|10)-01([ T]00:00:00)?$/,
    (value) => `${value.slice(0, 4)} Q${(Number(value.slice(5, 7)) + 2) / 3}`,
  ],
];

/**
 * A cell as people read it: numbers with grouping, dates truncated to a year, quarter or month shown at
 * that grain when the column is named for it (`order_date_year`). Downloads keep the raw values.
 */
export function formatCell(value: CellValue, column = ''): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? value.toLocaleString()
      : value.toLocaleString(undefined, { maximumFractionDigits: 4 });
  }
  const text = String(value);
  for (const [name, shape, format] of grainPatterns) {
    if (name.test(column) && shape.test(text)) return format(text);
  }
  return text;
}
