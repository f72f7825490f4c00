import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from './rank-fusion';
import { cosine, VectorCache } from './vector-cache';

describe('VectorCache', () => {
  it('keeps unit vectors by model and text, forgetting the oldest past its limit', () => {
    const cache = new VectorCache(2);
    const stored = cache.set('openai:small', 'orders', [3, 4]);
    expect([...stored]).toEqual([expect.closeTo(0.6), expect.closeTo(0.8)]);
    expect(cache.get('openai:small', 'orders')).toBe(stored);
    expect(cache.get('ollama:nomic', 'orders')).toBeUndefined();
    cache.set('openai:small', 'customers', [1, 0]);
    cache.set('openai:small', 'regions', [0, 1]);
    expect(cache.size).toBe(2);
    expect(cache.get('openai:small', 'orders')).toBeUndefined();
    const customers = cache.get('openai:small', 'customers');
    const regions = cache.get('openai:small', 'regions');
    if (!customers || !regions) throw new Error('evicted the wrong entries');
    expect(cosine(customers, regions)).toBe(0);
    expect(cosine(customers, stored)).toBeCloseTo(0.6);
  });
});

describe('reciprocalRankFusion', () => {
  it('ranks a document found by both rankings above ones found by either alone', () => {
    const scores = reciprocalRankFusion([
      ['orders', 'customers'],
      ['shipments', 'customers'],
    ]);
    const ranked = [...scores.entries()].sort((left, right) => right[1] - left[1]).map(([key]) => key);
    expect(ranked[0]).toBe('customers');
    expect(scores.get('orders')).toBeCloseTo(1 / 61);
  });
});
