/** Small statistics the facts rely on, written out so tests can check them against DuckDB. */

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median absolute deviation (unscaled). */
export function medianAbsoluteDeviation(values: number[]): number {
  const centre = median(values);
  return median(values.map((value) => Math.abs(value - centre)));
}

/** Iglewicz–Hoaglin modified z-score; |z| > 3.5 marks an outlier. Undefined when MAD is 0. */
export function modifiedZScores(values: number[]): number[] | undefined {
  const mad = medianAbsoluteDeviation(values);
  if (!(mad > 0)) return undefined;
  const centre = median(values);
  return values.map((value) => (0.6745 * (value - centre)) / mad);
}

/** Least-squares line through (0, y0), (1, y1), …: slope per step and intercept. */
export function leastSquares(values: number[]): { slope: number; intercept: number } {
  const count = values.length;
  const meanX = (count - 1) / 2;
  const meanY = values.reduce((sum, value) => sum + value, 0) / count;
  let numerator = 0;
  let denominator = 0;
  values.forEach((value, index) => {
    numerator += (index - meanX) * (value - meanY);
    denominator += (index - meanX) ** 2;
  });
  const slope = denominator === 0 ? 0 : numerator / denominator;
  return { slope, intercept: meanY - slope * meanX };
}
