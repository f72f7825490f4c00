import { describe, expect, it } from 'vitest';
import { filterRows, formatCell, nextSort, sortRows, toCsv } from './grid-model';

const rows = [
  ['EMEA', 30],
  ['APAC', null],
  ['Americas', 120],
  ['apac 2', 5],
];

describe('grid model', () => {
  it('sorts numbers by value and keeps empty cells last both ways', () => {
    expect(sortRows(rows, { column: 1, direction: 'ascending' }).map((row) => row[1])).toEqual([
      5,
      30,
      120,
      null,
    ]);
    expect(sortRows(rows, { column: 1, direction: 'descending' }).map((row) => row[1])).toEqual([
      120,
      30,
      5,
      null,
    ]);
  });

  it('sorts text without regard to case', () => {
    expect(sortRows(rows, { column: 0, direction: 'ascending' }).map((row) => row[0])).toEqual([
      'Americas',
      'APAC',
      'apac 2',
      'EMEA',
    ]);
  });

  it('filters on any cell, case-insensitively', () => {
    expect(filterRows(rows, 'apac')).toEqual([
      ['APAC', null],
      ['apac 2', 5],
    ]);
    expect(filterRows(rows, '120')).toEqual([['Americas', 120]]);
    expect(filterRows(rows, '  ')).toBe(rows);
  });

  it('cycles sort: ascending, descending, none', () => {
    const first = nextSort(undefined, 2);
    expect(first).toEqual({ column: 2, direction: 'ascending' });
    expect(nextSort(first, 2)).toEqual({ column: 2, direction: 'descending' });
    expect(nextSort({ column: 2, direction: 'descending' }, 2)).toBeUndefined();
  });

  it('writes RFC 4180 CSV with quoting', () => {
    expect(
      toCsv(
        ['name', 'note'],
        [
          ['O"Brien', 'a,b'],
          ['x', null],
        ],
      ),
    ).toBe('name,note\r\n"O""Brien","a,b"\r\nx,\r\n');
  });

  it('shows truncated dates at the grain their column is named for', () => {
    expect(formatCell('2023-01-01', 'order_date_year')).toBe('2023');
    expect(formatCell('2024-07-01', 'order_date_quarter')).toBe('2024 Q3');
    expect(formatCell('2024-03-01', 'order_date_month')).toBe('2024-03');
    expect(formatCell('2024-03-05', 'order_date_month')).toBe('2024-03-05');
    expect(formatCell('2023-01-01', 'signup_date')).toBe('2023-01-01');
    expect(formatCell(1234.5, 'x')).toBe((1234.5).toLocaleString());
  });
});
