import { describe, expect, it } from 'vitest';
import { percentile } from './percentile';
import { selectRecords } from './sample';

const items = Array.from({ length: 100 }, (_, index) => index);

describe('selectRecords', () => {
  it('applies offset and limit as a window', () => {
    expect(selectRecords(items, { offset: 10, limit: 3 })).toEqual([10, 11, 12]);
    expect(selectRecords(items, { limit: 0 })).toEqual([]);
    expect(selectRecords(items, { offset: 98, limit: 10 })).toEqual([98, 99]);
  });

  it('draws the same sample for the same seed, in file order', () => {
    const first = selectRecords(items, { sample: 10, seed: 7 });
    expect(first).toHaveLength(10);
    expect(selectRecords(items, { sample: 10, seed: 7 })).toEqual(first);
    expect(first).toEqual([...first].sort((a, b) => a - b));
    expect(selectRecords(items, { sample: 10, seed: 8 })).not.toEqual(first);
    expect(new Set(first).size).toBe(10);
  });

  it('returns the whole window when the sample is larger', () => {
    expect(selectRecords(items, { limit: 5, sample: 50 })).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile(items, 95)).toBe(94);
    expect(percentile([7], 95)).toBe(7);
  });
});
