import type { CellValue, QueryResult } from '@askdata/core';

function normalise(value: CellValue): string {
  if (typeof value === 'number') return Number(value.toPrecision(6)).toString();
  return JSON.stringify(value);
}

/**
 * Whether two results hold the same data, whatever their column names and row order: the test of
 * whether the offline engine and the LLM agree. Rows compare as sorted cell lists rounded to six
 * significant digits.
 */
export function sameResult(left: QueryResult, right: QueryResult): boolean {
  if (left.rows.length !== right.rows.length) return false;
  const key = (result: QueryResult) =>
    result.rows
      .map((row) => row.map(normalise).sort().join('\u0001'))
      .sort()
      .join('\u0002');
  return key(left) === key(right);
}
