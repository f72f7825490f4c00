import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueryResult } from '@askdata/core';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReport } from '../src/export/render-report';
import { toCsv } from '../src/export/to-csv';
import { notebookJson, toNotebook, validateNotebook } from '../src/export/to-notebook';
import { writeParquet } from '../src/export/write-parquet';
import { toXlsxBuffer, writeXlsx } from '../src/export/write-xlsx';
import { narrate } from '../src/narrative/narrate';

const folder = mkdtempSync(join(tmpdir(), 'askdata-export-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const result: QueryResult = {
  columns: [
    { name: 'region', sourceType: 'VARCHAR', logicalType: 'text' },
    { name: 'orders', sourceType: 'BIGINT', logicalType: 'integer' },
    { name: 'revenue', sourceType: 'DECIMAL(18,2)', logicalType: 'decimal' },
    { name: 'share', sourceType: 'DOUBLE', logicalType: 'float' },
    { name: 'first_order', sourceType: 'DATE', logicalType: 'date' },
    { name: 'last_seen', sourceType: 'TIMESTAMP', logicalType: 'timestamp' },
    { name: 'active', sourceType: 'BOOLEAN', logicalType: 'boolean' },
    { name: 'big_id', sourceType: 'HUGEINT', logicalType: 'integer' },
  ],
  rows: [
    [
      'North, "big"',
      120,
      1234.5,
      0.375,
      '2023-01-02',
      '2024-06-01T10:30:00',
      true,
      '170141183460469231731687303715884105727',
    ],
    ['=HYPERLINK("http://x")', -5, -10.25, 0.5, '2023-02-03', '2024-06-02T00:00:00', false, '1'],
    ['line\nbreak', 0, null, null, null, null, null, null],
    ["O'Brien", 7, 99.99, 0.125, '2024-02-29', '2024-02-29T23:59:59', true, '-42'],
  ],
  rowCount: 4,
  truncated: false,
  elapsedMs: 3,
};

async function duckdb() {
  const instance = await DuckDBInstance.create(':memory:');
  return instance.connect();
}

describe('CSV', () => {
  it('quotes per RFC 4180 and parses back in DuckDB', async () => {
    const csv = toCsv(result, { formulaSafe: false });
    expect(csv.split('\r\n')[0]).toBe('region,orders,revenue,share,first_order,last_seen,active,big_id');
    expect(csv).toContain('"North, ""big"""');
    expect(csv.endsWith('\r\n')).toBe(true);
    const path = join(folder, 'result.csv');
    writeFileSync(path, csv);
    const connection = await duckdb();
    const reader = await connection.runAndReadAll(
      `SELECT region, CAST(orders AS VARCHAR), big_id FROM read_csv('${path}', header = true, quote = '"', escape = '"', all_varchar = true)`,
    );
    expect(reader.getRowsJson()).toEqual([
      ['North, "big"', '120', '170141183460469231731687303715884105727'],
      ['=HYPERLINK("http://x")', '-5', '1'],
      ['line\nbreak', '0', null],
      ["O'Brien", '7', '-42'],
    ]);
    connection.closeSync();
  });

  it('neutralises formulas in text cells but leaves numbers alone', () => {
    const lines = toCsv(result).split('\r\n');
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://x"")",-5,-10.25,0.5,2023-02-03,2024-06-02T00:00:00,false,1`);
    const risky = toCsv({
      columns: [{ name: 'note', sourceType: 'VARCHAR', logicalType: 'text' }],
      rows: [['+1'], ['-2'], ['@SUM(A1)'], ['\tx'], ['ok']],
    });
    expect(risky.split('\r\n').slice(1, 6)).toEqual(["'+1", "'-2", "'@SUM(A1)", "'\tx", 'ok']);
  });
});

describe('Parquet', () => {
  it('writes typed columns that read back in DuckDB', async () => {
    const path = join(folder, "it's.parquet");
    await writeParquet(result, path);
    const connection = await duckdb();
    const types = await connection.runAndReadAll(
      `DESCRIBE SELECT * FROM read_parquet('${path.replaceAll("'", "''")}')`,
    );
    expect(types.getRowsJson().map((row) => [row[0], row[1]])).toEqual([
      ['region', 'VARCHAR'],
      ['orders', 'BIGINT'],
      ['revenue', 'DECIMAL(18,2)'],
      ['share', 'DOUBLE'],
      ['first_order', 'DATE'],
      ['last_seen', 'TIMESTAMP'],
      ['active', 'BOOLEAN'],
      // 39 digits: more than Parquet's widest exact number (DECIMAL(38,0)), so text.
      ['big_id', 'VARCHAR'],
    ]);
    const rows = await connection.runAndReadAll(
      `SELECT region, orders, CAST(revenue AS DOUBLE), share, CAST(first_order AS VARCHAR), CAST(last_seen AS VARCHAR), active, CAST(big_id AS VARCHAR) FROM read_parquet('${path.replaceAll("'", "''")}')`,
    );
    expect(rows.getRowsJson()).toEqual([
      [
        'North, "big"',
        '120',
        1234.5,
        0.375,
        '2023-01-02',
        '2024-06-01 10:30:00',
        true,
        '170141183460469231731687303715884105727',
      ],
      ['=HYPERLINK("http://x")', '-5', -10.25, 0.5, '2023-02-03', '2024-06-02 00:00:00', false, '1'],
      ['line\nbreak', '0', null, null, null, null, null, null],
      ["O'Brien", '7', 99.99, 0.125, '2024-02-29', '2024-02-29 23:59:59', true, '-42'],
    ]);
    connection.closeSync();
  });

  it('writes wide integers up to 38 digits exactly', async () => {
    const path = join(folder, 'wide.parquet');
    const wide = '-12345678901234567890123456789012345678';
    await writeParquet(
      { columns: [{ name: 'id', sourceType: 'HUGEINT', logicalType: 'integer' }], rows: [[wide], [5]] },
      path,
    );
    const connection = await duckdb();
    const rows = await connection.runAndReadAll(
      `SELECT typeof(id), CAST(id AS VARCHAR) FROM read_parquet('${path}')`,
    );
    expect(rows.getRowsJson()).toEqual([
      ['DECIMAL(38,0)', wide],
      ['DECIMAL(38,0)', '5'],
    ]);
    connection.closeSync();
  });

  it('keeps duplicate column names apart', async () => {
    const path = join(folder, 'duplicates.parquet');
    await writeParquet(
      {
        columns: [
          { name: 'x', sourceType: 'INTEGER', logicalType: 'integer' },
          { name: 'x', sourceType: 'INTEGER', logicalType: 'integer' },
        ],
        rows: [[1, 2]],
      },
      path,
    );
    const connection = await duckdb();
    const rows = await connection.runAndReadAll(`SELECT * FROM read_parquet('${path}')`);
    expect(rows.columnNames()).toEqual(['x', 'x_2']);
    connection.closeSync();
  });
});

describe('XLSX', () => {
  it('writes typed cells, a bold frozen header and widths that read back in exceljs', async () => {
    const path = join(folder, 'result.xlsx');
    await writeXlsx(result, path, { sheetName: 'Revenue: by region' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Revenue  by region');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(5);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe('North, "big"');
    expect(row.getCell(2).value).toBe(120);
    expect(row.getCell(3).value).toBe(1234.5);
    expect(row.getCell(5).value).toEqual(new Date('2023-01-02T00:00:00Z'));
    expect(row.getCell(5).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(6).value).toEqual(new Date('2024-06-01T10:30:00Z'));
    expect(row.getCell(7).value).toBe(true);
    // Wider than Excel's 15 digits: kept as text.
    expect(row.getCell(8).value).toBe('170141183460469231731687303715884105727');
    // A formula-looking string stays a plain string, not a formula.
    expect(sheet.getRow(3).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(4).getCell(3).value).toBeNull();
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual('=HYPERLINK("http://x")'.length);
    expect(sheet.getColumn(2).width).toBe(8);
  });

  it('produces a buffer too', async () => {
    const buffer = await toXlsxBuffer(result);
    const workbook = new ExcelJS.Workbook();
    // exceljs declares Node's older non-generic Buffer type; the value is the same.
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets[0]?.getRow(5).getCell(1).value).toBe("O'Brien");
  });
});

describe('notebook', () => {
  const narrative = narrate(
    {
      table: 'orders',
      measures: [{ id: 'orders', aggregation: 'sum', column: { column: 'orders' } }],
      dimensions: [{ id: 'region', column: { column: 'region' } }],
      filters: [],
    },
    result,
  );
  const notebook = toNotebook({
    question: 'Orders by region?',
    sql: 'SELECT region, count(*) AS orders FROM orders GROUP BY region',
    sources: [{ table: 'orders', path: 'data/orders.csv' }],
    narrative,
    result,
  });

  it('is valid nbformat 4 with the expected cells', () => {
    expect(validateNotebook(JSON.parse(notebookJson(notebook)))).toEqual({ ok: true });
    expect(notebook.cells.map((cell) => cell.cell_type)).toEqual([
      'markdown',
      'markdown',
      'code',
      'code',
      'markdown',
    ]);
    const source = (index: number) => [notebook.cells[index]!.source].flat().join('');
    expect(source(0)).toMatch(/^# Orders by region\?\n\n/);
    expect(source(0)).toContain(narrative.text.replaceAll('.', '.').slice(0, 20));
    expect(source(2)).toBe(
      'import duckdb\n\ncon = duckdb.connect()\ncon.execute("CREATE OR REPLACE VIEW \\"orders\\" AS SELECT * FROM read_csv_auto(\'data/orders.csv\')")',
    );
    expect(source(3)).toBe(
      'sql = """\nSELECT region, count(*) AS orders FROM orders GROUP BY region\n"""\ndf = con.sql(sql).df()\ndf',
    );
    expect(source(4)).toContain('| region | orders | revenue |');
    expect(source(4)).toContain('North, "big"');
  });

  it('reproduces the answer: its view and SQL cells run in DuckDB over the exported data', async () => {
    const connection = await duckdb();
    await connection.run(
      `CREATE TABLE source AS SELECT region, CAST(amount AS DOUBLE) AS amount FROM (VALUES ('North', 10.5), ('South', 4.25), ('North', 1.0), ('East', NULL)) t(region, amount)`,
    );
    const source = await connection.runAndReadAll('SELECT * FROM source');
    const path = join(folder, 'orders.csv');
    writeFileSync(
      path,
      toCsv(
        {
          columns: [
            { name: 'region', sourceType: 'VARCHAR', logicalType: 'text' },
            { name: 'amount', sourceType: 'DOUBLE', logicalType: 'float' },
          ],
          rows: source.getRowsJson() as QueryResult['rows'],
        },
        { formulaSafe: false },
      ),
    );
    const sql = 'SELECT region, sum(amount) AS revenue FROM orders GROUP BY region ORDER BY region';
    const expected = (
      await connection.runAndReadAll(sql.replace('FROM orders', 'FROM source'))
    ).getRowsJson();
    const book = toNotebook({ question: 'Revenue by region', sql, sources: [{ table: 'orders', path }] });
    const code = (index: number) => [book.cells[index]!.source].flat().join('');
    // The Python literals are a JSON string (view) and a triple-quoted block (SQL): read them back.
    const view = JSON.parse(/con\.execute\((".*")\)/.exec(code(2))![1]!) as string;
    const query = /sql = """\n([\s\S]*)\n"""/.exec(code(3))![1]!;
    expect(query).toBe(sql);
    const fresh = await duckdb();
    await fresh.run(view);
    expect((await fresh.runAndReadAll(query)).getRowsJson()).toEqual(expected);
    fresh.closeSync();
    connection.closeSync();
  });

  it('rejects broken notebooks', () => {
    expect(validateNotebook({ nbformat: 3, cells: [] }).ok).toBe(false);
    const duplicated = { ...notebook, cells: [notebook.cells[0], notebook.cells[0]] };
    expect(validateNotebook(duplicated)).toEqual({ ok: false, errors: ['cell ids must be unique'] });
    const noOutputs = { ...notebook, cells: [{ ...notebook.cells[2], outputs: undefined }] };
    expect(validateNotebook(noOutputs).ok).toBe(false);
  });
});

describe('report', () => {
  const hostile = '<script>alert(1)</script>';
  const narrative = narrate(
    {
      table: 'orders',
      measures: [{ id: 'orders', aggregation: 'count' }],
      dimensions: [{ id: 'region', column: { column: 'region' } }],
      filters: [{ op: 'eq', column: { column: 'status' }, value: hostile }],
    },
    result,
    { snapshotIds: ['snap-1'], assumptions: [hostile] },
  );
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
  const input = {
    question: `Orders by region ${hostile}?`,
    narrative,
    chartSvg: svg,
    chartAlt: 'Bar chart of orders by region',
    sql: "SELECT region, count(*) FROM orders WHERE status = '```' GROUP BY 1",
    result,
    generatedAt: '2024-06-15T12:00:00Z',
  };

  it('renders self-contained, escaped HTML with the chart, SQL, caveats and sources', () => {
    const html = renderReport(input, 'html');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(`src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"`);
    expect(html).toContain(
      '<pre><code class="language-sql">SELECT region, count(*) FROM orders WHERE status = &#39;```&#39; GROUP BY 1</code></pre>',
    );
    expect(html).toContain('Snapshots: snap-1');
    expect(html).toContain('<h2>Caveats</h2>');
    expect(html).not.toMatch(/<link|src="http|href="http/);
  });

  it('renders Markdown with a fence the SQL cannot close', () => {
    const markdown = renderReport(input, 'markdown');
    expect(markdown).toContain('````sql\nSELECT region');
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('![Bar chart of orders by region](data:image/svg+xml;base64,');
    expect(markdown).toContain('## Sources');
  });
});
