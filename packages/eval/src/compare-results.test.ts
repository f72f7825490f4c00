import { describe, expect, it } from 'vitest';
import { cellsEqual, compareResults } from './compare-results';

const unordered = { ordered: false };
const ordered = { ordered: true };

describe('compareResults', () => {
  it('ignores row order unless the gold query orders rows', () => {
    const gold = [
      [1, 'a'],
      [2, 'b'],
    ];
    const swapped = [
      [2, 'b'],
      [1, 'a'],
    ];
    expect(compareResults(gold, swapped, unordered).equal).toBe(true);
    expect(compareResults(gold, swapped, ordered).equal).toBe(false);
    expect(compareResults(gold, gold, ordered).equal).toBe(true);
  });

  it('compares multisets: duplicates must match in number', () => {
    expect(compareResults([[1], [1], [2]], [[1], [2], [2]], unordered).equal).toBe(false);
    expect(compareResults([[1], [1], [2]], [[2], [1], [1]], unordered).equal).toBe(true);
    expect(compareResults([[1], [1]], [[1]], unordered)).toEqual({
      equal: false,
      reason: 'expected 2 rows, got 1',
    });
  });

  it('maps columns by value when the prediction lists them in another order', () => {
    const gold = [
      ['Joe', 30],
      ['Ann', 41],
    ];
    expect(
      compareResults(
        gold,
        [
          [41, 'Ann'],
          [30, 'Joe'],
        ],
        unordered,
      ).equal,
    ).toBe(true);
    expect(
      compareResults(
        gold,
        [
          [30, 'Joe'],
          [41, 'Ann'],
        ],
        ordered,
      ).equal,
    ).toBe(true);
    // Same column multisets but the rows pair values differently: not the same result.
    expect(
      compareResults(
        gold,
        [
          [30, 'Ann'],
          [41, 'Joe'],
        ],
        unordered,
      ).equal,
    ).toBe(false);
  });

  it('tries every mapping when columns hold the same values', () => {
    const gold = [
      [1, 2],
      [2, 1],
      [3, 3],
    ];
    expect(
      compareResults(
        gold,
        [
          [2, 1],
          [1, 2],
          [3, 3],
        ],
        unordered,
      ).equal,
    ).toBe(true);
    expect(compareResults([[1, 2, 5]], [[5, 2, 1]], unordered).equal).toBe(true);
    expect(
      compareResults(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [2, 1],
          [3, 4],
        ],
        unordered,
      ).equal,
    ).toBe(false);
  });

  it('requires the same number of columns', () => {
    expect(compareResults([[1]], [[1, 'extra']], unordered)).toEqual({
      equal: false,
      reason: 'expected 1 columns, got 2',
    });
  });

  it('treats floats within a relative tolerance of 1e-6 as equal', () => {
    expect(compareResults([[1 / 3]], [[0.3333333]], unordered).equal).toBe(true);
    expect(compareResults([[1000000]], [[1000000.5]], unordered).equal).toBe(true);
    expect(compareResults([[1000]], [[1000.01]], unordered).equal).toBe(false);
    expect(compareResults([[0]], [[1e-9]], unordered).equal).toBe(false);
  });

  it('matches near-equal floats even when sorting would split them', () => {
    const gold = [
      [1.0000001, 'b'],
      [1.0000002, 'a'],
    ];
    const predicted = [
      [1.0000002, 'b'],
      [1.0000001, 'a'],
    ];
    expect(compareResults(gold, predicted, unordered).equal).toBe(true);
  });

  it('accepts empty results of any width, but not empty against non-empty', () => {
    expect(compareResults([], [], unordered).equal).toBe(true);
    expect(compareResults([[1]], [], unordered).equal).toBe(false);
  });

  it('keeps text exact and nulls distinct from values', () => {
    expect(compareResults([['Paris']], [['paris']], unordered).equal).toBe(false);
    expect(compareResults([[null]], [[null]], unordered).equal).toBe(true);
    expect(compareResults([[null]], [[0]], unordered).equal).toBe(false);
    expect(compareResults([[null]], [['']], unordered).equal).toBe(false);
  });
});

describe('cellsEqual', () => {
  it('equates numbers with their decimal-string and boolean forms only', () => {
    expect(cellsEqual(12345678901, '12345678901')).toBe(true);
    expect(cellsEqual(1, true)).toBe(true);
    expect(cellsEqual(0, false)).toBe(true);
    expect(cellsEqual('12', 12)).toBe(true);
    expect(cellsEqual('12 apples', 12)).toBe(false);
    expect(cellsEqual('1', '1.0')).toBe(false);
  });
});
