import { expect } from 'vitest';

export type NormalisedRows = Array<Array<string | number | null>>;

/** Same rows in the same order; numbers equal within a relative 1e-6 (float sums differ by engine and run). */
export function expectSameRows(actual: NormalisedRows, expected: NormalisedRows, label: string): void {
  expect(actual.length, `${label}: row count`).toBe(expected.length);
  actual.forEach((row, rowIndex) => {
    const other = expected[rowIndex] ?? [];
    expect(row.length, `${label}: width of row ${rowIndex}`).toBe(other.length);
    row.forEach((cell, cellIndex) => {
      const want = other[cellIndex];
      const where = `${label}: row ${rowIndex} column ${cellIndex} (${JSON.stringify(row)} vs ${JSON.stringify(other)})`;
      if (typeof cell === 'number' && typeof want === 'number') {
        expect(Math.abs(cell - want), where).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
      } else {
        expect(cell, where).toEqual(want);
      }
    });
  });
}
