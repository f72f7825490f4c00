/**
 * Splits a question into tokens the parser can reason about. Positions are kept so that every
 * phrase the parser consumes can be traced back to the words the person wrote (honesty: no word is
 * silently dropped).
 */
export type TokenKind = 'word' | 'number' | 'quoted' | 'punct';

export interface Token {
  /** Index of this token in the token list. */
  index: number;
  kind: TokenKind;
  /** The text as written. */
  text: string;
  /** Lower-cased, accent-free form for words; the raw text for quoted strings. */
  norm: string;
  /** Numeric value for number tokens (ordinals, percentages and currency included). */
  value?: number;
  /** "3rd" → true; used for "the 3rd highest". */
  ordinal?: boolean;
  percent?: boolean;
  start: number;
  end: number;
}

const tokenPattern =
  /"([^"]+)"|“([^”]+)”|'([^']{2,})'(?![a-z])|(\$?-?\d(?:[\d,]*\d)?(?:\.\d+)?(?:st|nd|rd|th)?%?)|([\p{L}\p{M}][\p{L}\p{M}\d_.]*(?:'[\p{L}]+)?)|(\S)/gu;

export function stripAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '');
}

export function normalizeWord(text: string): string {
  return stripAccents(text.toLowerCase()).replace(/[’']/g, "'");
}

export function tokenize(question: string): Token[] {
  const tokens: Token[] = [];
  const text = question.replace(/[’‘]/g, "'");
  for (const match of text.matchAll(tokenPattern)) {
    const start = match.index ?? 0;
    const raw = match[0];
    const end = start + raw.length;
    const quoted = match[1] ?? match[2] ?? match[3];
    const index = tokens.length;
    if (quoted !== undefined) {
      tokens.push({ index, kind: 'quoted', text: quoted, norm: quoted, start, end });
    } else if (match[4] !== undefined) {
      const numberText = match[4];
      const ordinal = /(st|nd|rd|th)$/.test(numberText);
      const percent = numberText.endsWith('%');
      const value = Number(numberText.replace(/[$,%]|st$|nd$|rd$|th$/g, ''));
      if (Number.isFinite(value)) {
        tokens.push({
          index,
          kind: 'number',
          text: numberText,
          norm: numberText.toLowerCase(),
          value,
          ordinal,
          percent,
          start,
          end,
        });
      }
    } else if (match[5] !== undefined) {
      let word = match[5];
      // Trailing dots are sentence punctuation, inner dots stay ("u.s.", "no.").
      while (word.endsWith('.') && !/^(?:[a-z]\.)+$/i.test(word)) word = word.slice(0, -1);
      const possessive = /'s$/i.test(word) ? word.slice(0, -2) : word.replace(/'$/, '');
      tokens.push({
        index,
        kind: 'word',
        text: possessive,
        norm: normalizeWord(possessive),
        start,
        end: start + possessive.length,
      });
    } else if (/[,<>=&/+]/.test(raw)) {
      tokens.push({ index, kind: 'punct', text: raw, norm: raw, start, end });
    }
  }
  return tokens;
}
