import { describe, expect, it } from 'vitest';
import { resolveRelativeDate } from '../src/query-spec/resolve-relative-date';
import type { Filter } from '../src/query-spec/types';

type Relative = Extract<Filter, { op: 'relative_date' }>;
const relative = (unit: Relative['unit'], mode: Relative['mode'], n?: number): Relative => ({
  op: 'relative_date',
  column: { column: 'd' },
  unit,
  mode,
  ...(n === undefined ? {} : { n }),
});

describe('resolveRelativeDate', () => {
  const cases: Array<[string, Relative, string, string, string]> = [
    [
      'last 7 days includes the as-of day',
      relative('day', 'last_n', 7),
      '2024-06-15',
      '2024-06-09',
      '2024-06-16',
    ],
    ['this month', relative('month', 'this'), '2024-06-15', '2024-06-01', '2024-07-01'],
    [
      'last month across a year boundary',
      relative('month', 'last'),
      '2024-01-10',
      '2023-12-01',
      '2024-01-01',
    ],
    [
      'last quarter across a year boundary',
      relative('quarter', 'last'),
      '2024-02-10',
      '2023-10-01',
      '2024-01-01',
    ],
    ['this quarter', relative('quarter', 'this'), '2024-08-31', '2024-07-01', '2024-10-01'],
    ['year to date', relative('year', 'to_date'), '2024-06-15', '2024-01-01', '2024-06-16'],
    ['quarter to date', relative('quarter', 'to_date'), '2024-05-02', '2024-04-01', '2024-05-03'],
    ['this week starts on Monday', relative('week', 'this'), '2024-06-16', '2024-06-10', '2024-06-17'],
    ['last week', relative('week', 'last'), '2024-06-10', '2024-06-03', '2024-06-10'],
    [
      'last month rolling, clamped at month ends',
      relative('month', 'last_n', 1),
      '2024-03-31',
      '2024-03-01',
      '2024-04-01',
    ],
    ['last 12 months', relative('month', 'last_n', 12), '2024-02-29', '2023-03-01', '2024-03-01'],
    ['last year', relative('year', 'last'), '2024-06-15', '2023-01-01', '2024-01-01'],
    ['last 2 years rolling', relative('year', 'last_n', 2), '2024-06-15', '2022-06-16', '2024-06-16'],
  ];
  it.each(cases)('%s', (_label, filter, asOf, from, toExclusive) => {
    expect(resolveRelativeDate(filter, asOf)).toEqual({ from, toExclusive });
  });

  it('refuses to guess today when the spec has no as-of date', () => {
    expect(() => resolveRelativeDate(relative('day', 'last_n', 7), undefined)).toThrow(/as-of date/);
  });

  it('needs n for last N', () => {
    expect(() => resolveRelativeDate(relative('day', 'last_n'), '2024-01-01')).toThrow(/needs n/);
  });
});
