/**
 * Finds the table inside a spreadsheet grid: the header row below any title rows, a second header row
 * under merged group cells ("2024" over "Q1".."Q4" → "2024 Q1"), the data rows, and a trailing totals
 * row, which is left out with a warning. Pure: it sees a grid, not a file.
 */
export interface GridCell {
  text: string | null;
  /** True for numbers (typed or written as text). */
  numeric: boolean;
  /** For a cell covered by a merge that is not its top-left cell: where the top-left cell is. */
  mergedFrom?: { row: number; column: number };
  /** The top-left cell of a merge spanning several columns. */
  mergeMaster?: boolean;
}

export interface SheetTable {
  headers: string[];
  rows: (string | null)[][];
  warnings: string[];
  /** 1-based sheet row of the (first) header row. */
  headerRow: number;
}

const numberText = /^\(?[+-]?[$€£¥]?\s?[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s?%?\)?$/;

export function looksNumeric(text: string): boolean {
  return numberText.test(text.trim());
}

function parseNumber(text: string | null): number | undefined {
  if (text === null || !looksNumeric(text)) return undefined;
  const negative = /^\(.*\)$/.test(text.trim());
  const value = Number(text.replace(/[^0-9.eE+-]/g, ''));
  if (Number.isNaN(value)) return undefined;
  return negative ? -value : value;
}

/** Own value, or the value of the merge's top-left cell. */
function valueAt(grid: GridCell[][], row: number, column: number): string | null {
  const cell = grid[row]?.[column];
  if (!cell) return null;
  if (cell.mergedFrom) return grid[cell.mergedFrom.row]?.[cell.mergedFrom.column]?.text ?? null;
  return cell.text;
}

function ownCells(row: GridCell[] | undefined): GridCell[] {
  return (row ?? []).filter((cell) => !cell.mergedFrom && cell.text !== null && cell.text.trim() !== '');
}

function isEmptyRow(grid: GridCell[][], row: number): boolean {
  return (grid[row] ?? []).every((_, column) => {
    const value = valueAt(grid, row, column);
    return value === null || value.trim() === '';
  });
}

/** Years are labels in header rows ("2024" over "Q1".."Q4"), not data. */
const yearLabel = /^(19|20)\d{2}$/;

function mostlyText(cells: GridCell[], share: number): boolean {
  const labels = cells.filter((cell) => !cell.numeric || yearLabel.test(cell.text?.trim() ?? ''));
  return cells.length > 0 && labels.length >= cells.length * share;
}

const totalLabel = /^(grand\s+)?(total|totals|sum|overall)\b/i;

export function findSheetTable(grid: GridCell[][]): SheetTable | undefined {
  const widest = Math.max(0, ...grid.map((row) => ownCells(row).length));
  if (widest === 0) return undefined;
  const searchRows = Math.min(grid.length, 30);
  let header = -1;
  for (let row = 0; row < searchRows; row++) {
    const cells = ownCells(grid[row]);
    // Columns covered by a group label merged across this row ("2023" over four quarters) count as labelled;
    // a lone title merged across the whole sheet does not make a header.
    const spanned =
      cells.length < 2 ? 0 : (grid[row] ?? []).filter((cell) => cell.mergedFrom?.row === row).length;
    if (cells.length + spanned < Math.max(1, Math.ceil(widest * 0.5)) || !mostlyText(cells, 0.8)) continue;
    let next = row + 1;
    while (next < grid.length && isEmptyRow(grid, next)) next++;
    if (next < grid.length) {
      header = row;
      break;
    }
  }
  if (header < 0) header = grid.findIndex((_, row) => !isEmptyRow(grid, row));
  const warnings: string[] = [];
  const width = Math.max(...grid.map((row) => row.length));

  // A merged cell spanning columns in the header row means groups over sub-headers in the next row.
  const spansColumns = (grid[header + 1] ? (grid[header] ?? []) : []).some((cell) => cell.mergeMaster);
  const second = grid[header + 1];
  const twoRows = spansColumns && mostlyText(ownCells(second), 0.8);
  const headers: string[] = [];
  for (let column = 0; column < width; column++) {
    const parts = [valueAt(grid, header, column)];
    if (twoRows) parts.push(valueAt(grid, header + 1, column));
    const words = parts.map((part) => part?.trim() ?? '').filter((part) => part !== '');
    headers.push([...new Set(words)].join(' '));
  }

  let rows: (string | null)[][] = [];
  for (let row = header + (twoRows ? 2 : 1); row < grid.length; row++) {
    if (isEmptyRow(grid, row)) continue;
    rows.push(Array.from({ length: width }, (_, column) => valueAt(grid, row, column)));
  }
  // Drop columns that have neither a header nor any value.
  const keep = headers.map((text, column) => text !== '' || rows.some((row) => row[column] !== null));
  const lastKept = keep.lastIndexOf(true);
  const columns = headers.map((_, column) => column).filter((column) => column <= lastKept);
  rows = rows.map((row) => columns.map((column) => row[column] ?? null));
  const keptHeaders = columns.map((column) => headers[column] ?? '');

  const total = totalsRowWarning(rows, header + 1);
  if (total) {
    rows = rows.slice(0, -1);
    warnings.push(total);
  }
  return { headers: keptHeaders, rows, warnings, headerRow: header + 1 };
}

function totalsRowWarning(rows: (string | null)[][], headerRow: number): string | undefined {
  if (rows.length < 2) return undefined;
  const last = rows[rows.length - 1]!;
  const body = rows.slice(0, -1);
  const label = last.find((value) => value !== null && value.trim() !== '' && !looksNumeric(value))?.trim();
  let numericColumns = 0;
  let matching = 0;
  last.forEach((value, column) => {
    const total = parseNumber(value);
    if (total === undefined) return;
    const values = body
      .map((row) => row[column] ?? null)
      .filter((cell) => cell !== null && cell.trim() !== '');
    const numbers = values.map(parseNumber);
    if (values.length === 0 || numbers.some((number) => number === undefined)) return;
    numericColumns++;
    const sum = numbers.reduce<number>((acc, number) => acc + (number ?? 0), 0);
    if (Math.abs(sum - total) <= 1e-6 * Math.max(1, Math.abs(sum))) matching++;
  });
  const labelled = label !== undefined && totalLabel.test(label);
  const sumsMatch = numericColumns > 0 && matching === numericColumns;
  if (!labelled && !(sumsMatch && numericColumns >= 2 && body.length >= 2)) return undefined;
  const name = label ? `"${label}"` : 'the last row';
  const check = sumsMatch ? 'its numbers are the column sums' : 'its numbers are not all the column sums';
  return `${name} (below header row ${headerRow}) looks like a totals row and was left out; ${check}`;
}
