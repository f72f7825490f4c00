/** Number words and comparison phrases: "over 10", "at least three", "between 5 and 10". */

import { ownValue } from './own-value';
import type { Token } from './tokenize';

const units: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
  million: 1_000_000,
  dozen: 12,
};
const ordinals: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

/** The numeric value of a number token or number word ("three"), else undefined. */
export function numberValue(token: Token | undefined): number | undefined {
  if (!token) return undefined;
  if (token.kind === 'number') return token.value;
  if (token.kind === 'word') return ownValue(units, token.norm);
  return undefined;
}

export function ordinalValue(token: Token | undefined): number | undefined {
  if (!token) return undefined;
  if (token.kind === 'number' && token.ordinal) return token.value;
  if (token.kind === 'word') return ownValue(ordinals, token.norm);
  return undefined;
}

export type ComparisonOperator = '>' | '>=' | '<' | '<=' | '=' | '!=' | 'between';

export interface Comparison {
  operator: ComparisonOperator;
  value: number;
  /** Upper bound for `between`. */
  high?: number;
  /** Token positions consumed (the phrase and the number(s)). */
  start: number;
  end: number;
  /** An adjective that names the measured quantity ("older than 30" → age). */
  hint?: string;
}

/** Comparison phrases, longest first; each maps to an operator. */
const phrases: Array<[string[], ComparisonOperator]> = [
  [['no', 'less', 'than'], '>='],
  [['not', 'less', 'than'], '>='],
  [['no', 'fewer', 'than'], '>='],
  [['no', 'more', 'than'], '<='],
  [['not', 'more', 'than'], '<='],
  [['greater', 'than', 'or', 'equal', 'to'], '>='],
  [['more', 'than', 'or', 'equal', 'to'], '>='],
  [['less', 'than', 'or', 'equal', 'to'], '<='],
  [['greater', 'than'], '>'],
  [['larger', 'than'], '>'],
  [['bigger', 'than'], '>'],
  [['higher', 'than'], '>'],
  [['more', 'than'], '>'],
  [['over'], '>'],
  [['above'], '>'],
  [['exceeding'], '>'],
  [['exceeds'], '>'],
  [['beyond'], '>'],
  [['at', 'least'], '>='],
  [['minimum', 'of'], '>='],
  [['or', 'more'], '>='],
  [['less', 'than'], '<'],
  [['fewer', 'than'], '<'],
  [['lower', 'than'], '<'],
  [['smaller', 'than'], '<'],
  [['under'], '<'],
  [['below'], '<'],
  [['at', 'most'], '<='],
  [['up', 'to'], '<='],
  [['maximum', 'of'], '<='],
  [['equal', 'to'], '='],
  [['equals'], '='],
  [['exactly'], '='],
  [['not', 'equal', 'to'], '!='],
];

/** Adjective comparatives that say which quantity is compared ("older than 30", "longer than 10"). */
const comparativeHints: Record<string, [string, ComparisonOperator]> = {
  older: ['age', '>'],
  younger: ['age', '<'],
  heavier: ['weight', '>'],
  lighter: ['weight', '<'],
  taller: ['height', '>'],
  shorter: ['height', '<'],
  longer: ['length', '>'],
  earlier: ['date', '<'],
  later: ['date', '>'],
  cheaper: ['price', '<'],
  costlier: ['price', '>'],
};

function matches(tokens: Token[], at: number, words: string[]): boolean {
  return words.every((word, offset) => tokens[at + offset]?.norm === word);
}

/** Currency words after an amount say nothing about which column is compared ("1000 dollars"). */
const currencyWords = new Set(['dollar', 'dollars', 'usd', 'euro', 'euros', 'eur', 'pound', 'pounds', 'gbp']);
/** Verbs that compare a price ("products that cost more than 1000"), unless the word is a noun after "with". */
const priceVerbs = new Set(['cost', 'costs', 'priced']);
const nounMarkers = new Set([
  'with',
  'whose',
  'the',
  'a',
  'an',
  'of',
  'and',
  'where',
  'their',
  'its',
  'unit',
]);

function afterUnit(tokens: Token[], end: number): number {
  return currencyWords.has(tokens[end]?.norm ?? '') ? end + 1 : end;
}

const orWords = new Set([
  'more',
  'less',
  'fewer',
  'greater',
  'higher',
  'lower',
  'above',
  'below',
  'over',
  'under',
]);

/** Finds the comparison starting at token `at`, if any. */
export function comparisonAt(tokens: Token[], at: number): Comparison | undefined {
  const first = tokens[at];
  if (!first) return undefined;
  if (first.norm === 'negative' || first.norm === 'positive') {
    // "a negative quantity": the sign of the column that follows.
    return { operator: first.norm === 'negative' ? '<' : '>', value: 0, start: at, end: at + 1 };
  }
  if (priceVerbs.has(first.norm) && !nounMarkers.has(tokens[at - 1]?.norm ?? '')) {
    const compared = comparisonAt(tokens, at + 1);
    if (compared && compared.hint === undefined) return { ...compared, start: at, hint: 'price' };
  }
  if (first.norm === 'between' || first.norm === 'from') {
    const low = numberValue(tokens[at + 1]);
    const connector = tokens[at + 2]?.norm;
    const high = numberValue(tokens[at + 3]);
    if (low !== undefined && high !== undefined && (connector === 'and' || connector === 'to')) {
      return {
        operator: 'between',
        value: Math.min(low, high),
        high: Math.max(low, high),
        start: at,
        end: afterUnit(tokens, at + 4),
      };
    }
    return undefined;
  }
  const comparative = ownValue(comparativeHints, first.norm);
  if (comparative && tokens[at + 1]?.norm === 'than') {
    const value = numberValue(tokens[at + 2]);
    if (value !== undefined)
      return { operator: comparative[1], value, start: at, end: at + 3, hint: comparative[0] };
  }
  for (const [words, operator] of phrases) {
    if (!matches(tokens, at, words)) continue;
    if (words[0] === 'or') continue; // postfix form handled below
    const value = numberValue(tokens[at + words.length]);
    if (value === undefined) continue;
    const end = afterUnit(tokens, at + words.length + 1);
    // "at least 15 or more": the trailing words repeat the comparison.
    const repeated = tokens[end]?.norm === 'or' && orWords.has(tokens[end + 1]?.norm ?? '');
    return { operator, value, start: at, end: repeated ? end + 2 : end };
  }
  // Postfix forms: "10 or more", "5 or fewer".
  const value = numberValue(first);
  if (value !== undefined && tokens[at + 1]?.norm === 'or') {
    const word = tokens[at + 2]?.norm;
    if (word === 'more' || word === 'greater' || word === 'higher' || word === 'above')
      return { operator: '>=', value, start: at, end: at + 3 };
    if (word === 'less' || word === 'fewer' || word === 'lower' || word === 'below')
      return { operator: '<=', value, start: at, end: at + 3 };
  }
  return undefined;
}

/** The comparison words at `at` without a number ("above" in "above age 20"). */
export function comparisonPhraseAt(
  tokens: Token[],
  at: number,
): { operator: ComparisonOperator; length: number } | undefined {
  for (const [words, operator] of phrases) {
    if (words[0] !== 'or' && matches(tokens, at, words)) return { operator, length: words.length };
  }
  return undefined;
}
