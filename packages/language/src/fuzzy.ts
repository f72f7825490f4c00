/**
 * Typo tolerance: optimal-string-alignment Damerau-Levenshtein distance (a transposition counts as
 * one edit, so "custmoers" is close to "customers").
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let previousPrevious = new Array<number>(cols).fill(0);
  let previous = Array.from({ length: cols }, (_, j) => j);
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i < rows; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previousPrevious[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previousPrevious, previous, current] = [previous, current, previousPrevious];
  }
  return previous[cols - 1] ?? 0;
}

/** Edits allowed for a word of this length: short words must match exactly (too many false friends). */
export function allowedEdits(word: string): number {
  if (word.length <= 4) return 0;
  if (word.length <= 7) return 1;
  return 2;
}

export interface FuzzyMatch {
  candidate: string;
  distance: number;
}

/** The closest candidate within the allowed edits, or undefined when none or when two tie. */
export function closestWord(word: string, candidates: Iterable<string>): FuzzyMatch | undefined {
  const limit = allowedEdits(word);
  if (limit === 0) return undefined;
  let best: FuzzyMatch | undefined;
  let tie = false;
  for (const candidate of candidates) {
    if (candidate.length < 4 || candidate[0] !== word[0]) continue;
    const distance = editDistance(word, candidate, limit);
    if (distance > limit) continue;
    if (!best || distance < best.distance) {
      best = { candidate, distance };
      tie = false;
    } else if (distance === best.distance && candidate !== best.candidate) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}
