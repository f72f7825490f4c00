/**
 * Writes a result as an Excel workbook with typed cells: numbers as numbers, dates and timestamps as
 * Excel dates with a format, booleans as booleans, wide integers kept as text (Excel holds only 15
 * significant digits). The header row is bold and frozen; widths follow the content. exceljs writes
 * strings as shared strings, never as formulas, so text like "=1+1" cannot run.
 */

import type { CellValue, QueryResult, ResultColumn } from '@askdata/core';
import ExcelJS from 'exceljs';

export interface XlsxOptions {
  sheetName?: string;
}

const maxWidth = 60;
const minWidth = 8;

function excelValue(cell: CellValue, column: ResultColumn): ExcelJS.CellValue {
  if (cell === null) return null;
  if ((column.logicalType === 'date' || column.logicalType === 'timestamp') && typeof cell === 'string') {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(cell)
      ? `${cell}T00:00:00Z`
      : /Z|[+-]\d{2}:?\d{2}$/.test(cell)
        ? cell
        : `${cell}Z`;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? cell : date;
  }
  return cell;
}

function numberFormat(column: ResultColumn): string | undefined {
  if (column.logicalType === 'date') return 'yyyy-mm-dd';
  if (column.logicalType === 'timestamp') return 'yyyy-mm-dd hh:mm:ss';
  if (column.logicalType === 'integer') return '#,##0';
  if (column.logicalType === 'decimal' || column.logicalType === 'float') return '#,##0.##';
  return undefined;
}

export function buildWorkbook(
  result: Pick<QueryResult, 'columns' | 'rows'>,
  options: XlsxOptions = {},
): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'askdata';
  // Excel sheet names: at most 31 characters, none of : \ / ? * [ ].
  const sheetName = (options.sheetName ?? 'Result').replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Result';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(result.columns.map((column) => column.name));
  sheet.getRow(1).font = { bold: true };
  for (const row of result.rows)
    sheet.addRow(result.columns.map((column, index) => excelValue(row[index] ?? null, column)));
  result.columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    const format = numberFormat(column);
    if (format) sheetColumn.numFmt = format;
    const longest = result.rows.reduce(
      (width, row) => Math.max(width, String(row[index] ?? '').length),
      column.name.length,
    );
    sheetColumn.width = Math.min(maxWidth, Math.max(minWidth, longest + 2));
  });
  return workbook;
}

export async function writeXlsx(
  result: Pick<QueryResult, 'columns' | 'rows'>,
  path: string,
  options: XlsxOptions = {},
): Promise<void> {
  await buildWorkbook(result, options).xlsx.writeFile(path);
}

export async function toXlsxBuffer(
  result: Pick<QueryResult, 'columns' | 'rows'>,
  options: XlsxOptions = {},
): Promise<Buffer> {
  const data = await buildWorkbook(result, options).xlsx.writeBuffer();
  return Buffer.from(data);
}
