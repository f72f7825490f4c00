import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TempWorkspace, tempWorkspace } from './support/temp-workspace';

let ws: TempWorkspace;
beforeAll(async () => {
  ws = await tempWorkspace();
});
afterAll(() => ws.dispose());

/** Loads one column of values (header `v`) and returns its schema, notes and values. */
async function loadColumn(name: string, values: string[]) {
  const text = `id,v\n${values.map((value, i) => `${i + 1},"${value}"`).join('\n')}\n`;
  const result = await ws.workspace.load(ws.file(`${name}.csv`, text));
  const table = result.dataset.tables[0]!;
  const column = table.columns.find((candidate) => candidate.name === 'v')!;
  const rows = await ws.rows(`SELECT v FROM "${table.name}" ORDER BY id`);
  return {
    column,
    notes: table.columnNotes['v'] ?? [],
    warnings: result.warnings,
    values: rows.map((row) => row[0]),
  };
}

describe('numbers written as text', () => {
  it('reads thousands separators as integers', async () => {
    const { column, values } = await loadColumn('thousands', ['7,169', '1,115', '828', 'N/A']);
    expect(column).toMatchObject({ sourceType: 'BIGINT', logicalType: 'integer' });
    expect(column.unit).toBeUndefined();
    expect(values).toEqual([7169, 1115, 828, null]);
  });

  it('reads currency with its unit, decimals and negatives in parentheses', async () => {
    const { column, values } = await loadColumn('dollars', ['$1,234.50', '$12', '($1,000.25)', '-$3.10']);
    expect(column).toMatchObject({ sourceType: 'DECIMAL(18,2)', logicalType: 'decimal', unit: 'USD' });
    expect(values).toEqual([1234.5, 12, -1000.25, -3.1]);
    const euros = await loadColumn('euros', ['€12', '€7', '€1.000']);
    expect(euros.column).toMatchObject({ unit: 'EUR' });
  });

  it('keeps percentages as written, with unit percent', async () => {
    const { column, values } = await loadColumn('share', ['12%', '7.5%', '100%']);
    expect(column).toMatchObject({ sourceType: 'DOUBLE', logicalType: 'float', unit: 'percent' });
    expect(values).toEqual([12, 7.5, 100]);
  });

  it('reads European decimal commas, and keeps "1,234" a thousands separator', async () => {
    const european = await loadColumn('decimal_comma', ['2,5', '1.234,56', '10', '(3,25)']);
    expect(european.column).toMatchObject({ sourceType: 'DOUBLE', logicalType: 'float' });
    expect(european.values).toEqual([2.5, 1234.56, 10, -3.25]);
    expect(european.notes).toContain('decimal comma');
    const prices = await loadColumn('euro_prices', ['12,50 €', '3,99 €']);
    expect(prices.column).toMatchObject({ unit: 'EUR' });
    expect(prices.values).toEqual([12.5, 3.99]);
    const thousands = await loadColumn('thousands_only', ['1,234', '5,678']);
    expect(thousands.values).toEqual([1234, 5678]);
  });

  it('removes trailing footnote marks and says so', async () => {
    const { column, values, notes } = await loadColumn('footnotes', ['1,234[a]', '56*', '78']);
    expect(column.sourceType).toBe('BIGINT');
    expect(values).toEqual([1234, 56, 78]);
    expect(notes).toContain('footnote marks removed from 2 values');
  });

  it('keeps mixed columns as text with a note and a warning', async () => {
    const values = Array.from({ length: 39 }, (_, i) => String(i * 10));
    values.push('about 5');
    const result = await loadColumn('mixed', values);
    expect(result.column.sourceType).toBe('VARCHAR');
    expect(result.notes).toEqual(['mixed: 98% numeric']);
    expect(result.warnings).toEqual(['column v: kept as text, 1 of 40 values are not numbers']);
    expect(result.values[39]).toBe('about 5');
  });

  it('keeps codes with leading zeros and mixed currencies as text', async () => {
    expect((await loadColumn('zips', ['02134', '10001', '00501'])).column.sourceType).toBe('VARCHAR');
    const mixed = await loadColumn('mixed_money', ['$5', '€6', '$7']);
    expect(mixed.column.sourceType).toBe('VARCHAR');
    expect(mixed.warnings[0]).toContain('mixes currencies');
  });
});

describe('dates written as text', () => {
  it.each([
    ['iso', ['2020-03-04', '2021-12-31', 'n/a'], ['2020-03-04', '2021-12-31', null]],
    ['us', ['3/4/2020', '12/31/2021'], ['2020-03-04', '2021-12-31']],
    ['day_first', ['13/04/2020', '01/05/2021'], ['2020-04-13', '2021-05-01']],
    ['dotted', ['3.4.2020', '31.12.2021'], ['2020-04-03', '2021-12-31']],
    ['month_name', ['Mar 3, 2020', 'Dec 31, 2021'], ['2020-03-03', '2021-12-31']],
    ['long_month', ['3 March 2020', '31 December 2021'], ['2020-03-03', '2021-12-31']],
    ['year_month', ['2020-03', '2021-11'], ['2020-03-01', '2021-11-01']],
  ])('reads %s dates', async (name, input, expected) => {
    const { column, values } = await loadColumn(`date_${name}`, input);
    expect(column.logicalType).toBe('date');
    expect(values).toEqual(expected);
  });

  it('reads timestamps', async () => {
    const { column, values } = await loadColumn('stamps', ['2020-03-04 10:11:12', '2021-12-31 23:59:00 ']);
    expect(column.logicalType).toBe('timestamp');
    expect(values).toEqual(['2020-03-04T10:11:12', '2021-12-31T23:59:00']);
  });

  it('does not mistake sports seasons for months', async () => {
    const { column } = await loadColumn('seasons', ['2005-06', '2006-07', '2007-08']);
    expect(column.sourceType).toBe('VARCHAR');
  });
});

describe('booleans written as words', () => {
  it('reads yes/no, true/false and y/n', async () => {
    const { column, values } = await loadColumn('flags', ['Yes', 'no', 'Y', 'n', 'TRUE', 'false']);
    expect(column.logicalType).toBe('boolean');
    expect(values).toEqual([true, false, true, false, true, false]);
  });

  it('leaves free text alone', async () => {
    const { column, notes } = await loadColumn('words', ['yes please', 'no', 'maybe']);
    expect(column.sourceType).toBe('VARCHAR');
    expect(notes).toEqual([]);
  });
});
