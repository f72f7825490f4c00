/** Deterministic pseudo-random numbers (mulberry32) so that a sample drawn with a seed is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SelectionOptions {
  offset?: number;
  limit?: number;
  /** Draw this many records at random (after offset/limit), reproducibly for a given seed. */
  sample?: number;
  seed?: number;
}

/**
 * Picks the records to run: offset and limit select a window, then an optional seeded sample is drawn
 * from it. The sample keeps file order so records sharing a table stay together.
 */
export function selectRecords<T>(items: readonly T[], options: SelectionOptions): T[] {
  const offset = Math.max(0, options.offset ?? 0);
  const end = options.limit === undefined ? items.length : offset + Math.max(0, options.limit);
  const window = items.slice(offset, end);
  if (options.sample === undefined || options.sample >= window.length) return window;
  const random = seededRandom(options.seed ?? 0);
  const indices = window.map((_, index) => index);
  for (let index = indices.length - 1; index > 0; index -= 1) {
    const swap = Math.floor(random() * (index + 1));
    [indices[index], indices[swap]] = [indices[swap] ?? 0, indices[index] ?? 0];
  }
  return indices
    .slice(0, Math.max(0, options.sample))
    .sort((a, b) => a - b)
    .map((index) => window[index] as T);
}
