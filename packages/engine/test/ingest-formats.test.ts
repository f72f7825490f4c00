import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TempWorkspace, tempWorkspace } from './support/temp-workspace';

let ws: TempWorkspace;
beforeAll(async () => {
  ws = await tempWorkspace();
});
afterAll(() => ws.dispose());

function utf16(text: string, endian: 'le' | 'be', bom = true): Buffer {
  const body = Buffer.from(text, 'utf16le');
  if (endian === 'be') body.swap16();
  if (!bom) return body;
  return Buffer.concat([Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
}

const cities = 'city,population\nZürich,421878\nGenève,203856\nMálaga,578460\n';
const expectedCities = [
  ['Zürich', 421878],
  ['Genève', 203856],
  ['Málaga', 578460],
];

describe('text encodings', () => {
  it.each([
    ['utf8.csv', Buffer.from(cities, 'utf8')],
    ['utf8-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cities, 'utf8')])],
    ['latin1.csv', Buffer.from(cities, 'latin1')],
    ['utf16le.csv', utf16(cities, 'le')],
    ['utf16be.csv', utf16(cities, 'be')],
    ['utf16le-nobom.csv', utf16(cities, 'le', false)],
  ])('reads %s with the right characters and header', async (name, bytes) => {
    const result = await ws.workspace.load(ws.file(name, bytes));
    const table = result.dataset.tables[0]!;
    expect(table.columns.map((column) => [column.name, column.sourceType])).toEqual([
      ['city', 'VARCHAR'],
      ['population', 'BIGINT'],
    ]);
    expect(await ws.rows(`SELECT city, population FROM ${table.name} ORDER BY population`)).toEqual([
      expectedCities[1],
      expectedCities[0],
      expectedCities[2],
    ]);
  });
  it('falls back to Latin-1 when invalid UTF-8 appears after the sampled head', async () => {
    const lines = ['id,name', ...Array.from({ length: 20_000 }, (_, i) => `${i},name${i}`), '20000,café'];
    const result = await ws.workspace.load(
      ws.file('late-latin1.csv', Buffer.from(lines.join('\n'), 'latin1')),
    );
    expect(result.warnings).toContain('the file is not valid UTF-8 throughout; it was read as Latin-1');
    expect(await ws.rows('SELECT name FROM late_latin1 WHERE id = 20000')).toEqual([['café']]);
  });
});

describe('delimited text', () => {
  it('sniffs tabs, semicolons and pipes', async () => {
    for (const [name, delimiter] of [
      ['tabs.tsv', '\t'],
      ['semi.txt', ';'],
      ['pipes.dat', '|'],
    ] as const) {
      const text = ['id,name,score', '1,Ann,3.5', '2,Bob,4']
        .map((line) => line.replaceAll(',', delimiter))
        .join('\n');
      const result = await ws.workspace.load(ws.file(name, text));
      expect(result.dataset.source.format).toBe('csv');
      expect(result.dataset.tables[0]!.columns.map((column) => column.name)).toEqual(['id', 'name', 'score']);
      expect(await ws.rows(`SELECT name, score FROM "${result.dataset.id}" ORDER BY id`)).toEqual([
        ['Ann', 3.5],
        ['Bob', 4],
      ]);
    }
  });

  it('reads a European export: semicolons, CRLF line ends, decimal commas', async () => {
    const result = await ws.workspace.load(
      ws.file('export-eu.csv', 'Artikel;Preis\r\nTee;2,5\r\nKaffee;4,75\r\n'),
    );
    expect(result.dataset.tables[0]!.columns.map((column) => column.logicalType)).toEqual(['text', 'float']);
    expect(await ws.rows('SELECT sum(preis) FROM export_eu')).toEqual([[7.25]]);
  });

  it('reads backslash-escaped quotes and quoted newlines', async () => {
    const text = 'id,quote\n1,"he said \\"hi\\""\n2,"two\nlines"\n3,plain\n';
    const result = await ws.workspace.load(ws.file('escaped.csv', text));
    expect(await ws.rows(`SELECT quote FROM ${result.dataset.id} ORDER BY id`)).toEqual([
      ['he said "hi"'],
      ['two\nlines'],
      ['plain'],
    ]);
  });

  it("keeps apostrophes when DuckDB's sniffer would take ' as the escape character", async () => {
    // The sniffer picks `'` as the escape here; the rows read ahead with that guess must not be used.
    const text = `name,height,note\nAnn,"5'10",ok\nBob,"6'1",fine\nCy,"5'7","it's"\n`;
    const result = await ws.workspace.load(ws.file('apostrophes.csv', text));
    expect(result.dataset.tables[0]!.columns.map((column) => column.sourceType)).toEqual([
      'VARCHAR',
      'VARCHAR',
      'VARCHAR',
    ]);
    expect(await ws.rows(`SELECT name, height, note FROM ${result.dataset.id} ORDER BY name`)).toEqual([
      ['Ann', "5'10", 'ok'],
      ['Bob', "6'1", 'fine'],
      ['Cy', "5'7", "it's"],
    ]);
  });

  it('reads with the sniffed dialect: title lines, quotes in headers, timestamps, NULL facts', async () => {
    // The full read reuses one sniff as explicit options; header names with ' and " must survive that.
    const text = `Monthly report\n\nit's,"a ""b""",when,amount\n1,x,2020-03-04 10:00:00,1.5\n2,,2020-03-05 11:30:00,\n`;
    const result = await ws.workspace.load(ws.file('quirky.csv', text));
    expect(
      result.dataset.tables[0]!.columns.map((column) => [column.label, column.sourceType, column.nullable]),
    ).toEqual([
      ["it's", 'BIGINT', false],
      ['a "b"', 'VARCHAR', true],
      ['when', 'TIMESTAMP', false],
      ['amount', 'DOUBLE', true],
    ]);
    expect(await ws.rows(`SELECT it_s, a_b, amount FROM ${result.dataset.id} ORDER BY it_s`)).toEqual([
      [1, 'x', 1.5],
      [2, null, null],
    ]);
  });

  it('names columns when the file has no header row', async () => {
    const result = await ws.workspace.load(ws.file('noheader.csv', '1,2.5,x\n2,3.5,y\n3,4.5,z\n'));
    const columns = result.dataset.tables[0]!.columns;
    expect(columns).toHaveLength(3);
    expect(columns.map((column) => column.logicalType)).toEqual(['integer', 'float', 'text']);
    expect(result.dataset.tables[0]!.rowCount).toBe(3);
  });

  it('pads ragged rows instead of failing', async () => {
    const result = await ws.workspace.load(ws.file('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n'));
    expect(await ws.rows(`SELECT a, c FROM ${result.dataset.id} ORDER BY a`)).toEqual([
      [1, 3],
      [4, null],
      [6, 8],
    ]);
  });
});

describe('JSON and Parquet', () => {
  it('reads an array of objects and newline-delimited JSON', async () => {
    const array = await ws.workspace.load(
      ws.file(
        'array.json',
        JSON.stringify([
          { id: 1, name: 'a' },
          { id: 2, name: 'b' },
        ]),
      ),
    );
    expect(array.dataset.source.format).toBe('json');
    expect(await ws.rows('SELECT id, name FROM "array" ORDER BY id')).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    const lines = await ws.workspace.load(
      ws.file('lines.ndjson', '{"id":1,"amount":"$1,200"}\n{"id":2,"amount":"$30"}\n'),
    );
    expect(lines.dataset.tables[0]!.columns.find((column) => column.name === 'amount')).toMatchObject({
      logicalType: 'integer',
      unit: 'USD',
    });
    expect(await ws.rows('SELECT sum(amount) FROM lines')).toEqual([[1230]]);
  });

  it('reads Parquet by its magic bytes, whatever the extension', async () => {
    const path = ws.file('data.bin', '');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT range AS id, 'n' || range AS label, DATE '2024-01-01' + range::INTEGER AS day FROM range(5)) TO '${path}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    const result = await ws.workspace.load(path, { name: 'parquet days' });
    expect(result.dataset.source.format).toBe('parquet');
    expect(result.dataset.id).toBe('parquet_days');
    expect(result.dataset.tables[0]!.columns.map((column) => column.logicalType)).toEqual([
      'integer',
      'text',
      'date',
    ]);
    expect(await ws.rows('SELECT max(day) FROM parquet_days')).toEqual([['2024-01-05']]);
  });
});

describe('Excel workbooks', () => {
  it('finds the header below title rows, merges two header rows and drops a totals row', async () => {
    const workbook = new ExcelJS.Workbook();
    const budget = workbook.addWorksheet('Budget 2024');
    budget.addRow(['ACME Corp — Budget']);
    budget.mergeCells('A1:E1');
    budget.addRow(['Prepared by finance']);
    budget.addRow([]);
    budget.addRow(['Department', '2024', null, '2025', null]);
    budget.mergeCells('B4:C4');
    budget.mergeCells('D4:E4');
    budget.addRow(['Department', 'H1', 'H2', 'H1', 'H2']);
    budget.mergeCells('A4:A5');
    budget.addRow(['Sales', 100, 120, 130, 140]);
    budget.addRow(['Marketing', 50, 55, 60, 65]);
    budget.addRow(['IT', 70, 75, 80, 85]);
    budget.addRow(['Total', 220, 250, 270, 290]);
    const notes = workbook.addWorksheet('Notes');
    notes.addRow(['When', 'Note']);
    notes.addRow([new Date(Date.UTC(2024, 0, 15)), 'kick-off']);
    notes.addRow([new Date(Date.UTC(2024, 2, 1)), 'review']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await ws.workspace.load(ws.file('budget.xlsx', buffer));
    expect(result.dataset.source.format).toBe('xlsx');
    const [main, second] = result.dataset.tables;
    expect(main!.name).toBe('budget_budget_2024');
    expect(main!.columns.map((column) => column.label)).toEqual([
      'Department',
      '2024 H1',
      '2024 H2',
      '2025 H1',
      '2025 H2',
    ]);
    expect(main!.columns.map((column) => column.name)).toEqual([
      'department',
      'c_2024_h1',
      'c_2024_h2',
      'c_2025_h1',
      'c_2025_h2',
    ]);
    expect(main!.columns[1]!.logicalType).toBe('integer');
    expect(main!.rowCount).toBe(3);
    expect(result.warnings.join('\n')).toContain('"Total"');
    expect(result.warnings.join('\n')).toContain('looks like a totals row and was left out');
    expect(await ws.rows('SELECT sum(c_2024_h1) FROM budget_budget_2024')).toEqual([[220]]);
    expect(second!.name).toBe('budget_notes');
    expect(second!.columns.map((column) => column.logicalType)).toEqual(['date', 'text']);
    expect(await ws.rows('SELECT "when" FROM budget_notes ORDER BY 1')).toEqual([
      ['2024-01-15'],
      ['2024-03-01'],
    ]);
  });
});
