import { ownValue } from './own-value';
import type { Token } from './tokenize';

/** Adjectives that name both a direction and the quantity ranked ("oldest" → age, descending). */
const superlatives: Record<string, { direction: 'asc' | 'desc'; hints: string[] }> = {
  oldest: { direction: 'desc', hints: ['age', '-date', '-year', '-founded'] },
  youngest: { direction: 'asc', hints: ['age', '-date', '-year', '-birth'] },
  eldest: { direction: 'desc', hints: ['age'] },
  newest: { direction: 'desc', hints: ['date', 'year', 'time'] },
  latest: { direction: 'desc', hints: ['date', 'year', 'time'] },
  earliest: { direction: 'asc', hints: ['date', 'year', 'time'] },
  'most recent': { direction: 'desc', hints: ['date', 'year', 'time'] },
  'most recently': { direction: 'desc', hints: ['date', 'year', 'time'] },
  longest: { direction: 'desc', hints: ['length', 'duration', 'time', 'distance'] },
  shortest: { direction: 'asc', hints: ['length', 'duration', 'time', 'height', 'distance'] },
  tallest: { direction: 'desc', hints: ['height'] },
  heaviest: { direction: 'desc', hints: ['weight'] },
  lightest: { direction: 'asc', hints: ['weight'] },
  cheapest: { direction: 'asc', hints: ['price', 'cost', 'amount'] },
  'most expensive': { direction: 'desc', hints: ['price', 'cost', 'amount'] },
  'least expensive': { direction: 'asc', hints: ['price', 'cost', 'amount'] },
  richest: { direction: 'desc', hints: ['worth', 'wealth', 'income', 'money'] },
  'most populous': { direction: 'desc', hints: ['population'] },
  'most popular': { direction: 'desc', hints: ['popularity', 'rating'] },
};

export function superlativeAt(
  tokens: Token[],
  at: number,
): { direction: 'asc' | 'desc'; hints: string[]; length: number } | undefined {
  const two = `${tokens[at]?.norm ?? ''} ${tokens[at + 1]?.norm ?? ''}`;
  const pair = ownValue(superlatives, two);
  if (pair) return { ...pair, length: 2 };
  const one = ownValue(superlatives, tokens[at]?.norm ?? '');
  return one ? { ...one, length: 1 } : undefined;
}
