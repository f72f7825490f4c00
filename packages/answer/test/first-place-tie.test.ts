import type { CellValue, QueryResult, QuerySpec } from '@askdata/core';
import { describe, expect, it } from 'vitest';
import { verifyAnswer } from '../src/verify/verify-answer';

const result = (rows: CellValue[][]): QueryResult => ({
  columns: [
    { name: 'year', sourceType: 'INTEGER', logicalType: 'integer' },
    { name: 'count', sourceType: 'BIGINT', logicalType: 'integer' },
  ],
  rows,
  rowCount: rows.length,
  truncated: false,
  elapsedMs: 1,
});

const mostTitles: QuerySpec = {
  table: 'titles',
  measures: [{ id: 'count', aggregation: 'count' }],
  dimensions: [{ id: 'year', column: { column: 'year' } }],
  filters: [],
  order: [{ by: 'count', direction: 'desc' }],
  limit: 1,
};

const tieCheck = async (spec: QuerySpec, shown: CellValue[][], two: CellValue[][] | null) => {
  const report = await verifyAnswer(spec, result(shown), {
    runOneMore: async () => (two === null ? null : result(two)),
  });
  return { check: report.checks.find((check) => check.id === 'first_place_tie'), report };
};

describe('a tie for first place in a one-row answer', () => {
  it('warns and names the runner-up when it has the same value', async () => {
    const { check, report } = await tieCheck(
      mostTitles,
      [[1999, 3]],
      [
        [1999, 3],
        [2004, 3],
      ],
    );
    expect(check).toMatchObject({ status: 'warn', message: '2004 ties with 1999 at 3; only one is shown.' });
    expect(report.caveats.map((caveat) => caveat.check)).toContain('first_place_tie');
    expect(report.confidenceDelta).toBeLessThan(0);
  });

  it('passes when the first row is ahead', async () => {
    const { check, report } = await tieCheck(
      mostTitles,
      [[1999, 3]],
      [
        [1999, 3],
        [2004, 2],
      ],
    );
    expect(check?.status).toBe('pass');
    expect(report.caveats).toEqual([]);
  });

  it('is not asked for answers that are not one row ranked by an amount', async () => {
    let asked = 0;
    const count = async (spec: QuerySpec) => {
      await verifyAnswer(spec, result([[1999, 3]]), {
        runOneMore: async () => {
          asked++;
          return result([]);
        },
      });
    };
    await count({ ...mostTitles, limit: 5 });
    await count({ ...mostTitles, order: [{ by: 'year', direction: 'asc' }] });
    expect(asked).toBe(0);
  });
});
