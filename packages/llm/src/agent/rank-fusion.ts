/**
 * Reciprocal-rank fusion: each ranking contributes 1 / (k + rank) to a document's score. It blends
 * BM25 scores and cosine similarities without putting them on one scale, and a document found by both
 * beats one found by either alone.
 */
export function reciprocalRankFusion(rankings: readonly (readonly string[])[], k = 60): Map<string, number> {
  const scores = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((key, index) => {
      scores.set(key, (scores.get(key) ?? 0) + 1 / (k + index + 1));
    });
  }
  return scores;
}
