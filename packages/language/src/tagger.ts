/**
 * Turns tokens into tagged spans: schema references, values, numbers, comparisons, dates, keywords,
 * filler words and unknown words. Longest match wins; typo corrections and WordNet synonyms are
 * tried only for words nothing else explains, and each one is reported.
 */
import { isTemporalType } from './catalog';
import { type DatePhrase, datePhraseAt, openRangeAt } from './dates';
import { type KeywordKind, keywordPhrases, stopWords } from './keywords';
import type { Lexicon, LexiconEntry } from './lexicon';
import { timeOrdinalAt } from './measure-questions';
import { nounValue } from './noun-values';
import { type Comparison, comparisonAt, comparisonPhraseAt, numberValue, ordinalValue } from './numbers';
import { ownValue } from './own-value';
import { superlativeAt } from './superlatives';
import { theUsValue, unexplainedUs } from './the-us';
import type { Token } from './tokenize';
import type { ValueIndex, ValueMatch } from './value-index';
import { pertainymValue, rescueWord } from './word-rescue';
import { isWordnetWord } from './wordnet';

export type Tag =
  | { type: 'schema'; entries: LexiconEntry[]; start: number; end: number; via?: 'typo' | 'synonym' }
  | { type: 'value'; matches: ValueMatch[]; start: number; end: number; quoted?: boolean }
  | { type: 'literal'; text: string; start: number; end: number }
  | { type: 'partial'; table: string; column: string; text: string; start: number; end: number }
  | { type: 'number'; value: number; ordinal: boolean; start: number; end: number }
  | { type: 'comparison'; comparison: Comparison; start: number; end: number }
  | { type: 'date'; phrase: DatePhrase; start: number; end: number }
  | { type: 'keyword'; keyword: KeywordKind; start: number; end: number }
  | { type: 'superlative'; direction: 'asc' | 'desc'; hints: string[]; start: number; end: number }
  | { type: 'stop'; start: number; end: number }
  | { type: 'unknown'; word: string; start: number; end: number };

export interface Correction {
  from: string;
  to: string;
  kind: 'typo' | 'synonym';
}

export interface TaggedQuestion {
  tokens: Token[];
  tags: Tag[];
  corrections: Correction[];
}

const keywordTable = new Map<string, KeywordKind>(keywordPhrases);
const longestKeyword = Math.max(...keywordPhrases.map(([phrase]) => phrase.split(' ').length));
const aggregateKeywords = new Set<KeywordKind>(['count', 'sum', 'avg', 'min', 'max', 'most', 'least']);

/** The words a tag spans, normalised and joined by spaces ('' for no tag). */
export function tagText(tokens: readonly Token[], tag: Tag | undefined): string {
  if (tag === undefined) return '';
  return tokens
    .slice(tag.start, tag.end)
    .map((token) => token.norm)
    .join(' ');
}

export interface TaggerContext {
  lexicon: Lexicon;
  values: ValueIndex;
  asOfYear: number;
}

function keywordAt(tokens: Token[], at: number): { keyword: KeywordKind; length: number } | undefined {
  for (let length = Math.min(longestKeyword, tokens.length - at); length >= 1; length--) {
    const phrase = tokens
      .slice(at, at + length)
      .map((token) => token.norm)
      .join(' ');
    const keyword = keywordTable.get(phrase);
    if (keyword) return { keyword, length };
  }
  return undefined;
}

function schemaAt(
  tokens: Token[],
  at: number,
  lexicon: Lexicon,
): { entries: LexiconEntry[]; length: number } | undefined {
  for (let length = Math.min(lexicon.longestPhrase, tokens.length - at); length >= 1; length--) {
    const slice = tokens.slice(at, at + length);
    if (slice.some((token) => token.kind !== 'word' && token.kind !== 'number')) continue;
    if (length === 1 && stopWords.has(slice[0]?.norm ?? '')) continue;
    const entries = lexicon.lookup(slice.map((token) => token.norm));
    if (entries) return { entries, length };
  }
  return undefined;
}

function valueAt(
  tokens: Token[],
  at: number,
  values: ValueIndex,
): { matches: ValueMatch[]; length: number } | undefined {
  for (let length = Math.min(values.longestValue, tokens.length - at); length >= 1; length--) {
    const slice = tokens.slice(at, at + length);
    if (slice.some((token) => token.kind === 'quoted')) continue;
    if (length === 1 && (stopWords.has(slice[0]?.norm ?? '') || slice[0]?.kind === 'number')) continue;
    const matches = values.lookup(slice.map((token) => token.norm));
    if (matches) return { matches, length };
  }
  const word = tokens[at];
  const matches = word
    ? (theUsValue(tokens, at, values) ??
      nounValue(word, values, () => pertainymValue(word, values) !== undefined))
    : undefined;
  if (matches) return { matches, length: 1 };
  return undefined;
}

export function tagQuestion(tokens: Token[], context: TaggerContext): TaggedQuestion {
  const { lexicon, values, asOfYear } = context;
  const hasTemporal = lexicon.catalog.tables.some((table) =>
    table.columns.some((column) => isTemporalType(column.logicalType)),
  );
  const tags: Tag[] = [];
  const corrections: Correction[] = [];
  let at = 0;
  while (at < tokens.length) {
    const token = tokens[at] as Token;
    if (token.kind === 'quoted') {
      const matches =
        values.lookup([token.norm.toLowerCase()]) ?? values.lookup(token.norm.toLowerCase().split(/\s+/));
      tags.push(
        matches
          ? { type: 'value', matches, start: at, end: at + 1, quoted: true }
          : { type: 'literal', text: token.text, start: at, end: at + 1 },
      );
      at++;
      continue;
    }
    if (token.kind === 'punct') {
      tags.push({ type: 'stop', start: at, end: at + 1 });
      at++;
      continue;
    }
    const superlative =
      superlativeAt(tokens, at) ??
      // "the last year X won" ranks by year, unless "last season" is itself a column's name.
      ((schemaAt(tokens, at, lexicon)?.length ?? 0) < 2
        ? timeOrdinalAt(
            tokens.slice(at, at + 3).map((token) => token.norm),
            [tokens[at - 2]?.norm, tokens[at - 1]?.norm],
          )
        : undefined);
    if (superlative) {
      tags.push({
        type: 'superlative',
        direction: superlative.direction,
        hints: superlative.hints,
        start: at,
        end: at + superlative.length,
      });
      at += superlative.length;
      continue;
    }
    const date = openRangeAt(tokens, at, asOfYear) ?? datePhraseAt(tokens, at, asOfYear);
    const dateUsable =
      date &&
      (hasTemporal ||
        (date.kind === 'absolute' && date.year !== undefined) ||
        date.label.startsWith('since') ||
        date.label.startsWith('before') ||
        date.label.startsWith('after') ||
        // "in November" on one sheet may filter dates written as text (month-only.ts).
        (date.kind === 'absolute' && date.monthOnly !== undefined && lexicon.catalog.tables.length === 1));
    const schema = withoutComparisonVerb(schemaAt(tokens, at, lexicon), tokens, at, lexicon);
    const value = valueAt(tokens, at, values);
    const keyword = keywordAt(tokens, at);
    const comparison = comparisonAt(tokens, at);
    const schemaLength = schema?.length ?? 0;
    const valueLength = value?.length ?? 0;
    if (
      date &&
      dateUsable &&
      date.end - at >= Math.max(schemaLength, valueLength, 1) &&
      !(date.kind === 'absolute' && date.year !== undefined && !hasTemporal && date.end - at === 1)
    ) {
      tags.push({ type: 'date', phrase: date, start: at, end: date.end });
      at = date.end;
      continue;
    }
    const split = comparison ? undefined : splitComparisonAt(tokens, at, lexicon);
    if (split) {
      // "above age 20": the column named between the comparison word and the number comes first.
      tags.push({ type: 'schema', entries: split.entries, start: split.schemaStart, end: split.schemaEnd });
      tags.push({ type: 'comparison', comparison: split.comparison, start: at, end: split.comparison.end });
      at = split.comparison.end;
      continue;
    }
    if (comparison && comparison.end - at > Math.max(schemaLength, valueLength)) {
      tags.push({ type: 'comparison', comparison, start: at, end: comparison.end });
      at = comparison.end;
      continue;
    }
    const keywordLength = keyword?.length ?? 0;
    const best = Math.max(schemaLength, valueLength, keywordLength);
    if (best > 0) {
      // Aggregation words win a tie with a one-word column of the same name when a reference follows
      // ("average age" where a column is also called "average").
      const keywordFirst =
        keyword &&
        keywordLength === best &&
        (schemaLength < best ||
          (aggregateKeywords.has(keyword.keyword) &&
            referenceFollows(tokens, at + keywordLength, lexicon))) &&
        (valueLength < best || !token.text.match(/^[A-Z]/));
      if (keywordFirst && keyword) {
        tags.push({ type: 'keyword', keyword: keyword.keyword, start: at, end: at + keyword.length });
        at += keyword.length;
        continue;
      }
      if (
        schema &&
        schemaLength === best &&
        (valueLength < best || schema.entries.some((entry) => entry.score >= 0.95))
      ) {
        tags.push({ type: 'schema', entries: schema.entries, start: at, end: at + schema.length });
        at += schema.length;
        continue;
      }
      if (value && valueLength === best) {
        tags.push({ type: 'value', matches: value.matches, start: at, end: at + value.length });
        at += value.length;
        continue;
      }
      if (schema) {
        tags.push({ type: 'schema', entries: schema.entries, start: at, end: at + schema.length });
        at += schema.length;
        continue;
      }
    }
    const number = numberValue(token);
    const ordinal = ordinalValue(token);
    if (number !== undefined || ordinal !== undefined) {
      tags.push({
        type: 'number',
        value: (number ?? ordinal) as number,
        ordinal: ordinal !== undefined && number === undefined ? true : Boolean(token.ordinal),
        start: at,
        end: at + 1,
      });
      at++;
      continue;
    }
    if (unexplainedUs(tokens, at, lexicon.catalog)) {
      tags.push({ type: 'unknown', word: token.text, start: at, end: at + 1 });
      at++;
      continue;
    }
    if (stopWords.has(token.norm) || token.kind !== 'word') {
      tags.push({ type: 'stop', start: at, end: at + 1 });
      at++;
      continue;
    }
    const pertainedValue = pertainymValue(token, values);
    if (pertainedValue) {
      // "French singers" → a filter on the value "France".
      corrections.push({ from: token.text, to: pertainedValue.value, kind: 'synonym' });
      tags.push({ type: 'value', matches: pertainedValue.matches, start: at, end: at + 1 });
      at++;
      continue;
    }
    const rescued = rescueWord(token, lexicon);
    if (rescued) {
      corrections.push({ from: token.text, to: rescued.word, kind: rescued.via });
      tags.push({
        type: 'schema',
        entries: rescued.entries.map((entry) => ({
          ...entry,
          score: entry.score * (rescued.via === 'typo' ? 0.9 : 0.8),
        })),
        start: at,
        end: at + 1,
        via: rescued.via,
      });
      at++;
      continue;
    }
    // Only names (capitalised mid-sentence, or unknown to WordNet) are looked for inside values: common
    // words like "greater" occur inside many values by accident.
    const nameLike = (at > 0 && /^[A-Z]/.test(token.text)) || !isWordnetWord(token.norm);
    const container = nameLike && token.norm.length >= 3 ? values.columnContaining(token.norm) : undefined;
    if (container) {
      // A word found inside the values of one column ("cochet" in "Henri Cochet"): a "contains" filter,
      // extended over the following words that sit in the same column ("kansas state").
      let end = at + 1;
      while (end < tokens.length) {
        const next = tokens[end] as Token;
        const same =
          next.kind === 'word' && !stopWords.has(next.norm) ? values.columnContaining(next.norm) : undefined;
        if (!same || same.table !== container.table || same.column !== container.column) break;
        end++;
      }
      const text = tokens
        .slice(at, end)
        .map((part) => part.text)
        .join(' ');
      tags.push({ type: 'partial', table: container.table, column: container.column, text, start: at, end });
      at = end;
      continue;
    }
    tags.push({ type: 'unknown', word: token.text, start: at, end: at + 1 });
    at++;
  }
  return { tokens, tags, corrections };
}

/** "products cost more than 100": the verb that starts a comparison is not part of the schema phrase before it. */
function withoutComparisonVerb(
  schema: { entries: LexiconEntry[]; length: number } | undefined,
  tokens: Token[],
  at: number,
  lexicon: Lexicon,
): { entries: LexiconEntry[]; length: number } | undefined {
  if (!schema || schema.length < 2) return schema;
  const last = at + schema.length - 1;
  if (comparisonAt(tokens, last)?.hint === undefined) return schema;
  const entries = lexicon.lookup(tokens.slice(at, last).map((token) => token.norm));
  return entries ? { entries, length: schema.length - 1 } : schema;
}

/** A schema phrase follows, possibly after a list of other aggregation words ("average and maximum capacity"). */
function referenceFollows(tokens: Token[], at: number, lexicon: Lexicon): boolean {
  let i = at;
  while (i < tokens.length) {
    const word = tokens[i]?.norm ?? '';
    if (
      word === 'and' ||
      word === ',' ||
      word === 'the' ||
      word === 'of' ||
      aggregateKeywords.has(keywordTable.get(word) ?? 'list')
    )
      i++;
    else break;
  }
  return schemaAt(tokens, i, lexicon) !== undefined;
}

function splitComparisonAt(
  tokens: Token[],
  at: number,
  lexicon: Lexicon,
): { entries: LexiconEntry[]; schemaStart: number; schemaEnd: number; comparison: Comparison } | undefined {
  const comparative = ownValue(comparativeWords, tokens[at]?.norm ?? '');
  if (comparative) {
    // "a greater weight than 10": comparative, column, "than", number.
    const schema = schemaAt(tokens, at + 1, lexicon);
    const thanAt = at + 1 + (schema?.length ?? 0);
    const value = numberValue(tokens[thanAt + 1]);
    if (schema && tokens[thanAt]?.norm === 'than' && value !== undefined) {
      return {
        entries: schema.entries,
        schemaStart: at + 1,
        schemaEnd: thanAt,
        comparison: { operator: comparative, value, start: at, end: thanAt + 2 },
      };
    }
  }
  const phrase = comparisonPhraseAt(tokens, at);
  if (!phrase) return undefined;
  let schemaStart = at + phrase.length;
  if (tokens[schemaStart]?.norm === 'the' || tokens[schemaStart]?.norm === 'a') schemaStart++;
  const schema = schemaAt(tokens, schemaStart, lexicon);
  if (!schema) return undefined;
  const schemaEnd = schemaStart + schema.length;
  const offset = tokens[schemaEnd]?.norm === 'of' ? 1 : 0;
  const value = numberValue(tokens[schemaEnd + offset]);
  if (value === undefined) return undefined;
  return {
    entries: schema.entries,
    schemaStart,
    schemaEnd,
    comparison: { operator: phrase.operator, value, start: at, end: schemaEnd + offset + 1 },
  };
}

const comparativeWords: Record<string, Comparison['operator']> = {
  greater: '>',
  higher: '>',
  larger: '>',
  bigger: '>',
  more: '>',
  less: '<',
  lower: '<',
  smaller: '<',
  fewer: '<',
};
