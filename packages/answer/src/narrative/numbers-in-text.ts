/**
 * Finds the numbers a text states, with the precision it states them at, so that "$1.2M" can be
 * matched against 1,234,567 and "62%" against 61.8. Dates and times are not numbers here: period
 * labels like "2024-03" or "10:30" are skipped, and callers strip known member labels first.
 */
export interface TextNumber {
  raw: string;
  /** Value in base units (1.2M → 1200000; 62% → 62). */
  value: number;
  /** Half a unit of the last stated digit, in base units: what rounding could have hidden. */
  tolerance: number;
  percent: boolean;
  index: number;
}

const suffixScales: Record<string, number> = {
  k: 1e3,
  K: 1e3,
  thousand: 1e3,
  m: 1e6,
  M: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  B: 1e9,
  bn: 1e9,
  billion: 1e9,
  T: 1e12,
  trillion: 1e12,
};

// Dates, ISO timestamps, clock times and version-like dotted numbers are labels, not quantities.
const skipPattern =
  /\b\d{4}-\d{2}(?:-\d{2})?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?\b|\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d+(?:\.\d+){2,}\b/g;

const numberPattern =
  /(?<![\w.])([-−]?)([$€£¥₹]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:e([-+]?\d+))?(?:\s?(thousand|million|billion|trillion|bn|mn)\b|([kKmMbBT])(?![A-Za-z]))?(\s?%| percent\b)?/g;

export function numbersInText(text: string): TextNumber[] {
  const masked = text.replace(skipPattern, (match) => ' '.repeat(match.length));
  const found: TextNumber[] = [];
  for (const match of masked.matchAll(numberPattern)) {
    const [raw, sign = '', , whole = '', fraction = '', exponent, wordSuffix, letterSuffix, percentMark] =
      match;
    const decimals = fraction ? fraction.length - 1 : 0;
    // Exponent notation (1.8e+21) only appears for magnitudes beyond the k/M/B/T suffixes.
    const scale = (suffixScales[wordSuffix ?? letterSuffix ?? ''] ?? 1) * 10 ** Number(exponent ?? 0);
    const magnitude = Number(whole.replaceAll(',', '') + fraction);
    const negative = sign !== '';
    found.push({
      raw: raw.trim(),
      value: (negative ? -magnitude : magnitude) * scale,
      tolerance: 0.5 * 10 ** -decimals * scale,
      percent: percentMark !== undefined,
      index: match.index,
    });
  }
  return found;
}
