import { describe, expect, it } from 'vitest';
import { findSheetTable, type GridCell } from './sheet-layout';

/** A grid from plain values: numbers are numeric cells, `null` is empty. */
function grid(rows: (string | number | null)[][]): GridCell[][] {
  return rows.map((row) =>
    row.map((value) =>
      typeof value === 'number' ? { text: String(value), numeric: true } : { text: value, numeric: false },
    ),
  );
}

describe('findSheetTable', () => {
  it('skips title rows and blank rows above the header', () => {
    const table = findSheetTable(
      grid([
        ['Quarterly report', null, null],
        [null, null, null],
        ['Region', 'Sales', 'Units'],
        ['North', 10, 1],
        [null, null, null],
        ['South', 20, 2],
      ]),
    );
    expect(table?.headerRow).toBe(3);
    expect(table?.headers).toEqual(['Region', 'Sales', 'Units']);
    expect(table?.rows).toEqual([
      ['North', '10', '1'],
      ['South', '20', '2'],
    ]);
    expect(table?.warnings).toEqual([]);
  });

  it('drops an unlabelled last row whose numbers are all the column sums', () => {
    const table = findSheetTable(
      grid([
        ['Item', 'Q1', 'Q2'],
        ['a', 1, 2],
        ['b', 3, 4],
        [null, 4, 6],
      ]),
    );
    expect(table?.rows).toHaveLength(2);
    expect(table?.warnings).toEqual([
      'the last row (below header row 1) looks like a totals row and was left out; its numbers are the column sums',
    ]);
  });

  it('keeps a last row that is neither labelled as a total nor a sum', () => {
    const table = findSheetTable(
      grid([
        ['Item', 'Q1', 'Q2'],
        ['a', 1, 2],
        ['b', 3, 4],
        ['c', 5, 6],
      ]),
    );
    expect(table?.rows).toHaveLength(3);
    expect(table?.warnings).toEqual([]);
  });

  it('says when a labelled totals row does not add up', () => {
    const table = findSheetTable(
      grid([
        ['Item', 'Amount'],
        ['a', 1],
        ['b', 3],
        ['Grand total', 5],
      ]),
    );
    expect(table?.rows).toEqual([
      ['a', '1'],
      ['b', '3'],
    ]);
    expect(table?.warnings[0]).toBe(
      '"Grand total" (below header row 1) looks like a totals row and was left out; its numbers are not all the column sums',
    );
  });

  it('returns nothing for an empty sheet', () => {
    expect(findSheetTable(grid([[null, null]]))).toBeUndefined();
  });
});
