/**
 * The schema vocabulary: every phrase that can name a table, column or metric, keyed by its
 * singular lower-case words. Built once per catalog. Phrases come from identifiers (camel and snake
 * case split, common abbreviations expanded), labels, descriptions' leading words are not used
 * (too noisy), synonyms, and "b of a" for two-word columns ("name of the song" → song_name).
 */
import type { Catalog, CatalogColumn, CatalogMetric } from './catalog';
import { everydayNames } from './column-vocabulary';
import { singularize, splitIdentifier } from './inflect';
import { stopWords } from './keywords';
import { ownValue } from './own-value';
import { tokenize } from './tokenize';

export type LexiconTarget =
  | { kind: 'table'; table: string }
  | { kind: 'column'; column: CatalogColumn }
  | { kind: 'metric'; metric: CatalogMetric };

export interface LexiconEntry {
  target: LexiconTarget;
  /** 1 for an exact name or label, lower for partial or derived phrases. */
  score: number;
}

const abbreviations: Record<string, string[]> = {
  num: ['number'],
  no: ['number'],
  nbr: ['number'],
  qty: ['quantity'],
  amt: ['amount'],
  dept: ['department'],
  yr: ['year'],
  dob: ['date', 'of', 'birth'],
  pct: ['percent'],
  desc: ['description'],
  addr: ['address'],
  avg: ['average'],
  cnt: ['count'],
  emp: ['employee'],
  mgr: ['manager'],
  fname: ['first', 'name'],
  lname: ['last', 'name'],
  tel: ['telephone'],
  pop: ['population'],
  lang: ['language'],
  cust: ['customer'],
  prod: ['product'],
  txn: ['transaction'],
  pts: ['points'],
  pos: ['position'],
  att: ['attendance'],
  apps: ['appearances'],
};

/** Normalises a phrase to the key form used by the lexicon: singular lower-case words joined by spaces. */
export function phraseKey(words: string[]): string {
  return words.map((word) => singularize(word)).join(' ');
}

function wordsOf(text: string): string[] {
  return tokenize(text)
    .filter((token) => token.kind === 'word' || token.kind === 'number')
    .map((token) => token.norm);
}

export class Lexicon {
  readonly entries = new Map<string, LexiconEntry[]>();
  /** Single words of the vocabulary, for typo correction. */
  readonly vocabulary = new Set<string>();
  readonly longestPhrase: number;

  constructor(readonly catalog: Catalog) {
    for (const table of catalog.tables) {
      const target: LexiconTarget = { kind: 'table', table: table.name };
      const tableWords = splitIdentifier(table.name);
      this.add(tableWords, target, 1);
      this.add(expand(tableWords), target, 0.95);
      if (table.label) this.add(wordsOf(table.label), target, 1);
      for (const synonym of table.synonyms ?? []) this.add(wordsOf(synonym), target, 0.95);
      const tableKey = phraseKey(tableWords);
      for (const column of table.columns) {
        this.addColumn(column, tableKey);
        for (const [words, score] of everydayNames(column, table))
          this.add(words, { kind: 'column', column }, score);
      }
    }
    for (const metric of catalog.metrics) {
      const target: LexiconTarget = { kind: 'metric', metric };
      this.add(splitIdentifier(metric.name), target, 1);
      if (metric.label) this.add(wordsOf(metric.label), target, 1);
      for (const synonym of metric.synonyms ?? []) this.add(wordsOf(synonym), target, 0.95);
    }
    let longest = 1;
    for (const key of this.entries.keys()) longest = Math.max(longest, key.split(' ').length);
    this.longestPhrase = Math.min(longest, 6);
  }

  private addColumn(column: CatalogColumn, tableKey: string): void {
    const target: LexiconTarget = { kind: 'column', column };
    const words = splitIdentifier(column.name);
    const expanded = expand(words);
    const keyPenalty = column.isKey ? 0.1 : 0;
    this.add(words, target, 1 - keyPenalty);
    this.add(expanded, target, 0.98 - keyPenalty);
    if (column.label) this.add(wordsOf(column.label), target, 1 - keyPenalty);
    for (const synonym of column.synonyms ?? []) this.add(wordsOf(synonym), target, 0.95);
    for (const variant of [words, expanded]) {
      // A column prefixed with its table's name ("singer_name" in singer) is named by the rest.
      const tableWords = tableKey.split(' ');
      const prefixed = tableWords.every((word, i) => singularize(variant[i] ?? '') === word);
      if (prefixed && variant.length > tableWords.length)
        this.add(variant.slice(tableWords.length), target, 0.97 - keyPenalty);
      // Suffixes name the column weakly: "release year" → song_release_year.
      for (let start = 1; start < variant.length; start++) {
        const suffix = variant.slice(start);
        if (suffix.every((word) => stopWords.has(word))) continue;
        this.add(suffix, target, (suffix.length >= 2 ? 0.8 : 0.6) - keyPenalty);
      }
      // "stadium name", "concert year": the table's name before the column's.
      if (!prefixed) this.add([...tableKey.split(' '), ...variant], target, 0.99 - keyPenalty);
      if (variant[0] === 'number' && variant[1] !== 'of')
        this.add(['number', 'of', ...variant.slice(1)], target, 0.97 - keyPenalty);
      // "level_of_membership" is also "membership level", "date_of_birth" also "birth date".
      const ofAt = variant.indexOf('of');
      if (ofAt > 0 && ofAt < variant.length - 1)
        this.add([...variant.slice(ofAt + 1), ...variant.slice(0, ofAt)], target, 0.95 - keyPenalty);
      if (variant.length === 2) {
        const [head, tail] = variant as [string, string];
        this.add([tail, 'of', head], target, 0.97 - keyPenalty);
        this.add([tail, 'of', 'the', head], target, 0.97 - keyPenalty);
      }
    }
  }

  private add(words: string[], target: LexiconTarget, score: number): void {
    if (words.length === 0) return;
    const key = phraseKey(words);
    for (const word of key.split(' ')) if (word.length > 3 && !stopWords.has(word)) this.vocabulary.add(word);
    const list = this.entries.get(key) ?? [];
    const existing = list.find((entry) => sameTarget(entry.target, target));
    if (existing) existing.score = Math.max(existing.score, score);
    else list.push({ target, score });
    this.entries.set(key, list);
  }

  lookup(words: string[]): LexiconEntry[] | undefined {
    return this.entries.get(phraseKey(words));
  }
}

const letterPrefixes: Record<string, string> = { f: 'first', l: 'last', m: 'middle' };

function expand(words: string[]): string[] {
  // "LName" splits as "l name": a lone leading letter is the usual first/last/middle abbreviation.
  const joined = ownValue(abbreviations, words.join(''));
  if (joined) return joined;
  const [first, ...rest] = words;
  const prefix = first === undefined ? undefined : ownValue(letterPrefixes, first);
  const spelled = prefix && rest.length > 0 ? [prefix, ...rest] : words;
  return spelled.flatMap((word) => ownValue(abbreviations, word) ?? [word]);
}

export function sameTarget(a: LexiconTarget, b: LexiconTarget): boolean {
  if (a.kind === 'table' && b.kind === 'table') return a.table === b.table;
  if (a.kind === 'column' && b.kind === 'column')
    return a.column.table === b.column.table && a.column.name === b.column.name;
  if (a.kind === 'metric' && b.kind === 'metric') return a.metric.name === b.metric.name;
  return false;
}
