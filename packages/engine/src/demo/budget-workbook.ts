import ExcelJS from 'exceljs';
import { yearOf } from './calendar';
import type { Region } from './catalog';
import { regions } from './catalog';
import { fixZipTimestamps } from './fix-zip-timestamps';
import type { RetailDemo } from './generate-retail';

/**
 * A deliberately messy budget workbook, the way finance teams send them: title rows above the header,
 * a merged year cell over quarter columns, a totals row with formulas, and a notes sheet.
 * Figures are derived from the generated orders (budget 2025 = actual 2024 × 1.12, rounded to thousands).
 */
const categories = ['Furniture', 'Office Supplies', 'Technology'] as const;
const quarters = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
const fixedDate = new Date(Date.UTC(2024, 11, 15, 9, 0, 0));

type QuarterTotals = Map<string, number>;

function key(year: number, quarter: number, region: Region, category: string): string {
  return `${year}|${quarter}|${region}|${category}`;
}

function revenueByQuarter(demo: RetailDemo): QuarterTotals {
  const regionOf = new Map(demo.customers.map((customer) => [customer.id, customer.region]));
  const categoryOf = new Map(demo.products.map((product) => [product.id, product.category]));
  const orderInfo = new Map(demo.orders.map((order) => [order.orderId, order]));
  const totals: QuarterTotals = new Map();
  for (const line of demo.orderLines) {
    const order = orderInfo.get(line.orderId);
    if (!order || order.status === 'Cancelled') continue;
    const month = new Date(order.orderDay * 86_400_000).getUTCMonth();
    const k = key(
      yearOf(order.orderDay),
      Math.floor(month / 3) + 1,
      regionOf.get(order.customerId) ?? 'EMEA',
      categoryOf.get(line.productId) ?? '',
    );
    totals.set(k, (totals.get(k) ?? 0) + line.revenue);
  }
  return totals;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { horizontal: 'center', vertical: 'middle' };
}

/** Writes title rows, a two-level header (years merged over quarters) and data + totals rows. */
function addQuarterSheet(
  workbook: ExcelJS.Workbook,
  sheetName: string,
  title: string,
  years: readonly number[],
  value: (year: number, quarter: number, region: Region, category: string) => number,
): void {
  const sheet = workbook.addWorksheet(sheetName);
  const lastColumn = 2 + years.length * quarters.length + 1;
  sheet.getCell(1, 1).value = title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, lastColumn);
  sheet.getCell(2, 1).value = 'All figures in USD. Prepared by Finance, 2024-12-15.';
  sheet.getCell(4, 1).value = 'Region';
  sheet.mergeCells(4, 1, 5, 1);
  sheet.getCell(4, 2).value = 'Category';
  sheet.mergeCells(4, 2, 5, 2);
  years.forEach((year, yearIndex) => {
    const start = 3 + yearIndex * quarters.length;
    sheet.getCell(4, start).value = String(year);
    sheet.mergeCells(4, start, 4, start + quarters.length - 1);
    quarters.forEach((quarter, quarterIndex) => {
      sheet.getCell(5, start + quarterIndex).value = quarter;
    });
  });
  sheet.getCell(4, lastColumn).value = 'Total';
  sheet.mergeCells(4, lastColumn, 5, lastColumn);
  styleHeader(sheet.getRow(4));
  styleHeader(sheet.getRow(5));

  let rowNumber = 6;
  for (const region of regions) {
    for (const category of categories) {
      const row = sheet.getRow(rowNumber);
      row.getCell(1).value = region;
      row.getCell(2).value = category;
      let total = 0;
      years.forEach((year, yearIndex) => {
        quarters.forEach((_, quarterIndex) => {
          const amount = value(year, quarterIndex + 1, region, category);
          total += amount;
          row.getCell(3 + yearIndex * quarters.length + quarterIndex).value = amount;
        });
      });
      row.getCell(lastColumn).value = {
        formula: `SUM(C${rowNumber}:${columnLetter(lastColumn - 1)}${rowNumber})`,
        result: total,
      };
      rowNumber++;
    }
  }
  const totals = sheet.getRow(rowNumber);
  totals.getCell(1).value = 'Total';
  totals.font = { bold: true };
  for (let column = 3; column <= lastColumn; column++) {
    const letter = columnLetter(column);
    let sum = 0;
    for (let r = 6; r < rowNumber; r++) {
      const cell = sheet.getCell(r, column).value;
      sum +=
        typeof cell === 'number'
          ? cell
          : typeof cell === 'object' && cell && 'result' in cell
            ? Number(cell.result)
            : 0;
    }
    totals.getCell(column).value = { formula: `SUM(${letter}6:${letter}${rowNumber - 1})`, result: sum };
  }
  sheet.getColumn(1).width = 12;
  sheet.getColumn(2).width = 18;
}

function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export async function budgetWorkbook(demo: RetailDemo): Promise<Buffer> {
  const actual = revenueByQuarter(demo);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'askdata demo generator';
  workbook.created = fixedDate;
  workbook.modified = fixedDate;
  addQuarterSheet(
    workbook,
    'Budget 2025',
    'Acme Retail - Sales Budget 2025',
    [2025],
    (_year, quarter, region, category) =>
      Math.round(((actual.get(key(2024, quarter, region, category)) ?? 0) * 1.12) / 1000) * 1000,
  );
  addQuarterSheet(
    workbook,
    'Actuals 2023-2024',
    'Acme Retail - Actual Sales',
    [2023, 2024],
    (year, quarter, region, category) => Math.round(actual.get(key(year, quarter, region, category)) ?? 0),
  );
  const notes = workbook.addWorksheet('Notes');
  notes.getCell('A1').value = 'Notes';
  notes.getCell('A1').font = { bold: true };
  notes.getCell('A3').value =
    'Budget 2025 = actual 2024 revenue (cancelled orders excluded) x 1.12, rounded to thousands.';
  notes.getCell('A4').value = 'Regions follow the customer region (EMEA, Americas, APAC).';
  notes.getCell('A5').value = 'Actuals are net of discounts and include returns booked as negative lines.';
  const buffer = await workbook.xlsx.writeBuffer();
  return fixZipTimestamps(Buffer.from(buffer));
}
