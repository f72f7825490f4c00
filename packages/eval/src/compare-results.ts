import type { CellValue } from '@askdata/core';

/** Relative tolerance for floating values, from the bench scoring rules. */
export const floatTolerance = 1e-6;

const plainNumber = /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** Numbers, numeric strings (wide integers arrive as decimal strings) and booleans (SQLite stores them as 0/1). */
function numericValue(value: CellValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && plainNumber.test(value)) return Number(value);
  return undefined;
}

export function numbersEqual(a: number, b: number): boolean {
  if (a === b) return true;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= floatTolerance * Math.max(Math.abs(a), Math.abs(b));
}

/** Cell equality for execution accuracy: exact for text, relative tolerance for numbers. */
export function cellsEqual(a: CellValue, b: CellValue): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  const left = numericValue(a);
  const right = numericValue(b);
  if (left !== undefined && right !== undefined) return numbersEqual(left, right);
  return false;
}

/** A total order over cells (null < numbers < text) that keeps near-equal numbers adjacent. */
function compareCells(a: CellValue, b: CellValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const left = typeof a === 'string' ? undefined : numericValue(a);
  const right = typeof b === 'string' ? undefined : numericValue(b);
  if (left !== undefined && right !== undefined) return left - right;
  if (left !== undefined) return -1;
  if (right !== undefined) return 1;
  const textA = String(a);
  const textB = String(b);
  return textA < textB ? -1 : textA > textB ? 1 : 0;
}

function compareRows(a: CellValue[], b: CellValue[]): number {
  for (let index = 0; index < a.length; index += 1) {
    const order = compareCells(a[index] ?? null, b[index] ?? null);
    if (order !== 0) return order;
  }
  return 0;
}

function rowsEqual(a: CellValue[], b: CellValue[]): boolean {
  return a.length === b.length && a.every((cell, index) => cellsEqual(cell, b[index] ?? null));
}

function sameRowsInOrder(gold: CellValue[][], predicted: CellValue[][]): boolean {
  return gold.every((row, index) => rowsEqual(row, predicted[index] ?? []));
}

/** Largest result for which an exact (quadratic) multiset match is tried after sorting fails. */
const greedyMatchLimit = 2000;

function sameRowMultiset(gold: CellValue[][], predicted: CellValue[][]): boolean {
  const sortedGold = [...gold].sort(compareRows);
  const sortedPredicted = [...predicted].sort(compareRows);
  if (sameRowsInOrder(sortedGold, sortedPredicted)) return true;
  // Sorting can separate rows whose floats differ within tolerance; match them one by one instead.
  if (gold.length > greedyMatchLimit) return false;
  const used = new Array<boolean>(predicted.length).fill(false);
  return gold.every((row) => {
    const match = predicted.findIndex((candidate, index) => !used[index] && rowsEqual(row, candidate));
    if (match < 0) return false;
    used[match] = true;
    return true;
  });
}

function column(rows: CellValue[][], index: number): CellValue[] {
  return rows.map((row) => row[index] ?? null);
}

function sameColumnMultiset(a: CellValue[], b: CellValue[]): boolean {
  return sameRowMultiset(
    a.map((cell) => [cell]),
    b.map((cell) => [cell]),
  );
}

/** Most column orders tried; results with many interchangeable columns stop here and count as different. */
const permutationLimit = 5000;

/**
 * Candidate predicted columns for each gold column: those holding the same multiset of values.
 * Returns each column mapping (gold index → predicted index) that is a bijection, lazily.
 */
function* columnMappings(gold: CellValue[][], predicted: CellValue[][], width: number): Generator<number[]> {
  const candidates: number[][] = [];
  for (let goldIndex = 0; goldIndex < width; goldIndex += 1) {
    const goldColumn = column(gold, goldIndex);
    const matches: number[] = [];
    for (let predictedIndex = 0; predictedIndex < width; predictedIndex += 1) {
      if (sameColumnMultiset(goldColumn, column(predicted, predictedIndex))) matches.push(predictedIndex);
    }
    if (matches.length === 0) return;
    candidates.push(matches);
  }
  // Identity first: most predictions keep the gold column order.
  for (const matches of candidates) matches.sort((a, b) => a - b);
  const mapping: number[] = [];
  const used = new Set<number>();
  let produced = 0;
  function* extend(goldIndex: number): Generator<number[]> {
    if (produced >= permutationLimit) return;
    if (goldIndex === width) {
      produced += 1;
      yield [...mapping];
      return;
    }
    for (const predictedIndex of candidates[goldIndex] ?? []) {
      if (used.has(predictedIndex)) continue;
      used.add(predictedIndex);
      mapping.push(predictedIndex);
      yield* extend(goldIndex + 1);
      mapping.pop();
      used.delete(predictedIndex);
    }
  }
  yield* extend(0);
}

export interface CompareOptions {
  /** True when the gold query orders its output (top-level ORDER BY): then row order must match too. */
  ordered: boolean;
}

export interface CompareOutcome {
  equal: boolean;
  /** Why two results differ, for the failure report. */
  reason?: string;
}

/**
 * Execution-accuracy comparison of two results (rows as arrays): same number of columns and rows,
 * columns matched by value when the prediction lists them in another order, rows compared as a multiset
 * unless the gold query orders them.
 */
export function compareResults(
  gold: CellValue[][],
  predicted: CellValue[][],
  options: CompareOptions,
): CompareOutcome {
  if (gold.length !== predicted.length) {
    return { equal: false, reason: `expected ${gold.length} rows, got ${predicted.length}` };
  }
  const width = gold[0]?.length ?? 0;
  const predictedWidth = predicted[0]?.length ?? 0;
  if (gold.length === 0) return { equal: true };
  if (width !== predictedWidth) {
    return { equal: false, reason: `expected ${width} columns, got ${predictedWidth}` };
  }
  for (const mapping of columnMappings(gold, predicted, width)) {
    const reordered = predicted.map((row) => mapping.map((index) => row[index] ?? null));
    const same = options.ordered ? sameRowsInOrder(gold, reordered) : sameRowMultiset(gold, reordered);
    if (same) return { equal: true };
  }
  return { equal: false, reason: options.ordered ? 'different values or row order' : 'different values' };
}
