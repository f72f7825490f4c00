import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  budgetWorkbook,
  type DemoData,
  demoSpikeDay,
  ensureDemoData,
  generateRetailDemo,
  openWorkspace,
  retailCsvFiles,
  type Workspace,
} from '../src/index';

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

describe('retail demo generator', () => {
  const demo = generateRetailDemo();
  const files = retailCsvFiles(demo);

  it('gives byte-identical CSV files for the default seed (pinned: later golden suites depend on them)', () => {
    expect({
      customers: sha256(files.customers),
      products: sha256(files.products),
      orders: sha256(files.orders),
      orderLines: sha256(files.orderLines),
    }).toEqual({
      customers: '37a6c3838f60dfb336c7030a4f05537acaeaf9e6bcd34be494e4a2d1fb5c46e3',
      products: '4176cc8418fdda50b0c8e6541198788c38c9363334964148c173ad956191be0b',
      orders: 'd2cd846b40b037065afd3c8988edcd3baf08bb090ee723715c3febb8353ada03',
      orderLines: '515e6a3c7793a47f52763522d8976358d2185c7564a79358531f4ab57f2908f4',
    });
  });

  it('gives different data for another seed, and the same workbook bytes twice', async () => {
    const other = retailCsvFiles(generateRetailDemo(7));
    expect(sha256(other.orders)).not.toBe(sha256(files.orders));
    const [first, second] = [await budgetWorkbook(demo), await budgetWorkbook(demo)];
    expect(sha256(first)).toBe(sha256(second));
  });

  it('has the documented sizes and date span', () => {
    expect(demo.customers).toHaveLength(3000);
    expect(demo.products).toHaveLength(200);
    expect(demo.orders).toHaveLength(43_715);
    expect(demo.orderLines).toHaveLength(104_097);
    expect(files.orders.split('\n')[1]).toMatch(/^100001,\d+,2023-01-01,/);
    expect(files.orders.trimEnd().split('\n').at(-1)).toContain(',2025-12-31,');
  });

  it('keeps referential integrity: every line has its order and product, every order its customer', () => {
    const orderIds = new Set(demo.orders.map((order) => order.orderId));
    const productIds = new Set(demo.products.map((product) => product.id));
    const customers = new Map(demo.customers.map((customer) => [customer.id, customer]));
    expect(
      demo.orderLines.filter((line) => !orderIds.has(line.orderId) || !productIds.has(line.productId)),
    ).toEqual([]);
    // Nobody orders before signing up.
    const bad = demo.orders.filter((order) => {
      const customer = customers.get(order.customerId);
      return !customer || customer.signupDay > order.orderDay;
    });
    expect(bad).toEqual([]);
  });

  it('plants the anomalies the README describes', () => {
    const negative = demo.orderLines.filter((line) => line.quantity < 0);
    expect(negative.map((line) => line.orderId)).toEqual([demo.anomalies.negativeQuantityOrderId]);
    const prices = new Map(demo.products.map((product) => [product.id, product.price]));
    const outliers = demo.orderLines.filter(
      (line) => line.unitPrice > 50 * (prices.get(line.productId) ?? 0),
    );
    expect(outliers.map((line) => line.orderId)).toEqual([demo.anomalies.priceOutlierOrderId]);
    const perDay = new Map<number, number>();
    for (const order of demo.orders) perDay.set(order.orderDay, (perDay.get(order.orderDay) ?? 0) + 1);
    const counts = [...perDay.values()].sort((a, b) => a - b);
    const median = counts[Math.floor(counts.length / 2)] ?? 0;
    const spike = demo.orders.filter((order) =>
      new Date(order.orderDay * 86_400_000).toISOString().startsWith(demoSpikeDay),
    );
    expect(spike.length).toBeGreaterThan(4 * median);
    expect(Math.max(...counts)).toBe(spike.length);
  });

  it('has seasonality (Q4 above Q2) and growth (2025 above 2023)', () => {
    const byYearQuarter = new Map<string, number>();
    for (const order of demo.orders) {
      const date = new Date(order.orderDay * 86_400_000);
      const key = `${date.getUTCFullYear()}Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
      byYearQuarter.set(key, (byYearQuarter.get(key) ?? 0) + 1);
    }
    const get = (key: string): number => byYearQuarter.get(key) ?? 0;
    expect(get('2023Q4')).toBeGreaterThan(get('2023Q2') * 1.2);
    expect(get('2025Q2')).toBeGreaterThan(get('2023Q2') * 1.25);
  });

  it('contains dirty values: N/A, trailing spaces, dollar prices with thousands separators, nulls', () => {
    expect(files.customers).toMatch(/,N\/A,/);
    expect(files.customers).toMatch(/ {2},\d{4}-/);
    expect(files.products).toMatch(/"\$\d,\d{3}\.\d{2}"/);
    expect(files.orders).toMatch(/,N\/A\n/);
    expect(demo.customers.some((customer) => customer.email === null)).toBe(true);
    expect(demo.orders.some((order) => order.shipDay === null)).toBe(true);
  });
});

describe('ensureDemoData and loading into a workspace', () => {
  let root: string;
  let data: DemoData;
  let workspace: Workspace;
  let connection: DuckDBConnection;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'askdata-demo-'));
    data = await ensureDemoData(path.join(root, 'demo'));
    workspace = await openWorkspace({ home: path.join(root, 'home') });
    for (const file of Object.values(data.files)) await workspace.load(file);
    connection = await workspace.internalConnection();
  });

  afterAll(() => {
    connection?.closeSync();
    workspace?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const scalar = async (sql: string): Promise<unknown> =>
    (await connection.runAndReadAll(sql)).getRowsJson()[0]?.[0];

  it('writes the files once and regenerates a missing one', async () => {
    expect(data.generated).toBe(true);
    expect((await ensureDemoData(data.dir)).generated).toBe(false);
    unlinkSync(data.files.orders);
    const again = await ensureDemoData(data.dir);
    expect(again.generated).toBe(true);
    expect(again.hashes).toEqual(data.hashes);
  });

  it('loads every file, with the expected row counts and numeric prices', async () => {
    const counts = Object.fromEntries(workspace.tables().map((table) => [table.name, table.rowCount]));
    expect(counts).toMatchObject({ customers: 3000, products: 200, orders: 43_715, order_lines: 104_097 });
    expect(workspace.tables().filter((table) => table.name.startsWith('budget'))).toHaveLength(3);
    // Years merged over quarters name the columns, in the sheet with two year groups too.
    const actuals = workspace.tables().find((table) => table.name === 'budget_actuals_2023_2024');
    expect(actuals?.columns.map((column) => column.label)).toEqual([
      'Region',
      'Category',
      '2023 Q1',
      '2023 Q2',
      '2023 Q3',
      '2023 Q4',
      '2024 Q1',
      '2024 Q2',
      '2024 Q3',
      '2024 Q4',
      'Total',
    ]);
    const price = workspace
      .tables()
      .find((table) => table.name === 'products')
      ?.columns.find((c) => c.name === 'price');
    expect(price?.logicalType).toBe('decimal');
    expect(Number(await scalar('SELECT max(price) FROM products'))).toBeGreaterThan(1000);
  });

  it('keeps keys joinable after loading (no orphan lines, orders or customers)', async () => {
    expect(
      Number(
        await scalar('SELECT count(*) FROM order_lines l ANTI JOIN orders o ON l.order_id = o.order_id'),
      ),
    ).toBe(0);
    expect(
      Number(await scalar('SELECT count(*) FROM order_lines l ANTI JOIN products p ON l.product_id = p.id')),
    ).toBe(0);
    expect(
      Number(await scalar('SELECT count(*) FROM orders o ANTI JOIN customers c ON o.customer_id = c.id')),
    ).toBe(0);
  });

  it('shows the anomalies in SQL', async () => {
    expect(Number(await scalar('SELECT count(*) FROM order_lines WHERE quantity < 0'))).toBe(1);
    expect(
      Number(
        await scalar(
          'SELECT count(*) FROM order_lines l JOIN products p ON l.product_id = p.id WHERE l.unit_price > 50 * p.price',
        ),
      ),
    ).toBe(1);
    expect(
      String(
        await scalar('SELECT order_date FROM orders GROUP BY order_date ORDER BY count(*) DESC LIMIT 1'),
      ),
    ).toBe(demoSpikeDay);
  });

  it('writes a messy workbook: title rows, a merged year over quarters, a totals row', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(data.files.budget);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Budget 2025',
      'Actuals 2023-2024',
      'Notes',
    ]);
    const budget = workbook.getWorksheet('Budget 2025')!;
    expect(String(budget.getCell('A1').value)).toContain('Budget 2025');
    expect(budget.getCell('F4').isMerged).toBe(true);
    expect(budget.getCell('F4').master.address).toBe('C4');
    expect(budget.getCell('C5').value).toBe('Q1');
    expect(budget.getCell('A15').value).toBe('Total');
  });
});
