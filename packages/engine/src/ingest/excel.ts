import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { quoteIdentifier } from '../workspace/sql-text';
import { cleanTableName } from './clean-names';
import { inspectXlsx } from './inspect-xlsx';
import { reject } from './reject';
import { findSheetTable, type GridCell, looksNumeric } from './sheet-layout';
import type { TableSource } from './write-table';

let stagingCounter = 0;

function isoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** One cell value as text for staging; typed numbers/dates keep full precision in a form DuckDB reads back. */
function cellText(value: ExcelJS.CellValue): { text: string | null; numeric: boolean } {
  if (value === null || value === undefined) return { text: null, numeric: false };
  if (typeof value === 'number') return { text: String(value), numeric: true };
  if (typeof value === 'boolean') return { text: String(value), numeric: false };
  if (typeof value === 'string') return { text: value, numeric: looksNumeric(value) };
  if (value instanceof Date) return { text: isoDate(value), numeric: false };
  if ('richText' in value) return cellText(value.richText.map((part) => part.text).join(''));
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || (typeof result === 'object' && result !== null && 'error' in result)) {
      return { text: null, numeric: false };
    }
    return cellText(result as ExcelJS.CellValue);
  }
  if ('error' in value) return { text: null, numeric: false };
  return { text: String(value), numeric: false };
}

function sheetGrid(sheet: ExcelJS.Worksheet): GridCell[][] {
  const grid: GridCell[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: GridCell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master.address !== cell.address) {
        cells.push({
          text: null,
          numeric: false,
          mergedFrom: { row: Number(cell.master.row) - 1, column: Number(cell.master.col) - 1 },
        });
        continue;
      }
      cells.push(cellText(cell.value));
    }
    grid.push(cells);
  }
  // Mark top-left cells of merges that span columns (group headers).
  for (const row of grid) {
    for (const cell of row) {
      if (!cell.mergedFrom) continue;
      const master = grid[cell.mergedFrom.row]?.[cell.mergedFrom.column];
      if (master && cell.mergedFrom.row === grid.indexOf(row)) master.mergeMaster = true;
    }
  }
  return grid;
}

async function stageRows(
  connection: DuckDBConnection,
  width: number,
  rows: (string | null)[][],
): Promise<string> {
  const table = `askdata_sheet_${process.pid}_${++stagingCounter}`;
  const columns = Array.from({ length: width }, (_, i) => `${quoteIdentifier(`c${i}`)} VARCHAR`).join(', ');
  await connection.run(`CREATE TABLE ${table} (${columns})`);
  const appender = await connection.createAppender(table);
  try {
    for (const row of rows) {
      for (let i = 0; i < width; i++) {
        const value = row[i];
        if (value === null || value === undefined) appender.appendNull();
        else appender.appendVarchar(value);
      }
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return table;
}

export interface SheetSource extends TableSource {
  label: string;
  name: string;
}

/**
 * Reads an .xlsx workbook (after the zip checks) into in-memory staging tables of text, one per
 * non-empty sheet. Table names: the file's base name for a one-sheet workbook, `<file>_<sheet>` otherwise.
 */
export async function readExcelSources(
  connection: DuckDBConnection,
  path: string,
  baseName: string,
  onProgress: (progress: { phase: string; message?: string }) => void,
): Promise<SheetSource[]> {
  await inspectXlsx(path);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw reject.parseFailed(basename(path), 'the workbook is damaged or not a real .xlsx file', error);
  }
  const sheets = workbook.worksheets.filter((sheet) => sheet.rowCount > 0);
  const sources: SheetSource[] = [];
  const used = new Set<string>();
  for (const sheet of sheets) {
    onProgress({ phase: 'reading', message: `sheet ${sheet.name}` });
    const table = findSheetTable(sheetGrid(sheet));
    if (!table || table.headers.length === 0) continue;
    let name = sheets.length === 1 ? baseName : `${baseName}_${cleanTableName(sheet.name)}`;
    for (let suffix = 2; used.has(name); suffix++)
      name = `${baseName}_${cleanTableName(sheet.name)}_${suffix}`;
    used.add(name);
    const relation = await stageRows(connection, table.headers.length, table.rows);
    sources.push({
      name,
      label: sheet.name,
      relation,
      staged: true,
      labels: table.headers,
      warnings: table.warnings.map((warning) => `sheet ${sheet.name}: ${warning}`),
    });
  }
  if (sources.length === 0) throw reject.empty(basename(path));
  return sources;
}
